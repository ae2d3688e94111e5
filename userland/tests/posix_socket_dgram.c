/*
 * posix_socket_dgram - Unix datagram sockets, seen from user space:
 * socket and socketpair of SOCK_DGRAM; sendto a bound path and recvfrom
 * with the sender's name (named and unnamed); record boundaries, empty
 * datagrams, the largest datagram and EMSGSIZE beyond; MSG_TRUNC,
 * MSG_PEEK, MSG_DONTWAIT and SOCK_NONBLOCK; every refusal of sendto
 * (ENOENT, ECONNREFUSED, EPROTOTYPE, ENOTCONN, EINVAL, EAFNOSUPPORT,
 * EFAULT with nothing queued); connect's default peer and its filter
 * (EPERM), ECONNREFUSED once the peer is gone; a full queue (EAGAIN, and
 * a blocked sender in another process resuming); a blocked receiver woken
 * by another process's send, by a signal (EINTR) and by shutdown(SHUT_RD);
 * SHUT_WR (EPIPE); listen and accept (EOPNOTSUPP); FIONREAD; poll; fork
 * inheritance and SOCK_CLOEXEC; datagrams discarded with their socket; and
 * the kernel's counters back where they started.
 *
 * Run by tests/posix_socket.bats.
 */
#include <fcntl.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include "posix_socket_check.h"

#define PATH_A      "/tmp/dgram-a"
#define PATH_B      "/tmp/dgram-b"
#define PATH_C      "/tmp/dgram-c"
#define PATH_FILE   "/tmp/dgram-file"
#define PATH_STREAM "/tmp/dgram-stream"
#define DEPTH       64    /* datagrams a socket queues (posix/unix_dgram.h) */
#define LARGEST     65536 /* the largest datagram */

static char big[LARGEST + 1];
static volatile sig_atomic_t alarms;

static int dgram_socket(void)
{
    return socket(AF_UNIX, SOCK_DGRAM, 0);
}

static int bound_socket(const char *path)
{
    struct sockaddr_un address = named(path);
    int fd = dgram_socket();

    unlink(path);
    return bind(fd, (struct sockaddr *)&address, sizeof(address)) == 0 ? fd : -1;
}

static long send_to(int fd, const void *buffer, size_t length, const char *path)
{
    struct sockaddr_un address = named(path);

    return sendto(fd, buffer, length, 0, (struct sockaddr *)&address, sizeof(address));
}

static int connect_to(int fd, const char *path)
{
    struct sockaddr_un address = named(path);

    return connect(fd, (struct sockaddr *)&address, sizeof(address));
}

static void on_alarm(int signal)
{
    (void)signal;
    alarms++;
}

