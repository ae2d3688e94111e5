/*
 * posix_socket - Unix stream sockets, seen from user space: socketpair's
 * type flags and every refusal; names: bind, listen, connect, accept,
 * accept4, getsockname, getpeername, unlink, and every refusal of each,
 * a blocking accept woken by another process's connect or a signal;
 * on a connection: both directions, send and recv
 * with MSG_DONTWAIT, MSG_PEEK and MSG_NOSIGNAL, shutdown of either
 * direction, end of file and EPIPE/SIGPIPE when the peer closes, fstat,
 * FIONREAD, getsockopt, bytes between two processes (all of them from a
 * writer that exits mid-stream), EMFILE, ENOMEM from
 * injected allocation failures, and the kernel's counters back where they
 * started.
 *
 * Run by tests/posix_socket.bats. With `--sigpipe` it writes to a socket
 * whose peer is closed, and dies of SIGPIPE.
 */
#include <fcntl.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <stdlib.h>
#include "check.h"

#define CAPACITY (64 * 1024) /* what one direction holds (ipc/stream.h) */

static volatile sig_atomic_t pipe_count;
static char big[200000], echo[200000];

static void on_sigpipe(int signal)
{
    (void)signal;
    pipe_count++;
}

static void install(int signal, void (*handler)(int))
{
    struct sigaction action = {.sa_handler = handler};
    sigemptyset(&action.sa_mask);
    sigaction(signal, &action, NULL);
}

static int wait_status(pid_t pid)
{
    int status = -1;
    return waitpid(pid, &status, 0) == pid ? status : -1;
}

static void close_both(const int fds[2])
{
    close(fds[0]);
    close(fds[1]);
}

static bool fails_with(long result, int error)
{
    return result == -1 && errno == error;
}

static int pair(int type, int fds[2])
{
    return socketpair(AF_UNIX, type, 0, fds);
}

static struct sockaddr_un named(const char *path)
{
    struct sockaddr_un address = {.sun_family = AF_UNIX};

    memcpy(address.sun_path, path, strlen(path) + 1); /* the tests' paths are short */
    return address;
}

static int bind_to(int fd, const char *path)
{
    struct sockaddr_un address = named(path);
    return bind(fd, (struct sockaddr *)&address, sizeof(address));
}

static int connect_to(int fd, const char *path)
{
    struct sockaddr_un address = named(path);
    return connect(fd, (struct sockaddr *)&address, sizeof(address));
}

static int stream_socket(void)
{
    return socket(AF_UNIX, SOCK_STREAM, 0);
}

/* The name getsockname (peer false) or getpeername gives: its length, or -1. */
static int name_of(int fd, bool peer, char *path)
{
    struct sockaddr_un address;
    socklen_t length = sizeof(address);

    memset(&address, 'z', sizeof(address));
    if ((peer ? getpeername : getsockname)(fd, (struct sockaddr *)&address, &length) < 0)
        return -1;
    if (address.sun_family != AF_UNIX)
        return -2;
    if (length > 2)
        strcpy(path, address.sun_path);
    return (int)length;
}

static void check_basics(void)
{
    int fds[2] = {-1, -1};
    char buffer[16] = {0};
    struct stat first, second;

    CHECK(pair(SOCK_STREAM, fds) == 0 && fds[0] >= 0 && fds[1] > fds[0], "socketpair: two descriptors");
    CHECK(write(fds[0], "ping", 4) == 4 && read(fds[1], buffer, sizeof(buffer)) == 4 &&
              memcmp(buffer, "ping", 4) == 0,
          "write on one end, read on the other");
    CHECK(send(fds[1], "pong!", 5, 0) == 5 && recv(fds[0], buffer, sizeof(buffer), 0) == 5 &&
              memcmp(buffer, "pong!", 5) == 0,
          "send and recv the other way");
    CHECK(fstat(fds[0], &first) == 0 && fstat(fds[1], &second) == 0 && S_ISSOCK(first.st_mode) &&
              S_ISSOCK(second.st_mode) && first.st_ino != second.st_ino,
          "fstat: S_IFSOCK, one inode per socket");
    CHECK(lseek(fds[0], 0, SEEK_SET) == -1 && errno == ESPIPE, "lseek: ESPIPE");
    CHECK(send(fds[0], buffer, 0, 0) == 0, "sending nothing is 0");
    close_both(fds);
}

