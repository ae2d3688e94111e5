/*
 * posix_socket_poll - socket options and poll readiness, seen from user
 * space: SO_TYPE, SO_ERROR, SO_ACCEPTCONN, SO_PEERCRED (socketpair,
 * connect and accept, between two processes), SO_SNDBUF and SO_RCVBUF
 * (what they mean per type, setting them, clamping) and every refusal;
 * poll on each type: POLLIN, POLLOUT, POLLHUP as they become true, a
 * listener with a connection waiting, and a poll or a read blocked in
 * another process woken by a send, a connect, a read making room, the
 * peer's close, the peer's shutdown(SHUT_WR), and shutdown(SHUT_RD) of
 * the socket itself; and the kernel's counters back where they started.
 *
 * Run by tests/posix_socket.bats.
 */
#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include "posix_socket_check.h"

#define PATH_SERVER "/tmp/poll-server"

static char big[64 * 1024];

static int option(int fd, int name)
{
    int value = -1;
    socklen_t length = sizeof(value);

    return getsockopt(fd, SOL_SOCKET, name, &value, &length) == 0 ? value : -1;
}

static int set_option(int fd, int name, int value)
{
    return setsockopt(fd, SOL_SOCKET, name, &value, sizeof(value));
}

/* The events poll reports for `fd` wanting `events`, waiting `timeout`. */
static int ready(int fd, short events, int timeout)
{
    struct pollfd entry = {fd, events, 0};

    return poll(&entry, 1, timeout) < 0 ? -1 : entry.revents;
}

static int listening_socket(void)
{
    struct sockaddr_un address = {.sun_family = AF_UNIX, .sun_path = PATH_SERVER};
    int fd = socket(AF_UNIX, SOCK_STREAM, 0);

    unlink(PATH_SERVER);
    bind(fd, (struct sockaddr *)&address, sizeof(address));
    listen(fd, 4);
    return fd;
}

static int connect_server(void)
{
    struct sockaddr_un address = {.sun_family = AF_UNIX, .sun_path = PATH_SERVER};
    int fd = socket(AF_UNIX, SOCK_STREAM, 0);

    return connect(fd, (struct sockaddr *)&address, sizeof(address)) == 0 ? fd : -1;
}