static void check_sendto_recvfrom(void)
{
    int receiver = bound_socket(PATH_A), sender = dgram_socket(), named_sender = bound_socket(PATH_B);
    struct sockaddr_un from;
    socklen_t length = sizeof(from);
    char buffer[64] = {0};
    struct stat info;
    int type = 0;
    socklen_t type_length = sizeof(type);

    CHECK(receiver >= 0 && sender >= 0 && named_sender >= 0, "socket(SOCK_DGRAM) and bind to a path");
    CHECK(stat(PATH_A, &info) == 0 && S_ISSOCK(info.st_mode), "bind made a socket node");
    CHECK(getsockopt(receiver, SOL_SOCKET, SO_TYPE, &type, &type_length) == 0 && type == SOCK_DGRAM,
          "SO_TYPE: SOCK_DGRAM");
    CHECK(send_to(sender, "hello", 5, PATH_A) == 5, "sendto a bound path: the length");
    memset(&from, 'z', sizeof(from));
    CHECK(recvfrom(receiver, buffer, sizeof(buffer), 0, (struct sockaddr *)&from, &length) == 5 &&
              memcmp(buffer, "hello", 5) == 0 && length == 0,
          "recvfrom: the datagram, from an unnamed sender (address length 0, as Linux)");
    length = sizeof(from);
    CHECK(send_to(named_sender, "named", 5, PATH_A) == 5 &&
              recvfrom(receiver, buffer, sizeof(buffer), 0, (struct sockaddr *)&from, &length) == 5 &&
              length == 2 + sizeof(PATH_B) && from.sun_family == AF_UNIX &&
              strcmp(from.sun_path, PATH_B) == 0,
          "recvfrom: a bound sender's name and its length");
    length = 4;
    memset(&from, 'z', sizeof(from));
    CHECK(send_to(named_sender, "cut", 3, PATH_A) == 3 &&
              recvfrom(receiver, buffer, sizeof(buffer), 0, (struct sockaddr *)&from, &length) == 3 &&
              length == 2 + sizeof(PATH_B) && from.sun_path[1] == PATH_B[1] && from.sun_path[2] == 'z',
          "recvfrom: a short address buffer gets the start, the length says the whole");
    CHECK(send_to(sender, "x", 1, PATH_A) == 1 &&
              recvfrom(receiver, buffer, sizeof(buffer), 0, NULL, NULL) == 1,
          "recvfrom without an address");
    close(receiver);
    close(sender);
    close(named_sender);
    unlink(PATH_A);
    unlink(PATH_B);
}

static void check_boundaries(void)
{
    int receiver = bound_socket(PATH_A), sender = dgram_socket(), count = 0;
    char buffer[64];

    CHECK(send_to(sender, "one", 3, PATH_A) == 3 && send_to(sender, "", 0, PATH_A) == 0 &&
              send_to(sender, "three!", 6, PATH_A) == 6,
          "three datagrams, one empty");
    CHECK(ioctl(receiver, FIONREAD, &count) == 0 && count == 3, "FIONREAD: the next datagram's length");
    CHECK(recv(receiver, buffer, sizeof(buffer), 0) == 3 && memcmp(buffer, "one", 3) == 0,
          "each recv takes one datagram: the first");
    CHECK(recv(receiver, buffer, sizeof(buffer), 0) == 0, "... the empty one (0 bytes)");
    CHECK(recv(receiver, buffer, sizeof(buffer), 0) == 6 && memcmp(buffer, "three!", 6) == 0,
          "... the third");
    CHECK(send_to(sender, "abcdefgh", 8, PATH_A) == 8 && recv(receiver, buffer, 3, 0) == 3 &&
              memcmp(buffer, "abc", 3) == 0 && fails_with(recv(receiver, buffer, 3, MSG_DONTWAIT), EAGAIN),
          "a short buffer: the start, and the rest of that datagram is gone");
    CHECK(send_to(sender, "abcdefgh", 8, PATH_A) == 8 && recv(receiver, buffer, 3, MSG_TRUNC) == 8,
          "MSG_TRUNC: the datagram's real length");
    CHECK(send_to(sender, "peek", 4, PATH_A) == 4 && recv(receiver, buffer, 2, MSG_PEEK) == 2 &&
              recv(receiver, buffer, sizeof(buffer), MSG_PEEK) == 4 &&
              recv(receiver, buffer, sizeof(buffer), 0) == 4 && memcmp(buffer, "peek", 4) == 0,
          "MSG_PEEK leaves the datagram queued");
    CHECK(send_to(sender, big, LARGEST, PATH_A) == LARGEST && recv(receiver, big, sizeof(big), 0) == LARGEST,
          "the largest datagram (64 KiB) whole");
    CHECK(fails_with(send_to(sender, big, LARGEST + 1, PATH_A), EMSGSIZE), "one byte more: EMSGSIZE");
    CHECK(fails_with(recv(receiver, buffer, sizeof(buffer), MSG_DONTWAIT), EAGAIN),
          "MSG_DONTWAIT with nothing queued: EAGAIN");
    close(receiver);
    close(sender);
    unlink(PATH_A);
}