static void check_refusals(void)
{
    struct freeport_kstat before, after;
    int fds[2] = {-1, -1}, pipe_fds[2], value;
    socklen_t length = 99;
    char byte = 'x';

    CHECK(fails_with(socketpair(2, SOCK_STREAM, 0, fds), EAFNOSUPPORT), "AF_INET: EAFNOSUPPORT");
    CHECK(fails_with(pair(3, fds), EPROTONOSUPPORT), "SOCK_RAW: EPROTONOSUPPORT");
    CHECK(fails_with(pair(SOCK_STREAM | 0x100, fds), EPROTONOSUPPORT),
          "an unknown type flag: EPROTONOSUPPORT");
    CHECK(fails_with(socketpair(AF_UNIX, SOCK_STREAM, 1, fds), EPROTONOSUPPORT),
          "a protocol other than 0: EPROTONOSUPPORT");
    freeport_kstat(&before);
    CHECK(fails_with(pair(SOCK_STREAM, bad_pointer(8)), EFAULT), "a bad fds pointer: EFAULT");
    freeport_kstat(&after);
    CHECK(after.open_files == before.open_files && after.vnodes == before.vnodes &&
              after.heap_allocations == before.heap_allocations && after.frames_free == before.frames_free,
          "... leaving no descriptor, file, vnode, stream or frame behind");

    pipe(pipe_fds);
    CHECK(fails_with(send(pipe_fds[1], &byte, 1, 0), ENOTSOCK), "send on a pipe: ENOTSOCK");
    CHECK(fails_with(recv(pipe_fds[0], &byte, 1, 0), ENOTSOCK), "recv on a pipe: ENOTSOCK");
    CHECK(fails_with(shutdown(pipe_fds[0], SHUT_RD), ENOTSOCK), "shutdown on a pipe: ENOTSOCK");
    CHECK(fails_with(getsockopt(pipe_fds[0], SOL_SOCKET, SO_TYPE, &value, &length), ENOTSOCK),
          "getsockopt on a pipe: ENOTSOCK");
    close_both(pipe_fds);
    CHECK(fails_with(send(99, &byte, 1, 0), EBADF) && fails_with(recv(-1, &byte, 1, 0), EBADF) &&
              fails_with(shutdown(99, SHUT_RD), EBADF),
          "a descriptor not open: EBADF");

    pair(SOCK_STREAM, fds);
    struct sockaddr_un address = {.sun_family = AF_UNIX};
    CHECK(fails_with(sendto(fds[0], &byte, 1, 0, (struct sockaddr *)&address, sizeof(address)), EISCONN),
          "sendto with an address on a connected socket: EISCONN");
    CHECK(fails_with(send(fds[0], &byte, 1, 0x1 /* MSG_OOB */), EOPNOTSUPP) &&
              fails_with(recv(fds[0], &byte, 1, 0x1), EOPNOTSUPP),
          "MSG_OOB: EOPNOTSUPP");
    CHECK(fails_with(send(fds[0], bad_pointer(8), 1, 0), EFAULT) &&
              fails_with(recv(fds[0], &byte, 1, MSG_DONTWAIT), EAGAIN),
          "send from a bad buffer: EFAULT, nothing sent");
    send(fds[1], "y", 1, 0);
    CHECK(fails_with(recv(fds[0], bad_pointer(8), 1, 0), EFAULT) && recv(fds[0], &byte, 1, 0) == 1 &&
              byte == 'y',
          "recv into a bad buffer: EFAULT, the byte stays");
    send(fds[1], "z", 1, 0);
    length = 99;
    CHECK(recvfrom(fds[0], &byte, 1, 0, (struct sockaddr *)&address, &length) == 1 && length == 0,
          "recvfrom: the peer is unnamed (address length 0)");
    send(fds[1], "w", 1, 0);
    struct iovec part = {&byte, 1};
    struct msghdr message = {
        .msg_name = bad_pointer(8), .msg_namelen = sizeof(address), .msg_iov = &part, .msg_iovlen = 1};
    CHECK(fails_with(recvmsg(fds[0], &message, 0), EFAULT) &&
              fails_with(recvmsg(fds[0], bad_pointer(8), 0), EFAULT) && recv(fds[0], &byte, 1, 0) == 1 &&
              byte == 'w',
          "recvmsg with a bad address buffer or header: EFAULT, the byte stays");
    close_both(fds);
}

