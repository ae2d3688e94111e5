/*
 * ucat [-l] [-u | -s] path - copy standard input to a Unix socket and the
 * socket to standard output, like `nc -U`, for scripts.
 *
 * Layer: user program.
 * Stream (the default) and seqpacket (-s): without -l it connects to the
 * socket bound at `path`; with -l it binds `path`, accepts one connection
 * and removes the path again. A child copies the socket to standard
 * output while the parent copies standard input to the socket (on a
 * seqpacket socket each read of the input is one record); at the end of
 * its input the parent shuts the socket down for writing (the peer sees
 * end of file) and waits for the child, which ends at the peer's end of
 * file.
 * Datagram (-u): without -l it sends each read of its input as one
 * datagram to `path`, and an empty datagram at the end; with -l it binds
 * `path` and writes each datagram it receives to standard output until an
 * empty one comes, then removes the path.
 * Exit status: 0, 1 when a copy failed, 2 for bad usage or a socket call
 * that failed.
 */
#include <err.h>
#include <signal.h>
#include <stdbool.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#define USAGE "usage: ucat [-l] [-u | -s] path"

/* Copy `from` to `to` until a read gives 0 bytes (the end of file, or an
 * empty datagram): 0, or -1 when a read or write failed. */
static int copy(int from, int to)
{
    static char buffer[65536]; /* the largest datagram */
    ssize_t got;

    while ((got = read(from, buffer, sizeof(buffer))) > 0)
        for (ssize_t done = 0, put; done < got; done += put)
            if ((put = write(to, buffer + done, (size_t)(got - done))) <= 0)
                return -1;
    return got == 0 ? 0 : -1;
}

static void bind_to(int fd, const struct sockaddr_un *address)
{
    if (bind(fd, (const struct sockaddr *)address, sizeof(*address)) != 0)
        err(2, "%s", address->sun_path);
}

/* The connected socket of `type`: accepted on `path` (listening) or
 * connected to it. */
static int open_connection(const struct sockaddr_un *address, int type, bool listening)
{
    int fd = socket(AF_UNIX, type, 0);

    if (fd < 0)
        err(2, "socket");
    if (!listening) {
        if (connect(fd, (const struct sockaddr *)address, sizeof(*address)) != 0)
            err(2, "%s", address->sun_path);
        return fd;
    }
    bind_to(fd, address);
    if (listen(fd, 1) != 0)
        err(2, "%s", address->sun_path);
    int connection = accept(fd, NULL, NULL);
    unlink(address->sun_path);
    if (connection < 0)
        err(2, "accept");
    close(fd);
    return connection;
}

/* Both directions over a connection, as described above. */
static int run_connection(const struct sockaddr_un *address, int type, bool listening)
{
    int fd = open_connection(address, type, listening), status = -1;
    pid_t reader = fork();

    if (reader < 0)
        err(2, "fork");
    if (reader == 0)
        _exit(copy(fd, STDOUT_FILENO) == 0 ? 0 : 1);
    int failed = copy(STDIN_FILENO, fd);
    shutdown(fd, SHUT_WR);
    waitpid(reader, &status, 0);
    if (failed)
        warn("write");
    return failed || !WIFEXITED(status) || WEXITSTATUS(status) != 0;
}

/* Datagrams one way: received and printed (listening), or sent. */
static int run_datagrams(const struct sockaddr_un *address, bool listening)
{
    int fd = socket(AF_UNIX, SOCK_DGRAM, 0), failed;

    if (fd < 0)
        err(2, "socket");
    if (listening) {
        bind_to(fd, address);
        failed = copy(fd, STDOUT_FILENO);
        unlink(address->sun_path);
    } else {
        if (connect(fd, (const struct sockaddr *)address, sizeof(*address)) != 0)
            err(2, "%s", address->sun_path);
        failed = copy(STDIN_FILENO, fd) || send(fd, "", 0, 0) != 0;
    }
    if (failed)
        warn(listening ? "read" : "send");
    return failed != 0;
}

int main(int argc, char **argv)
{
    struct sockaddr_un address = {.sun_family = AF_UNIX};
    bool listening = false;
    int option, type = SOCK_STREAM;

    while ((option = getopt(argc, argv, "lus")) != -1) {
        if (option == 'l')
            listening = true;
        else if (option == 'u' && type == SOCK_STREAM)
            type = SOCK_DGRAM;
        else if (option == 's' && type == SOCK_STREAM)
            type = SOCK_SEQPACKET;
        else
            errx(2, USAGE);
    }
    if (optind != argc - 1 || strlen(argv[optind]) >= sizeof(address.sun_path))
        errx(2, USAGE);
    strcpy(address.sun_path, argv[optind]);
    signal(SIGPIPE, SIG_IGN); /* a peer gone is a failed write, reported */
    if (type == SOCK_DGRAM)
        return run_datagrams(&address, listening);
    return run_connection(&address, type, listening);
}
