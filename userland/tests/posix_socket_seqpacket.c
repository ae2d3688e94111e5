/*
 * posix_socket_seqpacket - Unix seqpacket sockets, seen from user space:
 * socketpair and bind/listen/connect/accept of SOCK_SEQPACKET; records
 * keep their boundaries (MSG_TRUNC, MSG_PEEK, EMSGSIZE, empty records);
 * a client sending before it is accepted; every refusal (ENOTCONN,
 * EPROTOTYPE, EAGAIN); the end of a connection: EOF (recv 0) after the
 * records a dead peer sent, none lost; EPIPE and SIGPIPE (and
 * MSG_NOSIGNAL); shutdown of either direction; blocking between two
 * processes: a receiver woken by a send and by the peer's close, a sender
 * waiting for room; poll's POLLIN/POLLOUT/POLLHUP; and the kernel's
 * counters back where they started.
 *
 * Run by tests/posix_socket.bats.
 */
#include <fcntl.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/un.h>
#include "posix_socket_check.h"

#define PATH_SERVER "/tmp/seqpacket"
#define PATH_DGRAM  "/tmp/seqpacket-dgram"
#define DEPTH       64 /* records a socket queues (posix/unix_record.h) */

static char big[65537];
static volatile sig_atomic_t pipe_count;

static int pair(int fds[2])
{
    return socketpair(AF_UNIX, SOCK_SEQPACKET, 0, fds);
}

static void on_sigpipe(int signal)
{
    (void)signal;
    pipe_count++;
}

static void check_records(void)
{
    int fds[2], type = 0, count = 0;
    socklen_t length = sizeof(type);
    char buffer[16];

    CHECK(pair(fds) == 0, "socketpair(SOCK_SEQPACKET)");
    CHECK(getsockopt(fds[0], SOL_SOCKET, SO_TYPE, &type, &length) == 0 && type == SOCK_SEQPACKET,
          "SO_TYPE: SOCK_SEQPACKET");
    CHECK(send(fds[0], "first", 5, 0) == 5 && send(fds[0], "", 0, 0) == 0 && write(fds[0], "3rd", 3) == 3,
          "three records, one empty");
    CHECK(ioctl(fds[1], FIONREAD, &count) == 0 && count == 5, "FIONREAD: the next record's length");
    CHECK(recv(fds[1], buffer, sizeof(buffer), 0) == 5 && recv(fds[1], buffer, sizeof(buffer), 0) == 0 &&
              read(fds[1], buffer, sizeof(buffer)) == 3 && memcmp(buffer, "3rd", 3) == 0,
          "each recv takes one record, boundaries kept");
    CHECK(send(fds[1], "abcdef", 6, 0) == 6 && recv(fds[0], buffer, 2, MSG_PEEK) == 2 &&
              recv(fds[0], buffer, 2, MSG_TRUNC) == 6 &&
              fails_with(recv(fds[0], buffer, 2, MSG_DONTWAIT), EAGAIN),
          "MSG_PEEK, then MSG_TRUNC: the real length, the rest gone");
    CHECK(send(fds[0], big, 65536, 0) == 65536 && recv(fds[1], big, sizeof(big), 0) == 65536 &&
              fails_with(send(fds[0], big, 65537, 0), EMSGSIZE),
          "a 64 KiB record whole; one byte more: EMSGSIZE");
    CHECK(send(fds[0], "x", 1, 0) == 1 && recv(fds[1], buffer, 1, MSG_PEEK) == 1 &&
              recvfrom(fds[1], buffer, 1, 0, NULL, &length) == 1 && length == 0,
          "recvfrom: the peer is unnamed (address length 0)");
    int sent = 0;
    while (send(fds[0], "f", 1, MSG_DONTWAIT) == 1)
        sent++;
    CHECK(sent == DEPTH && errno == EAGAIN, "a full queue (%d records): EAGAIN", sent);
    close_both(fds);
}

static void check_connection(void)
{
    struct sockaddr_un address = named(PATH_SERVER), peer;
    socklen_t length = sizeof(peer);
    int server = socket(AF_UNIX, SOCK_SEQPACKET, 0), client = socket(AF_UNIX, SOCK_SEQPACKET, 0);
    char buffer[16], byte = 'x';

    unlink(PATH_SERVER);
    CHECK(fails_with(send(client, &byte, 1, 0), ENOTCONN) && fails_with(recv(client, &byte, 1, 0), ENOTCONN),
          "send and recv unconnected: ENOTCONN");
    CHECK(bind(server, (struct sockaddr *)&address, sizeof(address)) == 0 && listen(server, 4) == 0,
          "bind and listen");
    CHECK(connect(client, (struct sockaddr *)&address, sizeof(address)) == 0 &&
              send(client, "early", 5, 0) == 5,
          "connect, and send before being accepted");
    int accepted = accept4(server, (struct sockaddr *)&peer, &length, SOCK_CLOEXEC);
    CHECK(accepted >= 0 && (fcntl(accepted, F_GETFD) & FD_CLOEXEC) && length == 2,
          "accept4: an unnamed client");
    CHECK(recv(accepted, buffer, sizeof(buffer), 0) == 5 && memcmp(buffer, "early", 5) == 0,
          "the record sent before accept arrives");
    length = sizeof(peer);
    CHECK(getpeername(client, (struct sockaddr *)&peer, &length) == 0 &&
              strcmp(peer.sun_path, PATH_SERVER) == 0,
          "getpeername: the server's path");
    CHECK(sendto(accepted, "back", 4, 0, (struct sockaddr *)&address, sizeof(address)) == 4 &&
              recv(client, buffer, sizeof(buffer), 0) == 4,
          "sendto's address is ignored on a connection, as Linux");
    CHECK(fails_with(connect(client, (struct sockaddr *)&address, sizeof(address)), EISCONN),
          "connect again: EISCONN");
    int datagram = socket(AF_UNIX, SOCK_DGRAM, 0), other = socket(AF_UNIX, SOCK_SEQPACKET, 0);
    struct sockaddr_un dgram_address = named(PATH_DGRAM);
    unlink(PATH_DGRAM);
    bind(datagram, (struct sockaddr *)&dgram_address, sizeof(dgram_address));
    CHECK(fails_with(connect(other, (struct sockaddr *)&dgram_address, sizeof(dgram_address)), EPROTOTYPE),
          "connect to a datagram socket: EPROTOTYPE");
    close(datagram);
    close(other);
    unlink(PATH_DGRAM);
    close(accepted);
    close(client);
    close(server);
    unlink(PATH_SERVER);
}