static void check_flags(void)
{
    int fds[2];
    char buffer[8];
    int available = -1;

    CHECK(pair(SOCK_STREAM | SOCK_NONBLOCK, fds) == 0 && (fcntl(fds[0], F_GETFL) & O_NONBLOCK) &&
              (fcntl(fds[1], F_GETFL) & O_NONBLOCK),
          "SOCK_NONBLOCK: both ends O_NONBLOCK");
    CHECK(fails_with(read(fds[0], buffer, 1), EAGAIN) && fails_with(recv(fds[1], buffer, 1, 0), EAGAIN),
          "... an empty socket: EAGAIN");
    CHECK(!(fcntl(fds[0], F_GETFD) & FD_CLOEXEC), "... and not close-on-exec");
    int sent = 0;
    while (send(fds[0], big, sizeof(big), 0) > 0)
        sent++;
    CHECK(errno == EAGAIN && ioctl(fds[1], FIONREAD, &available) == 0 && available == CAPACITY,
          "... a full socket: EAGAIN after %d bytes", available);
    close_both(fds);

    CHECK(pair(SOCK_STREAM | SOCK_CLOEXEC, fds) == 0 && (fcntl(fds[0], F_GETFD) & FD_CLOEXEC) &&
              (fcntl(fds[1], F_GETFD) & FD_CLOEXEC) && !(fcntl(fds[0], F_GETFL) & O_NONBLOCK),
          "SOCK_CLOEXEC: both ends close-on-exec, blocking");
    CHECK(fails_with(recv(fds[0], buffer, 1, MSG_DONTWAIT), EAGAIN),
          "MSG_DONTWAIT on a blocking socket: EAGAIN");
    fcntl(fds[0], F_SETFL, O_NONBLOCK);
    CHECK(fails_with(read(fds[0], buffer, 1), EAGAIN), "fcntl O_NONBLOCK: EAGAIN");
    send(fds[1], "peek", 4, 0);
    CHECK(recv(fds[0], buffer, 2, MSG_PEEK) == 2 && memcmp(buffer, "pe", 2) == 0 &&
              ioctl(fds[0], FIONREAD, &available) == 0 && available == 4,
          "MSG_PEEK: the bytes, which stay (FIONREAD 4)");
    CHECK(recv(fds[0], buffer, sizeof(buffer), 0) == 4 && memcmp(buffer, "peek", 4) == 0,
          "... and the next recv gets them");
    close_both(fds);
}

static void check_options(void)
{
    int fds[2], value = -1;
    socklen_t length = sizeof(value);

    pair(SOCK_STREAM, fds);
    CHECK(getsockopt(fds[0], SOL_SOCKET, SO_TYPE, &value, &length) == 0 && value == SOCK_STREAM &&
              length == sizeof(int),
          "SO_TYPE: SOCK_STREAM");
    CHECK(getsockopt(fds[0], SOL_SOCKET, SO_ERROR, &value, &length) == 0 && value == 0, "SO_ERROR: 0");
    CHECK(getsockopt(fds[0], SOL_SOCKET, SO_RCVBUF, &value, &length) == 0 && value == CAPACITY,
          "SO_RCVBUF: %d", value);
    CHECK(getsockopt(fds[0], SOL_SOCKET, SO_SNDBUF, &value, &length) == 0 && value == CAPACITY,
          "SO_SNDBUF: %d", value);
    length = 8;
    CHECK(getsockopt(fds[0], SOL_SOCKET, SO_TYPE, &value, &length) == 0 && length == sizeof(int),
          "a longer buffer: the length comes back as 4");
    length = 2;
    CHECK(fails_with(getsockopt(fds[0], SOL_SOCKET, SO_TYPE, &value, &length), EINVAL),
          "a length under 4: EINVAL");
    length = sizeof(value);
    CHECK(fails_with(getsockopt(fds[0], 6 /* IPPROTO_TCP */, SO_TYPE, &value, &length), ENOPROTOOPT) &&
              fails_with(getsockopt(fds[0], SOL_SOCKET, 99, &value, &length), ENOPROTOOPT),
          "another level or option: ENOPROTOOPT");
    CHECK(fails_with(getsockopt(fds[0], SOL_SOCKET, SO_TYPE, bad_pointer(8), &length), EFAULT) &&
              fails_with(getsockopt(fds[0], SOL_SOCKET, SO_TYPE, &value, bad_pointer(8)), EFAULT),
          "bad pointers: EFAULT");
    close_both(fds);
}