static void check_refusals(void)
{
    int fd = dgram_socket(), receiver = bound_socket(PATH_A), stream = socket(AF_UNIX, SOCK_STREAM, 0);
    struct sockaddr_un address = named(PATH_STREAM);
    char byte = 'x';

    CHECK(fails_with(send_to(fd, &byte, 1, "/tmp/none"), ENOENT), "sendto a missing path: ENOENT");
    close(open(PATH_FILE, O_CREAT | O_WRONLY, 0644));
    CHECK(fails_with(send_to(fd, &byte, 1, PATH_FILE), ECONNREFUSED), "sendto a regular file: ECONNREFUSED");
    unlink(PATH_FILE);
    unlink(PATH_STREAM);
    bind(stream, (struct sockaddr *)&address, sizeof(address));
    CHECK(fails_with(send_to(fd, &byte, 1, PATH_STREAM), EPROTOTYPE), "sendto a stream socket: EPROTOTYPE");
    CHECK(fails_with(connect_to(fd, PATH_STREAM), EPROTOTYPE), "connect to a stream socket: EPROTOTYPE");
    listen(stream, 1);
    int client = socket(AF_UNIX, SOCK_STREAM, 0);
    address = named(PATH_A);
    CHECK(fails_with(connect(client, (struct sockaddr *)&address, sizeof(address)), EPROTOTYPE),
          "a stream socket's connect to a datagram socket: EPROTOTYPE");
    close(client);
    close(stream);
    unlink(PATH_STREAM);
    CHECK(fails_with(send(fd, &byte, 1, 0), ENOTCONN) && fails_with(write(fd, &byte, 1), ENOTCONN),
          "send and write unconnected: ENOTCONN");
    CHECK(fails_with(sendto(fd, &byte, 1, 0, (struct sockaddr *)&address, 2), EINVAL),
          "an address without a path: EINVAL");
    address.sun_family = 2;
    CHECK(fails_with(sendto(fd, &byte, 1, 0, (struct sockaddr *)&address, sizeof(address)), EAFNOSUPPORT),
          "another family: EAFNOSUPPORT");
    CHECK(fails_with(send_to(fd, bad_pointer(8), 1, PATH_A), EFAULT) &&
              fails_with(recv(receiver, &byte, 1, MSG_DONTWAIT), EAGAIN),
          "a bad buffer: EFAULT, and nothing queued");
    CHECK(send_to(fd, "y", 1, PATH_A) == 1 && fails_with(recv(receiver, bad_pointer(8), 1, 0), EFAULT) &&
              recv(receiver, &byte, 1, 0) == 1 && byte == 'y',
          "recv into a bad buffer: EFAULT, and the datagram stays queued");
    CHECK(fails_with(listen(receiver, 1), EOPNOTSUPP) && fails_with(accept(receiver, NULL, NULL), EOPNOTSUPP),
          "listen and accept: EOPNOTSUPP");
    CHECK(fails_with(send(fd, &byte, 1, MSG_PEEK), EOPNOTSUPP), "a send flag it does not know: EOPNOTSUPP");
    int again = dgram_socket();
    address = named(PATH_A);
    CHECK(fails_with(bind(again, (struct sockaddr *)&address, sizeof(address)), EADDRINUSE),
          "bind to a path in use: EADDRINUSE");
    close(again);
    close(receiver);
    CHECK(fails_with(send_to(fd, &byte, 1, PATH_A), ECONNREFUSED),
          "sendto a path whose socket closed: ECONNREFUSED");
    unlink(PATH_A);
    close(fd);
}