static void check_simple_options(void)
{
    int stream[2], dgram[2], seqpacket[2], value = 0;
    socklen_t length = 2;

    socketpair(AF_UNIX, SOCK_STREAM, 0, stream);
    socketpair(AF_UNIX, SOCK_DGRAM, 0, dgram);
    socketpair(AF_UNIX, SOCK_SEQPACKET, 0, seqpacket);
    CHECK(option(stream[0], SO_TYPE) == SOCK_STREAM && option(dgram[0], SO_TYPE) == SOCK_DGRAM &&
              option(seqpacket[0], SO_TYPE) == SOCK_SEQPACKET && option(stream[0], SO_ERROR) == 0,
          "SO_TYPE of each type; SO_ERROR 0");
    CHECK(option(stream[0], SO_SNDBUF) == 65536 && option(stream[0], SO_RCVBUF) == 65536 &&
              set_option(stream[0], SO_SNDBUF, 1000) == 0 && option(stream[0], SO_SNDBUF) == 65536,
          "stream: SO_SNDBUF and SO_RCVBUF are the 64 KiB ring; setting them changes nothing");
    CHECK(option(dgram[0], SO_SNDBUF) == 65536 && set_option(dgram[0], SO_SNDBUF, 100) == 0 &&
              option(dgram[0], SO_SNDBUF) == 100 && send(dgram[0], big, 100, 0) == 100 &&
              fails_with(send(dgram[0], big, 101, 0), EMSGSIZE),
          "datagram: SO_SNDBUF is the largest datagram it sends (EMSGSIZE beyond)");
    recv(dgram[1], big, sizeof(big), 0);
    CHECK(option(dgram[1], SO_RCVBUF) == 256 * 1024 && set_option(dgram[1], SO_RCVBUF, 8192) == 0 &&
              option(dgram[1], SO_RCVBUF) == 8192 && send(dgram[0], big, 100, 0) == 100,
          "datagram: SO_RCVBUF is its queue's bytes (256 KiB), settable");
    set_option(dgram[0], SO_SNDBUF, 65536);
    CHECK(send(dgram[0], big, 8000, MSG_DONTWAIT) == 8000 &&
              fails_with(send(dgram[0], big, 100, MSG_DONTWAIT), EAGAIN),
          "... a queue at its byte limit makes senders wait (EAGAIN)");
    CHECK(set_option(dgram[1], SO_RCVBUF, 10) == 0 && option(dgram[1], SO_RCVBUF) == 4096 &&
              set_option(dgram[1], SO_RCVBUF, 1 << 30) == 0 && option(dgram[1], SO_RCVBUF) == 4 << 20,
          "SO_RCVBUF is clamped to 4 KiB .. 4 MiB");
    CHECK(fails_with(set_option(stream[0], SO_TYPE, 1), ENOPROTOOPT) &&
              fails_with(option(stream[0], 999), ENOPROTOOPT) &&
              fails_with(setsockopt(stream[0], 6, SO_SNDBUF, &value, sizeof(value)), ENOPROTOOPT),
          "a read-only, unknown or other-level option: ENOPROTOOPT");
    CHECK(fails_with(setsockopt(stream[0], SOL_SOCKET, SO_SNDBUF, &value, 2), EINVAL) &&
              fails_with(getsockopt(stream[0], SOL_SOCKET, SO_TYPE, &value, &length), EINVAL) &&
              fails_with(set_option(dgram[0], SO_SNDBUF, -1), EINVAL),
          "a value shorter than an int, or negative: EINVAL");
    length = sizeof(value);
    CHECK(fails_with(setsockopt(stream[0], SOL_SOCKET, SO_SNDBUF, bad_pointer(8), 4), EFAULT) &&
              fails_with(getsockopt(stream[0], SOL_SOCKET, SO_TYPE, bad_pointer(8), &length), EFAULT),
          "a bad value pointer: EFAULT");
    close_both(stream);
    close_both(dgram);
    close_both(seqpacket);
}

static void check_credentials(void)
{
    int fds[2], status = -1;
    struct ucred credentials = {0};
    socklen_t length = sizeof(credentials);

    socketpair(AF_UNIX, SOCK_SEQPACKET, 0, fds);
    CHECK(getsockopt(fds[0], SOL_SOCKET, SO_PEERCRED, &credentials, &length) == 0 &&
              length == sizeof(credentials) && credentials.pid == getpid() && credentials.uid == 0 &&
              credentials.gid == 0,
          "SO_PEERCRED of a socketpair: this process, uid and gid 0");
    length = 4;
    credentials.uid = 77;
    CHECK(getsockopt(fds[0], SOL_SOCKET, SO_PEERCRED, &credentials, &length) == 0 && length == 4 &&
              credentials.uid == 77,
          "a short buffer gets the start (the pid)");
    close_both(fds);

    int listener = listening_socket();
    length = sizeof(credentials);
    CHECK(option(listener, SO_ACCEPTCONN) == 1 &&
              fails_with(getsockopt(listener, SOL_SOCKET, SO_PEERCRED, &credentials, &length), ENOTCONN),
          "a listener: SO_ACCEPTCONN 1, SO_PEERCRED ENOTCONN");
    pid_t child = fork_child();
    if (child == 0) {
        int client = connect_server();
        struct ucred server;
        socklen_t size = sizeof(server);
        char byte;
        getsockopt(client, SOL_SOCKET, SO_PEERCRED, &server, &size);
        _exit(server.pid == getppid() && recv(client, &byte, 1, 0) == 0 ? 0 : 1);
    }
    int accepted = accept(listener, NULL, NULL);
    length = sizeof(credentials);
    CHECK(accepted >= 0 && option(accepted, SO_ACCEPTCONN) == 0 &&
              getsockopt(accepted, SOL_SOCKET, SO_PEERCRED, &credentials, &length) == 0 &&
              credentials.pid == child,
          "the accepted socket's SO_PEERCRED: the connecting child's pid");
    close(accepted);
    CHECK(waitpid(child, &status, 0) == child && status == 0, "... and the child's: the listener's pid");
    close(listener);
    unlink(PATH_SERVER);
}