static void check_shutdown(void)
{
    int fds[2];
    char buffer[8];

    install(SIGPIPE, on_sigpipe);
    pair(SOCK_STREAM, fds);
    send(fds[0], "last", 4, 0);
    CHECK(shutdown(fds[0], SHUT_WR) == 0, "shutdown(SHUT_WR)");
    CHECK(recv(fds[1], buffer, sizeof(buffer), 0) == 4 && recv(fds[1], buffer, sizeof(buffer), 0) == 0,
          "... the peer reads what was sent, then end of file");
    pipe_count = 0;
    CHECK(fails_with(send(fds[0], "x", 1, 0), EPIPE) && pipe_count == 1,
          "... sending again: EPIPE and SIGPIPE");
    CHECK(send(fds[1], "back", 4, 0) == 4 && recv(fds[0], buffer, sizeof(buffer), 0) == 4,
          "... the other direction still works");
    CHECK(shutdown(fds[0], SHUT_WR) == 0, "shutting down twice is 0");
    close_both(fds);

    pair(SOCK_STREAM, fds);
    CHECK(shutdown(fds[0], SHUT_RD) == 0 && recv(fds[0], buffer, sizeof(buffer), 0) == 0,
          "shutdown(SHUT_RD): recv is end of file at once");
    pipe_count = 0;
    CHECK(fails_with(send(fds[1], "x", 1, MSG_NOSIGNAL), EPIPE) && pipe_count == 0,
          "... the peer's send: EPIPE, no SIGPIPE with MSG_NOSIGNAL");
    CHECK(send(fds[0], "ok", 2, 0) == 2 && recv(fds[1], buffer, sizeof(buffer), 0) == 2,
          "... our sending still works");
    CHECK(shutdown(fds[1], SHUT_RDWR) == 0 && fails_with(send(fds[1], "x", 1, MSG_NOSIGNAL), EPIPE) &&
              recv(fds[1], buffer, sizeof(buffer), 0) == 0,
          "shutdown(SHUT_RDWR): both");
    CHECK(fails_with(shutdown(fds[0], 3), EINVAL) && fails_with(shutdown(fds[0], -1), EINVAL),
          "a bad how: EINVAL");
    close_both(fds);
    install(SIGPIPE, SIG_DFL);
}

static void check_close(void)
{
    int fds[2];
    char buffer[8];

    install(SIGPIPE, on_sigpipe);
    pair(SOCK_STREAM, fds);
    send(fds[1], "bye", 3, 0);
    close(fds[1]);
    CHECK(recv(fds[0], buffer, sizeof(buffer), 0) == 3 && read(fds[0], buffer, sizeof(buffer)) == 0,
          "the peer closed: its last bytes, then end of file");
    pipe_count = 0;
    CHECK(fails_with(write(fds[0], "x", 1), EPIPE) && pipe_count == 1, "... write: EPIPE and SIGPIPE");
    CHECK(fails_with(send(fds[0], "x", 1, MSG_NOSIGNAL), EPIPE) && pipe_count == 1,
          "... send with MSG_NOSIGNAL: EPIPE, no signal");
    close(fds[0]);
    install(SIGPIPE, SIG_DFL);

    pair(SOCK_STREAM, fds);
    int copy = dup(fds[1]);
    close(fds[1]);
    CHECK(send(fds[0], "x", 1, 0) == 1 && recv(copy, buffer, 1, 0) == 1, "a dup keeps the socket open");
    close(copy);
    close(fds[0]);
}

/* A child echoes every byte back until end of file; the parent sends
 * `total` bytes and checks the echo, through a transfer larger than what
 * the socket holds in each direction. */