static void check_connect(void)
{
    int a = bound_socket(PATH_A), b = bound_socket(PATH_B), stranger = dgram_socket();
    struct sockaddr_un peer;
    socklen_t length = sizeof(peer);
    char buffer[16];

    CHECK(connect_to(a, PATH_B) == 0 && send(a, "to-b", 4, 0) == 4 && recv(b, buffer, sizeof(buffer), 0) == 4,
          "connect, then send without an address reaches the peer");
    CHECK(write(a, "w", 1) == 1 && read(b, buffer, sizeof(buffer)) == 1 && buffer[0] == 'w',
          "write and read on datagram sockets");
    CHECK(getpeername(a, (struct sockaddr *)&peer, &length) == 0 && strcmp(peer.sun_path, PATH_B) == 0,
          "getpeername: the connected peer's name");
    CHECK(fails_with(send_to(stranger, "no", 2, PATH_A), EPERM),
          "a stranger's datagram to a connected socket: EPERM");
    CHECK(send_to(b, "ok", 2, PATH_A) == 2 && recv(a, buffer, sizeof(buffer), 0) == 2,
          "the peer's datagram gets through");
    CHECK(fails_with(send_to(a, "self", 4, PATH_A), EPERM), "... even its own datagram to itself: EPERM");
    int third = bound_socket(PATH_C);
    CHECK(send_to(a, "other", 5, PATH_C) == 5 && recv(third, buffer, sizeof(buffer), 0) == 5,
          "a connected socket may still sendto another address");
    close(third);
    unlink(PATH_C);
    CHECK(fails_with(connect_to(stranger, "/tmp/none"), ENOENT), "connect to a missing path: ENOENT");
    close(b);
    CHECK(fails_with(send(a, "x", 1, 0), ECONNREFUSED), "the peer closed: ECONNREFUSED");
    close(a);
    close(stranger);
    unlink(PATH_A);
    unlink(PATH_B);
}

static void check_pair(void)
{
    int fds[2], flags;
    char buffer[16];

    CHECK(socketpair(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0, fds) == 0,
          "socketpair(SOCK_DGRAM)");
    CHECK((flags = fcntl(fds[0], F_GETFD)) >= 0 && (flags & FD_CLOEXEC) &&
              (fcntl(fds[1], F_GETFL) & O_NONBLOCK),
          "SOCK_CLOEXEC and SOCK_NONBLOCK");
    CHECK(send(fds[0], "ab", 2, 0) == 2 && send(fds[0], "c", 1, 0) == 1 && recv(fds[1], buffer, 16, 0) == 2 &&
              recv(fds[1], buffer, 16, 0) == 1 && send(fds[1], "back", 4, 0) == 4 &&
              recv(fds[0], buffer, 16, 0) == 4,
          "both directions, boundaries kept");
    CHECK(fails_with(recv(fds[0], buffer, 16, 0), EAGAIN), "SOCK_NONBLOCK with nothing queued: EAGAIN");
    int sent = 0;
    while (send(fds[0], "f", 1, 0) == 1)
        sent++;
    CHECK(sent == DEPTH && errno == EAGAIN, "a full queue (%d datagrams): EAGAIN", sent);
    struct pollfd poll_fds[2] = {{fds[0], POLLOUT, 0}, {fds[1], POLLIN, 0}};
    CHECK(poll(poll_fds, 2, 0) == 1 && poll_fds[0].revents == 0 && poll_fds[1].revents == POLLIN,
          "poll: the full peer is not writable, the receiver is readable");
    CHECK(shutdown(fds[0], SHUT_WR) == 0 && fails_with(send(fds[0], "x", 1, MSG_NOSIGNAL), EPIPE),
          "SHUT_WR: EPIPE");
    close(fds[1]);
    CHECK(fails_with(send(fds[1], "x", 1, 0), EBADF), "a closed descriptor: EBADF");
    close(fds[0]);
}

/* A child sends DEPTH + 1 datagrams and blocks on the last until the
 * parent takes one; every one arrives, in order. */
