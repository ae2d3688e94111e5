/*
 * userland/lib/tools.h - helpers the programs in userland/bin/ share.
 *
 * Layer: user library (libtools.a, linked into every program). Portable
 * POSIX C, like the programs: it builds for Freeport and for the host.
 * Errors are reported on stderr as "program: what: why" (<err.h> style).
 */
#ifndef USERLAND_LIB_TOOLS_H
#define USERLAND_LIB_TOOLS_H

#include <stdbool.h>
#include <stddef.h>

/* Copies everything from fd from to fd to; 0, or -1 with errno set. */
int copy_fd(int from, int to);

/* Writes all length bytes of buffer to fd; 0, or -1 with errno set. */
int write_all(int fd, const void *buffer, size_t length);

/*
 * Calls process(fd, name) for each file named in names (count of them), "-"
 * meaning standard input, or for standard input alone when count is 0.
 * A file that cannot be opened is reported and skipped. Returns 0 if every
 * file opened and every process() returned 0, else 1 (an exit status).
 */
int for_each_input(int count, char **names, int (*process)(int fd, const char *name));

/*
 * The destination of source in cp/mv style: target itself, or, if target
 * is a directory, target/last-component-of-source (written to buffer).
 * NULL if that does not fit in size.
 */
const char *destination_path(const char *source, const char *target, char *buffer, size_t size);

/*
 * The cp/mv command line: "source target" or "source... directory". Calls
 * action(source, destination) for each source (destination as
 * destination_path gives it). Returns the exit status: 2 for bad usage, 1 if
 * an action failed (it reports why), else 0.
 */
int for_each_source(int argc, char **argv, const char *usage,
                    int (*action)(const char *source, const char *destination));

/*
 * Sends one request line to init (/var/run/init.sock, docs/services.md).
 * On "ok", prints header (if not NULL) and the reply's lines before "ok";
 * on "error WHY" or no answer, reports it on stderr. Returns an exit
 * status: 0 for "ok", else 1.
 */
int init_request(const char *request, const char *header);

/* The main of a tool that takes no argument and sends one request (shutdown, reboot). */
int init_request_tool(int argc, const char *request);

/*
 * A Unix socket of type (SOCK_STREAM or SOCK_DGRAM, with SOCK_NONBLOCK and
 * SOCK_CLOEXEC or'ed in as wanted) bound at path, a stale socket file there
 * removed first; listening with that backlog if backlog > 0 (a stream
 * socket). The fd, or -1 with errno set and nothing left open.
 */
int unix_socket_bind(const char *path, int type, int backlog);

/* text as a decimal number from 0 to max, digits only and nothing after
 * them: true with *value set, else false (*value untouched). */
bool parse_unsigned(const char *text, unsigned long max, unsigned long *value);

/* A waitpid() status as a shell shows it: the exit code, or 128 + the signal. */
int exit_status_of(int wait_status);

#endif