static void check_between_processes(void)
{
    int fds[2];

    for (size_t i = 0; i < sizeof(big); i++)
        big[i] = (char)(i * 7 + i / 251);
    pair(SOCK_STREAM, fds);
    pid_t child = fork_child();
    if (child == 0) {
        char buffer[3000];
        long got;
        close(fds[0]);
        while ((got = recv(fds[1], buffer, sizeof(buffer), 0)) > 0)
            if (send(fds[1], buffer, (size_t)got, 0) != got)
                _exit(1);
        _exit(got == 0 ? 0 : 2);
    }
    close(fds[1]);
    size_t sent = 0, received = 0;
    while (received < sizeof(big)) {
        if (sent < sizeof(big)) {
            size_t piece = sizeof(big) - sent < 5000 ? sizeof(big) - sent : 5000;
            long moved = send(fds[0], big + sent, piece, 0);
            if (moved <= 0)
                break;
            sent += (size_t)moved;
        }
        long got =
            recv(fds[0], echo + received, sizeof(echo) - received, sent < sizeof(big) ? MSG_DONTWAIT : 0);
        if (got == 0 || (got < 0 && errno != EAGAIN))
            break;
        received += got > 0 ? (size_t)got : 0;
    }
    shutdown(fds[0], SHUT_WR);
    char extra;
    CHECK(received == sizeof(big) && memcmp(big, echo, sizeof(big)) == 0,
          "200000 bytes to another process and back, in order");
    CHECK(recv(fds[0], &extra, 1, 0) == 0, "shutdown(SHUT_WR) ends the child's loop: end of file back");
    int status = wait_status(child);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the echoing child saw end of file");
    close(fds[0]);

    pair(SOCK_STREAM, fds);
    child = fork_child();
    if (child == 0) {
        sleep_ms(50);
        send(fds[1], "late", 4, 0);
        _exit(0);
    }
    char buffer[8];
    CHECK(recv(fds[0], buffer, sizeof(buffer), 0) == 4, "recv blocks until the other process sends");
    wait_status(child);
    close_both(fds);

    /* A writer that dies mid-stream: what it wrote (more than the stream
     * holds, so it waited for room) all arrives, then the end. */
    pair(SOCK_STREAM, fds);
    child = fork_child();
    if (child == 0) {
        close(fds[0]);
        _exit(send(fds[1], big, sizeof(big), 0) == (long)sizeof(big) ? 0 : 1);
    }
    close(fds[1]);
    received = 0;
    long got;
    while ((got = recv(fds[0], echo + received, sizeof(echo) - received, 0)) > 0)
        received += (size_t)got;
    status = wait_status(child);
    CHECK(got == 0 && received == sizeof(big) && memcmp(big, echo, sizeof(big)) == 0 && WIFEXITED(status) &&
              WEXITSTATUS(status) == 0,
          "a writer that exits mid-stream: all its 200000 bytes arrive, then the end");
    close(fds[0]);
}

static void check_sigpipe_default(const char *self)
{
    pid_t child = fork();
    if (child == 0) {
        execl(self, self, "--sigpipe", (char *)NULL);
        _exit(127);
    }
    int status = wait_status(child);
    CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGPIPE, "SIGPIPE's default action ends the writer");
}

static void check_emfile(void)
{
    int fds[2], extra[300], count = 0;

    while ((extra[count] = dup(0)) >= 0)
        count++;
    CHECK(fails_with(pair(SOCK_STREAM, fds), EMFILE), "no free descriptor: EMFILE");
    close(extra[--count]);
    CHECK(fails_with(pair(SOCK_STREAM, fds), EMFILE), "one free descriptor: EMFILE");
    close(extra[--count]);
    CHECK(pair(SOCK_STREAM, fds) == 0, "two free descriptors: a pair");
    close_both(fds);
    while (count > 0)
        close(extra[--count]);
}

/* socket, bind, listen, connect and accept on `path` with allocations
 * failing: 0 when each call succeeded, 1 when one failed with ENOMEM (or
 * ENOSPC: ramfs could not make the node), 2 for any other failure. The
 * parent unlinks the path (unlink too may fail for want of memory). */
static int connect_under_faults(const char *path)
{
    int listener = stream_socket();
    int client = listener >= 0 ? stream_socket() : -1;
    int result = 0;

    if (client < 0 || bind_to(listener, path) < 0 || listen(listener, 1) < 0 || connect_to(client, path) < 0)
        result = errno == ENOMEM || errno == ENOSPC ? 1 : 2;
    if (result == 0) {
        int accepted = accept(listener, NULL, NULL);
        result = accepted >= 0 && send(client, "x", 1, 0) == 1 ? 0 : 2;
        close(accepted);
    }
    close(listener);
    close(client);
    return result;
}

#define OOM_ROUNDS 8

static void oom_path(int round, char path[32])
{
    snprintf(path, 32, "/tmp/socket.oom.%d", round);
}