static void check_blocking_sender(void)
{
    int fds[2], status = -1, in_order = 1;
    unsigned char value;

    socketpair(AF_UNIX, SOCK_DGRAM, 0, fds);
    pid_t child = fork_child();
    if (child == 0) {
        for (int index = 0; index <= DEPTH; index++) {
            value = (unsigned char)index;
            if (send(fds[0], &value, 1, 0) != 1)
                _exit(1);
        }
        _exit(0);
    }
    for (int index = 0; index <= DEPTH; index++)
        in_order &= recv(fds[1], &value, 1, 0) == 1 && value == index;
    waitpid(child, &status, 0);
    CHECK(in_order && WIFEXITED(status) && WEXITSTATUS(status) == 0,
          "a full queue blocks the sender in another process until there is room; all %d arrive in order",
          DEPTH + 1);
    close(fds[0]);
    close(fds[1]);
}

static void check_blocking_receiver(void)
{
    int fds[2], status = -1;
    char buffer[8];
    struct sigaction action = {.sa_handler = on_alarm};

    socketpair(AF_UNIX, SOCK_DGRAM, 0, fds);
    CHECK(recv_woken_by_child_send(fds), "a blocked recv is woken by another process's send");
    sigemptyset(&action.sa_mask);
    sigaction(SIGALRM, &action, NULL);
    alarm(1);
    CHECK(fails_with(recv(fds[0], buffer, sizeof(buffer), 0), EINTR) && alarms == 1,
          "a blocked recv is interrupted by a signal: EINTR");
    pid_t child = fork_child();
    if (child == 0)
        _exit(recv(fds[0], buffer, sizeof(buffer), 0) == 0 ? 0 : 1);
    sleep_ms(50);
    CHECK(shutdown(fds[0], SHUT_RD) == 0 && waitpid(child, &status, 0) == child && status == 0,
          "shutdown(SHUT_RD) wakes a reader blocked on the socket: recv returns 0");
    CHECK(recv(fds[0], buffer, sizeof(buffer), 0) == 0, "... and later recvs return 0 at once");
    close(fds[0]);
    close(fds[1]);
}

static void check_inheritance_and_discard(void)
{
    int receiver = bound_socket(PATH_A), sender = dgram_socket(), status = -1;
    struct freeport_kstat before, after;
    char buffer[8];

    pid_t child = fork_child();
    if (child == 0)
        _exit(send_to(sender, "child", 5, PATH_A) == 5 ? 0 : 1);
    waitpid(child, &status, 0);
    CHECK(status == 0 && recv(receiver, buffer, sizeof(buffer), 0) == 5,
          "a child sends on an inherited socket");
    freeport_kstat(&before);
    int doomed = bound_socket(PATH_B);
    for (int index = 0; index < 10; index++)
        send_to(sender, big, 1000, PATH_B);
    close(doomed);
    unlink(PATH_B);
    freeport_kstat(&after);
    CHECK(after.heap_allocations == before.heap_allocations &&
              after.heap_bytes_in_use == before.heap_bytes_in_use && after.open_files == before.open_files &&
              after.vnodes == before.vnodes,
          "closing a socket with datagrams queued frees them all");
    close(receiver);
    close(sender);
    unlink(PATH_A);
}

static void run_checks(const char *self)
{
    (void)self;
    check_sendto_recvfrom();
    check_boundaries();
    check_refusals();
    check_connect();
    check_pair();
    check_blocking_sender();
    check_blocking_receiver();
    check_inheritance_and_discard();
    _exit(check_failures);
}

/* Grow the heap's slabs for what the checks use (socket_checks_main). */
static void warm_up(void)
{
    int fds[2];

    socketpair(AF_UNIX, SOCK_DGRAM, 0, fds);
    send(fds[0], big, LARGEST, 0);
    recv(fds[1], big, LARGEST, 0);
    close(fds[0]);
    close(fds[1]);
}

int main(int argc, char **argv)
{
    (void)argc;
    return socket_checks_main(argv[0], warm_up, run_checks);
}