static void check_end(void)
{
    int fds[2], status = -1;
    char buffer[16];
    struct sigaction action = {.sa_handler = on_sigpipe};

    pair(fds);
    pid_t child = fork_child();
    if (child == 0) {
        close(fds[0]);
        for (int index = 0; index < 10; index++)
            send(fds[1], &index, sizeof(index), 0);
        _exit(0);
    }
    close(fds[1]);
    int index = 0, value;
    while (recv(fds[0], &value, sizeof(value), 0) == sizeof(value) && value == index)
        index++;
    waitpid(child, &status, 0);
    CHECK(index == 10 && recv(fds[0], buffer, sizeof(buffer), 0) == 0,
          "a peer that exits after sending: all 10 records, then the end (recv 0)");
    sigemptyset(&action.sa_mask);
    sigaction(SIGPIPE, &action, NULL);
    CHECK(fails_with(send(fds[0], "x", 1, 0), EPIPE) && pipe_count == 1,
          "send to a closed peer: EPIPE and SIGPIPE");
    CHECK(fails_with(send(fds[0], "x", 1, MSG_NOSIGNAL), EPIPE) && pipe_count == 1,
          "MSG_NOSIGNAL: EPIPE without the signal");
    struct pollfd poll_fd = {fds[0], POLLIN, 0};
    CHECK(poll(&poll_fd, 1, 0) == 1 && (poll_fd.revents & POLLHUP) && (poll_fd.revents & POLLIN),
          "poll: POLLIN and POLLHUP once the peer is gone");
    close(fds[0]);

    pair(fds);
    CHECK(send(fds[0], "last", 4, 0) == 4 && shutdown(fds[0], SHUT_WR) == 0 &&
              fails_with(send(fds[0], "x", 1, MSG_NOSIGNAL), EPIPE) &&
              recv(fds[1], buffer, sizeof(buffer), 0) == 4 && recv(fds[1], buffer, sizeof(buffer), 0) == 0,
          "SHUT_WR: EPIPE here; the peer reads what came, then the end");
    CHECK(shutdown(fds[1], SHUT_RD) == 0 && fails_with(send(fds[0], "x", 1, MSG_NOSIGNAL), EPIPE),
          "the peer's SHUT_RD: EPIPE");
    CHECK(fails_with(shutdown(fds[0], 7), EINVAL), "shutdown(7): EINVAL");
    close_both(fds);
}

static void check_blocking(void)
{
    int fds[2], status = -1;
    char buffer[16];

    pair(fds);
    CHECK(recv_woken_by_child_send(fds), "a blocked recv is woken by another process's send");
    pid_t child = fork_child();
    if (child == 0) {
        close(fds[1]);
        _exit(recv(fds[0], buffer, sizeof(buffer), 0) == 0 ? 0 : 1);
    }
    sleep_ms(50);
    close(fds[1]);
    CHECK(waitpid(child, &status, 0) == child && status == 0,
          "a blocked recv is woken by the peer's close: 0");
    close(fds[0]);

    pair(fds);
    child = fork_child();
    if (child == 0) {
        for (int index = 0; index <= DEPTH; index++)
            if (send(fds[0], &index, sizeof(index), 0) != sizeof(index))
                _exit(1);
        _exit(0);
    }
    int value, in_order = 1;
    for (int index = 0; index <= DEPTH; index++)
        in_order &= recv(fds[1], &value, sizeof(value), 0) == sizeof(value) && value == index;
    waitpid(child, &status, 0);
    CHECK(in_order && status == 0, "a sender waits for room in another process; all %d arrive in order",
          DEPTH + 1);
    close_both(fds);
}

static void run_checks(const char *self)
{
    (void)self;
    check_records();
    check_connection();
    check_end();
    check_blocking();
    _exit(check_failures);
}

/* Grow the heap's slabs for what the checks use (socket_checks_main). */
static void warm_up(void)
{
    int fds[2];

    pair(fds);
    send(fds[0], big, 65536, 0);
    recv(fds[1], big, sizeof(big), 0);
    close_both(fds);
}

int main(int argc, char **argv)
{
    (void)argc;
    return socket_checks_main(argv[0], warm_up, run_checks);
}