static int make_sockets(void)
{
    int fds[2], result = 0;
    char path[32];

    for (int i = 0; i < OOM_ROUNDS; i++) {
        if (pair(SOCK_STREAM, fds) == 0)
            close_both(fds);
        else
            result |= errno == ENOMEM ? 1 : 2;
        oom_path(i, path);
        result |= connect_under_faults(path);
    }
    return result;
}

static void remove_oom_paths(void)
{
    char path[32];

    for (int i = 0; i < OOM_ROUNDS; i++) {
        oom_path(i, path);
        unlink(path);
    }
}

/* Allocations failing on purpose in children making pairs and
 * connections: each refusal is ENOMEM, and the counters compared at the
 * end show that none left anything behind. */
static void check_out_of_memory(void)
{
    int refused = 0, wrong = 0;

    fault_inject_children(make_sockets, remove_oom_paths, &refused, &wrong);
    CHECK(refused > 0 && wrong == 0,
          "failed allocations make socketpair, socket, bind, listen and connect fail with ENOMEM (%d runs), "
          "never else",
          refused);
}

#define PATH_A    "/tmp/socket.a"
#define PATH_B    "/tmp/socket.b"
#define PATH_FILE "/tmp/socket.file"

static void check_unconnected(void)
{
    int fd = stream_socket(), other = -1;
    char path[120], byte = 'x';
    struct stat info;

    CHECK(fd >= 0 && fstat(fd, &info) == 0 && S_ISSOCK(info.st_mode), "socket: a descriptor, S_IFSOCK");
    CHECK(fails_with(socket(2, SOCK_STREAM, 0), EAFNOSUPPORT) &&
              fails_with(socket(AF_UNIX, 3, 0), EPROTONOSUPPORT) &&
              fails_with(socket(AF_UNIX, SOCK_STREAM, 7), EPROTONOSUPPORT),
          "socket: EAFNOSUPPORT, EPROTONOSUPPORT");
    CHECK(name_of(fd, false, path) == 2, "getsockname of an unbound socket: unnamed (length 2)");
    CHECK(fails_with(name_of(fd, true, path), ENOTCONN), "getpeername: ENOTCONN");
    CHECK(fails_with(send(fd, &byte, 1, 0), ENOTCONN) && fails_with(recv(fd, &byte, 1, 0), ENOTCONN) &&
              fails_with(write(fd, &byte, 1), ENOTCONN) && fails_with(shutdown(fd, SHUT_RD), ENOTCONN),
          "send, recv, write, shutdown unconnected: ENOTCONN");
    CHECK(fails_with(listen(fd, 1), EDESTADDRREQ), "listen unbound: EDESTADDRREQ");
    CHECK(fails_with(accept(fd, NULL, NULL), EINVAL), "accept not listening: EINVAL");
    CHECK(fails_with(connect_to(fd, "/tmp/none"), ENOENT), "connect to no node: ENOENT");
    close(open(PATH_FILE, O_CREAT | O_WRONLY, 0644));
    CHECK(fails_with(connect_to(fd, PATH_FILE), ECONNREFUSED), "connect to a regular file: ECONNREFUSED");
    CHECK(fails_with(bind_to(fd, PATH_FILE), EADDRINUSE), "bind to an existing path: EADDRINUSE");
    unlink(PATH_FILE);
    CHECK(fails_with(bind_to(fd, "/tmp/none/x"), ENOENT), "bind under a missing directory: ENOENT");

    struct sockaddr_un address = named(PATH_A);
    CHECK(fails_with(bind(fd, (struct sockaddr *)&address, 2), EINVAL) &&
              fails_with(bind(fd, (struct sockaddr *)&address, sizeof(address) + 1), EINVAL),
          "an address length of 2 or over sizeof(struct sockaddr_un): EINVAL");
    address.sun_family = 2;
    CHECK(fails_with(bind(fd, (struct sockaddr *)&address, sizeof(address)), EAFNOSUPPORT) &&
              fails_with(connect(fd, (struct sockaddr *)&address, sizeof(address)), EAFNOSUPPORT),
          "another family: EAFNOSUPPORT");
    address = named("");
    CHECK(fails_with(bind(fd, (struct sockaddr *)&address, sizeof(address)), EINVAL),
          "an empty path: EINVAL");
    memset(address.sun_path, 'p', sizeof(address.sun_path));
    CHECK(fails_with(bind(fd, (struct sockaddr *)&address, sizeof(address)), EINVAL),
          "a path filling sun_path with no NUL: EINVAL");
    CHECK(fails_with(bind(fd, bad_pointer(8), sizeof(address)), EFAULT) &&
              fails_with(connect(fd, bad_pointer(8), sizeof(address)), EFAULT),
          "a bad address pointer: EFAULT");

    address = named(PATH_A);
    CHECK(bind(fd, (struct sockaddr *)&address, 2 + strlen(PATH_A)) == 0 && stat(PATH_A, &info) == 0 &&
              S_ISSOCK(info.st_mode),
          "bind (a path without its NUL): the node is a socket");
    CHECK(name_of(fd, false, path) == (int)(2 + strlen(PATH_A) + 1) && strcmp(path, PATH_A) == 0,
          "getsockname: the path");
    CHECK(fails_with(bind_to(fd, PATH_B), EINVAL), "binding again: EINVAL");
    other = stream_socket();
    CHECK(fails_with(bind_to(other, PATH_A), EADDRINUSE), "another socket on the same path: EADDRINUSE");
    CHECK(fails_with(connect_to(other, PATH_A), ECONNREFUSED),
          "connect to a bound socket not listening: ECONNREFUSED");
    CHECK(fails_with(open(PATH_A, O_RDWR), ENXIO), "open() of a socket node: ENXIO");
    close(other);
    close(fd);
    CHECK(stat(PATH_A, &info) == 0 && fails_with(connect_to(other = stream_socket(), PATH_A), ECONNREFUSED),
          "the socket closed: its node stays, connect is ECONNREFUSED");
    CHECK(fails_with(bind_to(other, PATH_A), EADDRINUSE) && unlink(PATH_A) == 0 &&
              bind_to(other, PATH_A) == 0,
          "... bind is EADDRINUSE until the path is unlinked");
    close(other);
    unlink(PATH_A);
}

