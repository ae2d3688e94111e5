/*
 * posix_socket_check.h - what the socket test programs share
 * (posix_socket_dgram.c, _seqpacket.c, _scm.c, _poll.c): errno checks,
 * addresses, and a main that runs the checks in a child with the kernel's
 * counters compared (check.h).
 *
 * Layer: test programs (user space).
 */
#ifndef FREEPORT_TESTS_POSIX_SOCKET_CHECK_H
#define FREEPORT_TESTS_POSIX_SOCKET_CHECK_H

#include <sys/socket.h>
#include <sys/un.h>
#include "check.h"

static inline bool fails_with(long result, int error)
{
    return result == -1 && errno == error;
}

static inline void close_both(const int fds[2])
{
    close(fds[0]);
    close(fds[1]);
}

/* An AF_UNIX address for `path` (the tests' paths are short). */
static inline struct sockaddr_un named(const char *path)
{
    struct sockaddr_un address = {.sun_family = AF_UNIX};

    memcpy(address.sun_path, path, strlen(path) + 1);
    return address;
}

/* A child sends 4 bytes on fds[1] a little later: does the parent's recv
 * on fds[0], blocked meanwhile, get them (and the child succeed)? */
static inline bool recv_woken_by_child_send(const int fds[2])
{
    char buffer[8];
    int status = -1;
    pid_t child = fork_child();

    if (child == 0) {
        sleep_ms(50);
        _exit(send(fds[1], "wake", 4, 0) == 4 ? 0 : 1);
    }
    return recv(fds[0], buffer, sizeof(buffer), 0) == 4 && waitpid(child, &status, 0) == child && status == 0;
}

/* main: warm_up() first grows the heap's slabs for what the checks use,
 * so that the counters compared at the end see only what the checks
 * leave; then checks() runs in a child (it _exits with its failure
 * count) and the counters must be back. */
static inline int socket_checks_main(const char *self, void (*warm_up)(void),
                                     void (*checks)(const char *self))
{
    setvbuf(stdout, NULL, _IONBF, 0);
    warm_up();
    check_failures = 0; /* its page is written now, not first after the counters are read */
    return check_in_child(checks, self);
}

#endif