static void check_stream_readiness(void)
{
    int fds[2], lone = socket(AF_UNIX, SOCK_STREAM, 0);

    CHECK(ready(lone, POLLIN | POLLOUT, 0) == (POLLOUT | POLLHUP),
          "an unconnected stream socket: POLLOUT|POLLHUP");
    close(lone);
    socketpair(AF_UNIX, SOCK_STREAM, 0, fds);
    CHECK(ready(fds[0], POLLIN | POLLOUT, 0) == POLLOUT, "a new pair: POLLOUT only");
    send(fds[1], "x", 1, 0);
    CHECK(ready(fds[0], POLLIN, 0) == POLLIN, "bytes to read: POLLIN");
    int sent = 0, written;
    while ((written = (int)send(fds[1], big, sizeof(big), MSG_DONTWAIT)) > 0)
        sent += written;
    CHECK(ready(fds[1], POLLOUT, 0) == 0, "a full stream: no POLLOUT");
    CHECK(shutdown(fds[0], SHUT_WR) == 0 && (ready(fds[1], POLLIN, 0) & POLLIN),
          "the peer's SHUT_WR: POLLIN (the end)");
    close(fds[0]);
    CHECK(ready(fds[1], POLLIN | POLLOUT, 0) == (POLLIN | POLLOUT | POLLHUP),
          "the peer closed: POLLIN, POLLOUT (a write fails at once) and POLLHUP");
    close(fds[1]);
}

/* In a child, wait in poll for `events` on `fd`: the child's status is 0
 * when poll reported `expected`. */
static pid_t poll_in_child(int fd, short events, int expected)
{
    pid_t child = fork_child();

    if (child == 0)
        _exit(ready(fd, events, -1) == expected ? 0 : 1);
    sleep_ms(50);
    return child;
}

static int status_of(pid_t child)
{
    int status = -1;
    return waitpid(child, &status, 0) == child ? status : -1;
}

static void check_wakeups(void)
{
    int fds[2];

    socketpair(AF_UNIX, SOCK_STREAM, 0, fds);
    pid_t child = poll_in_child(fds[0], POLLIN, POLLIN);
    send(fds[1], "x", 1, 0);
    CHECK(status_of(child) == 0, "stream: a poll for POLLIN in another process woken by a send");
    recv(fds[0], big, 1, 0);
    while (send(fds[1], big, sizeof(big), MSG_DONTWAIT) > 0)
        continue;
    child = poll_in_child(fds[1], POLLOUT, POLLOUT);
    while (recv(fds[0], big, sizeof(big), MSG_DONTWAIT) > 0)
        continue;
    CHECK(status_of(child) == 0, "... a poll for POLLOUT woken by a read making room");
    child = poll_in_child(fds[0], POLLIN, POLLIN);
    shutdown(fds[0], SHUT_RD);
    CHECK(status_of(child) == 0, "... a poll woken by shutdown(SHUT_RD) of the socket itself");
    close_both(fds);

    socketpair(AF_UNIX, SOCK_STREAM, 0, fds);
    child = fork_child();
    if (child == 0)
        _exit(recv(fds[0], big, 1, 0) == 0 ? 0 : 1);
    sleep_ms(50);
    shutdown(fds[0], SHUT_RD);
    CHECK(status_of(child) == 0, "... a recv blocked in another process woken by shutdown(SHUT_RD): 0");
    close_both(fds);

    int listener = listening_socket();
    child = poll_in_child(listener, POLLIN, POLLIN);
    int client = connect_server();
    CHECK(status_of(child) == 0 && ready(listener, POLLIN, 0) == POLLIN,
          "a listener: a poll woken by a connection waiting");
    close(accept(listener, NULL, NULL));
    CHECK(ready(listener, POLLIN, 0) == 0, "... no connection waiting: no POLLIN");
    close(client);
    close(listener);
    unlink(PATH_SERVER);
}