static void check_connect_accept(void)
{
    int listener = stream_socket(), client = stream_socket(), second = stream_socket(), accepted;
    char path[120], buffer[8];
    struct sockaddr_un address;
    socklen_t length = sizeof(address);

    CHECK(bind_to(listener, PATH_A) == 0 && listen(listener, 1) == 0, "bind and listen (backlog 1)");
    CHECK(fails_with(connect_to(listener, PATH_A), EINVAL), "connect on a listening socket: EINVAL");
    fcntl(listener, F_SETFL, O_NONBLOCK);
    CHECK(fails_with(accept(listener, NULL, NULL), EAGAIN),
          "accept with nothing waiting, non-blocking: EAGAIN");
    CHECK(connect_to(client, PATH_A) == 0, "connect: done at once");
    CHECK(fails_with(connect_to(client, PATH_A), EISCONN), "connect again: EISCONN");
    CHECK(fails_with(connect_to(second, PATH_A), ECONNREFUSED), "the backlog full: ECONNREFUSED");
    CHECK(listen(listener, 4) == 0 && connect_to(second, PATH_A) == 0,
          "listen again with backlog 4: connect");
    CHECK(name_of(client, true, path) > 2 && strcmp(path, PATH_A) == 0 && name_of(client, false, path) == 2,
          "the client: peer name the path, its own unnamed");
    CHECK(fails_with(listen(client, 1), EINVAL) && fails_with(bind_to(client, PATH_B), EINVAL),
          "listen or bind on a connected socket: EINVAL");
    CHECK(send(client, "hello", 5, 0) == 5, "the client sends before being accepted");

    CHECK(fails_with(accept4(listener, NULL, NULL, 0x1), EINVAL), "accept4 with an unknown flag: EINVAL");
    CHECK(fails_with(accept(listener, bad_pointer(8), &length), EFAULT), "accept with a bad address: EFAULT");
    accepted = accept(listener, (struct sockaddr *)&address, &length);
    CHECK(accepted >= 0 && length == 2 && address.sun_family == AF_UNIX,
          "... the connection stayed queued: accept gets it, the client unnamed");
    CHECK(recv(accepted, buffer, sizeof(buffer), 0) == 5 && memcmp(buffer, "hello", 5) == 0,
          "the accepted socket reads what the client sent");
    CHECK(send(accepted, "hi", 2, 0) == 2 && recv(client, buffer, sizeof(buffer), 0) == 2, "... and answers");
    CHECK(name_of(accepted, false, path) > 2 && strcmp(path, PATH_A) == 0 &&
              name_of(accepted, true, path) == 2,
          "the accepted socket: its name the path, its peer unnamed");
    CHECK(!(fcntl(accepted, F_GETFL) & O_NONBLOCK) && !(fcntl(accepted, F_GETFD) & FD_CLOEXEC),
          "accept: blocking, not close-on-exec (the listener's O_NONBLOCK is not inherited)");
    close(accepted);

    int extra[300], count = 0;
    while ((extra[count] = dup(0)) >= 0)
        count++;
    CHECK(fails_with(accept(listener, NULL, NULL), EMFILE), "accept with no free descriptor: EMFILE");
    while (count > 0)
        close(extra[--count]);
    accepted = accept4(listener, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
    CHECK(accepted >= 0 && (fcntl(accepted, F_GETFL) & O_NONBLOCK) && (fcntl(accepted, F_GETFD) & FD_CLOEXEC),
          "... the connection stayed queued: accept4 SOCK_NONBLOCK | SOCK_CLOEXEC gets it");
    CHECK(fails_with(recv(accepted, buffer, 1, 0), EAGAIN), "... non-blocking");
    close(accepted);
    close(second);
    close(client);

    client = stream_socket();
    connect_to(client, PATH_A);
    close(listener);
    CHECK(recv(client, buffer, 1, 0) == 0 && fails_with(send(client, "x", 1, MSG_NOSIGNAL), EPIPE),
          "the listener closed with a connection waiting: the client sees end of file and EPIPE");
    close(client);
    unlink(PATH_A);

    listener = stream_socket();
    bind_to(listener, PATH_A);
    listen(listener, 4);
    client = stream_socket();
    connect_to(client, PATH_A);
    CHECK(unlink(PATH_A) == 0 && fails_with(connect_to(second = stream_socket(), PATH_A), ENOENT),
          "unlink removes the name: connect is ENOENT");
    accepted = accept(listener, NULL, NULL);
    CHECK(accepted >= 0 && send(client, "y", 1, 0) == 1 && recv(accepted, buffer, 1, 0) == 1,
          "... the listener still accepts what was waiting");
    CHECK(bind_to(second, PATH_A) == 0 && unlink(PATH_A) == 0, "... and the path can be bound again");
    close(accepted);
    close(client);
    close(second);
    close(listener);
}

static void on_usr1(int signal)
{
    (void)signal;
}

/* accept sleeps until another process connects, or a signal comes. */
static void check_accept_between_processes(void)
{
    int listener = stream_socket();
    pid_t parent = getpid();
    char buffer[64];

    bind_to(listener, PATH_B);
    listen(listener, SOMAXCONN);
    pid_t child = fork_child();
    if (child == 0) {
        int fd = stream_socket();
        sleep_ms(50);
        if (connect_to(fd, PATH_B) != 0)
            _exit(1);
        long got = recv(fd, buffer, sizeof(buffer), 0);
        _exit(got == 5 && memcmp(buffer, "greet", 5) == 0 ? 0 : 2);
    }
    int accepted = accept(listener, NULL, NULL);
    CHECK(accepted >= 0 && send(accepted, "greet", 5, 0) == 5, "accept waits for another process's connect");
    int status = wait_status(child);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "... which reads what the server sent");
    close(accepted);

    install(SIGUSR1, on_usr1);
    child = fork_child();
    if (child == 0) {
        sleep_ms(50);
        kill(parent, SIGUSR1);
        _exit(0);
    }
    CHECK(fails_with(accept(listener, NULL, NULL), EINTR), "a signal ends a waiting accept: EINTR");
    wait_status(child);
    install(SIGUSR1, SIG_DFL);
    close(listener);
    unlink(PATH_B);
}

static void run_checks(const char *self)
{
    check_refusals();
    check_unconnected();
    check_connect_accept();
    check_accept_between_processes();
    check_flags();
    check_options();
    check_shutdown();
    check_close();
    check_between_processes();
    check_sigpipe_default(self);
    check_emfile();
    check_out_of_memory();
    _exit(check_failures);
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "--sigpipe") == 0) {
        int fds[2];
        pair(SOCK_STREAM, fds);
        close(fds[1]);
        send(fds[0], "x", 1, 0);
        return 0;
    }
    setvbuf(stdout, NULL, _IONBF, 0);
    check_basics(); /* the first pair also sets the heap's slabs up */
    return check_in_child(run_checks, argv[0]);
}
