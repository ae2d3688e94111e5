/*
 * ucat [-l] path - copy standard input to a Unix stream socket and the
 * socket to standard output, like `nc -U`.
 *
 * Layer: user program. Without -l it connects to the socket bound at
 * `path`; with -l it binds `path`, accepts one connection and removes the
 * path again. A child copies the socket to standard output while the
 * parent copies standard input to the socket; at the end of its input
 * the parent shuts the socket down for writing (the peer sees end of
 * file) and waits for the child, which ends at the peer's end of file.
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

#define USAGE "usage: ucat [-l] path"

/* Copy `from` to `to` until end of file: 0, or -1 when a read or write failed. */
static int copy(int from, int to)
{
    char buffer[4096];
    ssize_t got;

    while ((got = read(from, buffer, sizeof(buffer))) > 0)
        for (ssize_t done = 0, put; done < got; done += put)
            if ((put = write(to, buffer + done, (size_t)(got - done))) <= 0)
                return -1;
    return got == 0 ? 0 : -1;
}

/* The connected socket: accepted on `path` (listening) or connected to it. */
static int open_socket(const struct sockaddr_un *address, bool listening)
{
    int fd = socket(AF_UNIX, SOCK_STREAM, 0);

    if (fd < 0)
        err(2, "socket");
    if (!listening) {
        if (connect(fd, (const struct sockaddr *)address, sizeof(*address)) != 0)
            err(2, "%s", address->sun_path);
        return fd;
    }
    if (bind(fd, (const struct sockaddr *)address, sizeof(*address)) != 0 || listen(fd, 1) != 0)
        err(2, "%s", address->sun_path);
    int connection = accept(fd, NULL, NULL);
    unlink(address->sun_path);
    if (connection < 0)
        err(2, "accept");
    close(fd);
    return connection;
}

int main(int argc, char **argv)
{
    struct sockaddr_un address = {.sun_family = AF_UNIX};
    bool listening = false;
    int option, status = -1;

    while ((option = getopt(argc, argv, "l")) != -1) {
        if (option != 'l')
            errx(2, USAGE);
        listening = true;
    }
    if (optind != argc - 1 || strlen(argv[optind]) >= sizeof(address.sun_path))
        errx(2, USAGE);
    strcpy(address.sun_path, argv[optind]);
    signal(SIGPIPE, SIG_IGN); /* a peer gone is a failed write, reported below */
    int fd = open_socket(&address, listening);
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