static void check_record_wakeups(void)
{
    int fds[2];

    socketpair(AF_UNIX, SOCK_SEQPACKET, 0, fds);
    pid_t child = poll_in_child(fds[0], POLLIN, POLLIN);
    shutdown(fds[1], SHUT_WR);
    CHECK(status_of(child) == 0 && recv(fds[0], big, 1, 0) == 0,
          "seqpacket: a poll woken by the peer's SHUT_WR; recv gives the end");
    child = fork_child();
    if (child == 0) {
        close(fds[0]);
        _exit(ready(fds[1], POLLIN, -1) == (POLLIN | POLLHUP) ? 0 : 1);
    }
    sleep_ms(50);
    close(fds[0]);
    CHECK(status_of(child) == 0, "... a poll woken by the peer's close: POLLIN|POLLHUP");
    close(fds[1]);

    socketpair(AF_UNIX, SOCK_DGRAM, 0, fds);
    child = poll_in_child(fds[0], POLLIN, POLLIN);
    send(fds[1], "d", 1, 0);
    CHECK(status_of(child) == 0, "datagram: a poll woken by a datagram");
    recv(fds[0], big, 1, 0);
    child = poll_in_child(fds[0], POLLIN, POLLIN);
    shutdown(fds[0], SHUT_RD);
    CHECK(status_of(child) == 0 && recv(fds[0], big, 1, 0) == 0 &&
              fails_with(send(fds[1], "x", 1, 0), ECONNREFUSED),
          "... a poll woken by its own SHUT_RD; recv gives the end; datagrams to it are refused");
    close_both(fds);

    socketpair(AF_UNIX, SOCK_DGRAM, 0, fds);
    while (send(fds[0], "f", 1, MSG_DONTWAIT) == 1)
        continue;
    CHECK(ready(fds[0], POLLOUT, 0) == 0, "datagram: connected to a full peer, no POLLOUT");
    child = poll_in_child(fds[0], POLLOUT, POLLOUT);
    recv(fds[1], big, 1, 0);
    CHECK(status_of(child) == 0, "... a poll for POLLOUT woken when the peer takes one");
    close_both(fds);
}

static void run_checks(const char *self)
{
    (void)self;
    check_simple_options();
    check_credentials();
    check_stream_readiness();
    check_wakeups();
    check_record_wakeups();
    _exit(check_failures);
}

/* Grow the heap's slabs for what the checks use (socket_checks_main). */
static void warm_up(void)
{
    static const int types[3] = {SOCK_STREAM, SOCK_DGRAM, SOCK_SEQPACKET};

    for (int index = 0; index < 3; index++) {
        int fds[2];
        socketpair(AF_UNIX, types[index], 0, fds);
        send(fds[1], big, 1000, 0);
        ready(fds[0], POLLOUT, 0);
        recv(fds[0], big, 1000, 0);
        ready(fds[0], POLLIN | POLLOUT, 1);
        ready(fds[0], POLLIN, 1);
        close_both(fds);
    }
    int listener = listening_socket(), client = connect_server();
    close(accept(listener, NULL, NULL));
    close(client);
    close(listener);
    unlink(PATH_SERVER);
}

int main(int argc, char **argv)
{
    (void)argc;
    return socket_checks_main(argv[0], warm_up, run_checks);
}
