/*
 * posix_socket_scm - sendmsg and recvmsg, and SCM_RIGHTS, seen from user
 * space: gather and scatter on the three socket types, msg_name and
 * msg_flags (MSG_TRUNC, MSG_CTRUNC), every refusal of the header, vector
 * and control data (EMSGSIZE, EFAULT with nothing sent, EINVAL, ENOBUFS,
 * EBADF); descriptors passed on each type: a pipe end, a message queue
 * and a socket, each used by the receiver, between two processes too;
 * on a stream the descriptors come with the bytes they were sent with;
 * MSG_CTRUNC closes what does not fit, MSG_CMSG_CLOEXEC, read() and
 * peeks; descriptors in messages never received are released; ENOMEM and
 * nothing else when allocations fail on purpose; and the kernel's counters
 * back where they started.
 *
 * Run by tests/posix_socket.bats. With `--fd-open N` (after an exec) it
 * exits 0 if descriptor N is open, 1 if not.
 */
#include <fcntl.h>
#include <mqueue.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <sys/un.h>
#include "posix_socket_check.h"

#define QUEUE_NAME "/scm-queue"

static char big[4 * 4096];

/* Room for one SCM_RIGHTS message of up to 64 descriptors. */
union control {
    struct cmsghdr header;
    char bytes[CMSG_SPACE(64 * sizeof(int))];
};

/* Send `length` bytes with `count` descriptors (none: no control data). */
static long send_fds(int socket, const void *data, size_t length, const int *fds, int count, int flags)
{
    struct iovec part = {(void *)data, length};
    union control control;
    struct msghdr message = {.msg_iov = &part, .msg_iovlen = 1};

    if (count > 0) {
        memset(&control, 0, sizeof(control));
        message.msg_control = control.bytes;
        message.msg_controllen = CMSG_SPACE(count * sizeof(int));
        struct cmsghdr *header = CMSG_FIRSTHDR(&message);
        header->cmsg_level = SOL_SOCKET;
        header->cmsg_type = SCM_RIGHTS;
        header->cmsg_len = CMSG_LEN(count * sizeof(int));
        memcpy(CMSG_DATA(header), fds, count * sizeof(int));
    }
    return sendmsg(socket, &message, flags);
}

/* Receive into `data` with room for exactly `room` descriptors (CMSG_LEN:
 * CMSG_SPACE's padding would hold one more): the byte count;
 * the descriptors in fds[], their number in *count, msg_flags in *flags. */
static long receive_fds(int socket, void *data, size_t length, size_t room, int *fds, int *count, int *flags,
                        int recv_flags)
{
    struct iovec part = {data, length};
    union control control;
    struct msghdr message = {.msg_iov = &part,
                             .msg_iovlen = 1,
                             .msg_control = control.bytes,
                             .msg_controllen = room ? CMSG_LEN(room * sizeof(int)) : 0};
    long result = recvmsg(socket, &message, recv_flags);

    *count = 0;
    *flags = message.msg_flags;
    for (struct cmsghdr *header = CMSG_FIRSTHDR(&message); result >= 0 && header;
         header = CMSG_NXTHDR(&message, header)) {
        int found = (int)((header->cmsg_len - CMSG_LEN(0)) / sizeof(int));
        memcpy(fds + *count, CMSG_DATA(header), found * sizeof(int));
        *count += found;
    }
    return result;
}

static void check_gather_scatter(void)
{
    static const int types[3] = {SOCK_STREAM, SOCK_DGRAM, SOCK_SEQPACKET};
    char first[3], second[8];

    for (int index = 0; index < 3; index++) {
        int fds[2];
        struct iovec out[3] = {{"ab", 2}, {"", 0}, {"cdefg", 5}};
        struct iovec in[2] = {{first, sizeof(first)}, {second, sizeof(second)}};
        struct msghdr sent = {.msg_iov = out, .msg_iovlen = 3}, received = {.msg_iov = in, .msg_iovlen = 2};
        socketpair(AF_UNIX, types[index], 0, fds);
        CHECK(sendmsg(fds[0], &sent, 0) == 7 && recvmsg(fds[1], &received, 0) == 7 &&
                  memcmp(first, "abc", 3) == 0 && memcmp(second, "defg", 4) == 0 && received.msg_flags == 0,
              "type %d: three buffers gathered, scattered into two", types[index]);
        close_both(fds);
    }
}

static void check_record_flags_and_names(void)
{
    int fds[2];
    char buffer[4];
    struct iovec part = {buffer, sizeof(buffer)};
    struct sockaddr_un from;
    struct msghdr message = {
        .msg_name = &from, .msg_namelen = sizeof(from), .msg_iov = &part, .msg_iovlen = 1};

    socketpair(AF_UNIX, SOCK_DGRAM, 0, fds);
    send(fds[0], "too long", 8, 0);
    CHECK(recvmsg(fds[1], &message, 0) == 4 && (message.msg_flags & MSG_TRUNC) && message.msg_namelen == 0,
          "recvmsg: MSG_TRUNC in msg_flags, an unnamed sender's address length 0");
    send(fds[0], "too long", 8, 0);
    message.msg_flags = 0;
    CHECK(recvmsg(fds[1], &message, MSG_TRUNC) == 8 && (message.msg_flags & MSG_TRUNC),
          "recvmsg(MSG_TRUNC): the whole length");
    close_both(fds);

    int named = socket(AF_UNIX, SOCK_DGRAM, 0), receiver = socket(AF_UNIX, SOCK_DGRAM, 0);
    struct sockaddr_un address = {.sun_family = AF_UNIX, .sun_path = "/tmp/scm-named"};
    struct sockaddr_un target = {.sun_family = AF_UNIX, .sun_path = "/tmp/scm-receiver"};
    unlink(address.sun_path);
    unlink(target.sun_path);
    bind(named, (struct sockaddr *)&address, sizeof(address));
    bind(receiver, (struct sockaddr *)&target, sizeof(target));
    struct iovec out = {"hi", 2};
    struct msghdr sent = {
        .msg_name = &target, .msg_namelen = sizeof(target), .msg_iov = &out, .msg_iovlen = 1};
    message.msg_namelen = sizeof(from);
    CHECK(sendmsg(named, &sent, 0) == 2 && recvmsg(receiver, &message, 0) == 2 &&
              message.msg_namelen == 2 + sizeof("/tmp/scm-named") &&
              strcmp(from.sun_path, "/tmp/scm-named") == 0,
          "sendmsg to msg_name; recvmsg gives the sender's name in msg_name");
    close(named);
    close(receiver);
    unlink(address.sun_path);
    unlink(target.sun_path);
}

static void check_refusals(void)
{
    int fds[2], pipe_fds[2], many[65];
    char byte = 'x';
    struct iovec part = {&byte, 1};
    struct msghdr message = {.msg_iov = &part, .msg_iovlen = IOV_MAX + 1};

    socketpair(AF_UNIX, SOCK_SEQPACKET, 0, fds);
    pipe(pipe_fds);
    CHECK(fails_with(sendmsg(fds[0], &message, 0), EMSGSIZE), "more than IOV_MAX buffers: EMSGSIZE");
    message.msg_iovlen = 1;
    message.msg_iov = bad_pointer(8);
    CHECK(fails_with(sendmsg(fds[0], &message, 0), EFAULT), "a bad vector: EFAULT");
    message.msg_iov = &part;
    message.msg_control = bad_pointer(8);
    message.msg_controllen = CMSG_SPACE(sizeof(int));
    CHECK(fails_with(sendmsg(fds[0], &message, 0), EFAULT) &&
              fails_with(recv(fds[1], &byte, 1, MSG_DONTWAIT), EAGAIN),
          "a bad control buffer: EFAULT, and nothing sent");
    CHECK(fails_with(sendmsg(fds[0], bad_pointer(8), 0), EFAULT), "a bad header: EFAULT");
    int bad = 99;
    CHECK(fails_with(send_fds(fds[0], "x", 1, &bad, 1, 0), EBADF) &&
              fails_with(recv(fds[1], &byte, 1, MSG_DONTWAIT), EAGAIN),
          "a descriptor not open: EBADF, and nothing sent");
    for (int index = 0; index < 65; index++)
        many[index] = pipe_fds[0];
    CHECK(send_fds(fds[0], "x", 1, many, 64, 0) == 1 &&
              fails_with(send_fds(fds[0], "x", 1, many, 65, 0), EINVAL),
          "64 descriptors in one message; 65: EINVAL");
    int count, flags, received[64];
    CHECK(receive_fds(fds[1], &byte, 1, 64, received, &count, &flags, 0) == 1 && count == 64,
          "... and all 64 arrive");
    for (int index = 0; index < count; index++)
        close(received[index]);
    union control control;
    memset(&control, 0, sizeof(control));
    message.msg_control = control.bytes;
    message.msg_controllen = CMSG_SPACE(sizeof(int));
    control.header.cmsg_len = CMSG_LEN(sizeof(int));
    control.header.cmsg_level = 0;
    control.header.cmsg_type = SCM_RIGHTS;
    CHECK(fails_with(sendmsg(fds[0], &message, 0), EINVAL), "a control message of another level: EINVAL");
    control.header.cmsg_level = SOL_SOCKET;
    control.header.cmsg_len = CMSG_SPACE(sizeof(int)) + 8;
    CHECK(fails_with(sendmsg(fds[0], &message, 0), EINVAL),
          "a control message longer than the buffer: EINVAL");
    message.msg_controllen = 8192;
    CHECK(fails_with(sendmsg(fds[0], &message, 0), ENOBUFS), "more than 4096 control bytes: ENOBUFS");
    message.msg_control = NULL;
    message.msg_controllen = 0;
    CHECK(fails_with(sendmsg(fds[0], &message, 0x1), EOPNOTSUPP) &&
              fails_with(recvmsg(fds[1], &message, 0x1), EOPNOTSUPP),
          "an unknown flag: EOPNOTSUPP");
    close_both(pipe_fds);
    close_both(fds);
}

/* A pipe's write end, passed on `type`; the receiver writes through it. */
static void check_pass_pipe(int type)
{
    int fds[2], pipe_fds[2], received[4], count, flags;
    char buffer[8];

    socketpair(AF_UNIX, type, 0, fds);
    pipe(pipe_fds);
    CHECK(send_fds(fds[0], "p", 1, &pipe_fds[1], 1, 0) == 1, "type %d: send a pipe's write end", type);
    close(pipe_fds[1]);
    CHECK(receive_fds(fds[1], buffer, sizeof(buffer), 4, received, &count, &flags, 0) == 1 && count == 1 &&
              flags == 0 && !(fcntl(received[0], F_GETFD) & FD_CLOEXEC),
          "type %d: it arrives as a new descriptor, not close-on-exec", type);
    CHECK(write(received[0], "via", 3) == 3 && read(pipe_fds[0], buffer, sizeof(buffer)) == 3 &&
              memcmp(buffer, "via", 3) == 0,
          "type %d: the receiver writes into the pipe through it", type);
    close(received[0]);
    CHECK(read(pipe_fds[0], buffer, sizeof(buffer)) == 0, "type %d: closing it, the last writer: EOF", type);
    close(pipe_fds[0]);
    close_both(fds);
}

static void check_pass_queue_and_socket(void)
{
    int fds[2], inner[2], received[4], count, flags, passed[2];
    char buffer[64];
    struct mq_attr attributes = {.mq_maxmsg = 4, .mq_msgsize = 32};
    mqd_t queue = mq_open(QUEUE_NAME, O_CREAT | O_RDWR, 0600, &attributes);

    socketpair(AF_UNIX, SOCK_DGRAM, 0, fds);
    socketpair(AF_UNIX, SOCK_STREAM, 0, inner);
    passed[0] = queue;
    passed[1] = inner[1];
    CHECK(send_fds(fds[0], "q", 1, passed, 2, 0) == 1, "send a message queue and a socket together");
    mq_close(queue);
    close(inner[1]);
    CHECK(receive_fds(fds[1], buffer, sizeof(buffer), 4, received, &count, &flags, MSG_CMSG_CLOEXEC) == 1 &&
              count == 2 && (fcntl(received[0], F_GETFD) & FD_CLOEXEC) &&
              (fcntl(received[1], F_GETFD) & FD_CLOEXEC),
          "both arrive, close-on-exec with MSG_CMSG_CLOEXEC");
    unsigned priority = 0;
    CHECK(mq_send(received[0], "queued", 6, 7) == 0 &&
              mq_receive(received[0], buffer, sizeof(buffer), &priority) == 6 && priority == 7,
          "the received queue descriptor sends and receives");
    CHECK(send(received[1], "through", 7, 0) == 7 && recv(inner[0], buffer, sizeof(buffer), 0) == 7,
          "the received socket sends to its peer");
    close(received[0]);
    close(received[1]);
    close(inner[0]);
    close_both(fds);
    mq_unlink(QUEUE_NAME);
}

/* On a stream, descriptors come with the bytes they were sent with: a
 * receive stops before them, and after them. */
static void check_stream_boundaries(void)
{
    int fds[2], pipe_fds[2], received[4], count, flags;
    char buffer[64];

    socketpair(AF_UNIX, SOCK_STREAM, 0, fds);
    pipe(pipe_fds);
    send(fds[0], "plain", 5, 0);
    send_fds(fds[0], "first", 5, &pipe_fds[0], 1, 0);
    send_fds(fds[0], "second", 6, &pipe_fds[1], 1, 0);
    send(fds[0], "tail", 4, 0);
    CHECK(receive_fds(fds[1], buffer, sizeof(buffer), 4, received, &count, &flags, 0) == 5 && count == 0 &&
              memcmp(buffer, "plain", 5) == 0,
          "stream: a receive stops before bytes sent with descriptors");
    CHECK(receive_fds(fds[1], buffer, 2, 4, received, &count, &flags, MSG_PEEK) == 2 && count == 1,
          "a peek at them shows the descriptor too (a copy)");
    close(received[0]);
    CHECK(receive_fds(fds[1], buffer, sizeof(buffer), 4, received, &count, &flags, 0) == 5 && count == 1 &&
              memcmp(buffer, "first", 5) == 0,
          "the next gets those bytes and their descriptor, and stops after them");
    close(received[0]);
    CHECK(receive_fds(fds[1], buffer, 3, 4, received, &count, &flags, 0) == 3 && count == 1,
          "the descriptor comes with the first byte of its send");
    close(received[0]);
    CHECK(receive_fds(fds[1], buffer, sizeof(buffer), 4, received, &count, &flags, 0) == 7 && count == 0 &&
              memcmp(buffer, "ondtail", 7) == 0,
          "the rest of that send and plain bytes after it, without descriptors");
    close(pipe_fds[1]);
    int other[2];
    pipe(other);
    send_fds(fds[0], "r", 1, &other[1], 1, 0);
    close(other[1]);
    CHECK(read(fds[1], buffer, sizeof(buffer)) == 1 && read(other[0], buffer, sizeof(buffer)) == 0,
          "read() takes the bytes and closes their descriptors (the pipe's last writer: EOF)");
    close(other[0]);
    close(pipe_fds[0]);
    close_both(fds);
}

static void check_ctrunc(void)
{
    int fds[2], pipe_fds[2], received[4], count, flags, three[3];
    char byte;

    socketpair(AF_UNIX, SOCK_SEQPACKET, 0, fds);
    pipe(pipe_fds);
    three[0] = three[1] = three[2] = pipe_fds[1];
    send_fds(fds[0], "c", 1, three, 3, 0);
    CHECK(receive_fds(fds[1], &byte, 1, 1, received, &count, &flags, 0) == 1 && count == 1 &&
              (flags & MSG_CTRUNC),
          "room for one of three: one arrives, MSG_CTRUNC");
    close(received[0]);
    send_fds(fds[0], "c", 1, three, 3, 0);
    CHECK(receive_fds(fds[1], &byte, 1, 0, received, &count, &flags, 0) == 1 && count == 0 &&
              (flags & MSG_CTRUNC),
          "no control buffer: none arrive, MSG_CTRUNC");
    close(pipe_fds[1]);
    CHECK(read(pipe_fds[0], &byte, 1) == 0,
          "the descriptors that did not fit were closed: the pipe sees EOF");
    close(pipe_fds[0]);
    close_both(fds);
}

/* Descriptors in a message nobody receives are released with it. */
static void check_never_received(void)
{
    static const int types[3] = {SOCK_STREAM, SOCK_DGRAM, SOCK_SEQPACKET};
    int pipe_fds[2];
    char byte;

    pipe(pipe_fds);
    for (int index = 0; index < 3; index++) {
        int fds[2];
        socketpair(AF_UNIX, types[index], 0, fds);
        send_fds(fds[0], "lost", 4, &pipe_fds[1], 1, 0);
        close_both(fds);
    }
    close(pipe_fds[1]);
    CHECK(read(pipe_fds[0], &byte, 1) == 0,
          "messages never received release their descriptors (the pipe sees EOF)");
    close(pipe_fds[0]);
}

/* Is descriptor `fd` open in a program exec'd from a child? */
static bool open_after_exec(const char *self, int fd)
{
    char number[16];
    int status = -1;

    snprintf(number, sizeof(number), "%d", fd);
    pid_t child = fork_child();
    if (child == 0) {
        execl(self, self, "--fd-open", number, (char *)NULL);
        _exit(2);
    }
    waitpid(child, &status, 0);
    return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

/* Received with MSG_CMSG_CLOEXEC, a descriptor is gone after exec; without
 * it, it stays; and SOCK_CLOEXEC sockets go. */
static void check_close_on_exec(const char *self)
{
    int fds[2], pipe_fds[2], received[4], count, flags, cloexec[2];
    char byte;

    socketpair(AF_UNIX, SOCK_SEQPACKET, 0, fds);
    pipe(pipe_fds);
    send_fds(fds[0], "a", 1, &pipe_fds[0], 1, 0);
    send_fds(fds[0], "b", 1, &pipe_fds[0], 1, 0);
    receive_fds(fds[1], &byte, 1, 4, received, &count, &flags, MSG_CMSG_CLOEXEC);
    receive_fds(fds[1], &byte, 1, 4, &received[1], &count, &flags, 0);
    CHECK(!open_after_exec(self, received[0]) && open_after_exec(self, received[1]),
          "exec closes a descriptor received with MSG_CMSG_CLOEXEC, keeps one received without");
    socketpair(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0, cloexec);
    CHECK(!open_after_exec(self, cloexec[0]) && open_after_exec(self, fds[0]),
          "exec closes SOCK_CLOEXEC sockets, keeps the others");
    close(received[0]);
    close(received[1]);
    close_both(cloexec);
    close_both(pipe_fds);
    close_both(fds);
}

/* A child gets a pipe's write end from its parent over an inherited
 * socket, writes through it and exits; the parent reads. */
static void check_between_processes(void)
{
    int fds[2], pipe_fds[2], status = -1;
    char buffer[16];

    socketpair(AF_UNIX, SOCK_STREAM, 0, fds);
    pid_t child = fork_child();
    if (child == 0) {
        int received[4], count, flags;
        close(fds[0]);
        if (receive_fds(fds[1], buffer, sizeof(buffer), 4, received, &count, &flags, 0) != 1 || count != 1)
            _exit(1);
        _exit(write(received[0], "child", 5) == 5 ? 0 : 2);
    }
    close(fds[1]);
    pipe(pipe_fds);
    sleep_ms(20);
    send_fds(fds[0], "w", 1, &pipe_fds[1], 1, 0);
    close(pipe_fds[1]);
    CHECK(read(pipe_fds[0], buffer, sizeof(buffer)) == 5 && waitpid(child, &status, 0) == child &&
              status == 0 && read(pipe_fds[0], buffer, sizeof(buffer)) == 0,
          "a child blocked in recvmsg gets a pipe end and writes through it");
    close(pipe_fds[0]);
    close(fds[0]);
}

/* One pass of every type with allocations failing: 0 when each call
 * succeeded, bit 1 when one failed with ENOMEM, bit 2 when one failed
 * otherwise (fault_inject_children in check.h). A receive follows only a
 * send that succeeded. */
static int pass_under_faults(void)
{
    static const int types[3] = {SOCK_STREAM, SOCK_DGRAM, SOCK_SEQPACKET};
    int result = 0;

    for (int index = 0; index < 3; index++) {
        int fds[2], pipe_fds[2], received[4], count, flags;
        char byte;
        if (socketpair(AF_UNIX, types[index], 0, fds) != 0 || pipe(pipe_fds) != 0) {
            result |= errno == ENOMEM ? 1 : 2;
            continue;
        }
        if (send_fds(fds[0], "x", 1, pipe_fds, 2, 0) != 1)
            result |= errno == ENOMEM ? 1 : 2;
        else if (receive_fds(fds[1], &byte, 1, 4, received, &count, &flags, 0) != 1 || count != 2)
            result |= 2;
        else
            close_both(received);
        close_both(pipe_fds);
        close_both(fds);
    }
    return result;
}

/* Allocations failing on purpose: sockets, descriptors and messages are
 * refused with ENOMEM only, and whatever a refused call had made is gone
 * (the counters compared at the end). */
static void check_out_of_memory(void)
{
    int refused = 0, wrong = 0;

    fault_inject_children(pass_under_faults, NULL, &refused, &wrong);
    CHECK(refused > 0 && wrong == 0,
          "failed allocations make socketpair and sendmsg with descriptors fail with ENOMEM (%d runs), never "
          "else",
          refused);
}

static void run_checks(const char *self)
{
    check_gather_scatter();
    check_record_flags_and_names();
    check_refusals();
    check_pass_pipe(SOCK_STREAM);
    check_pass_pipe(SOCK_DGRAM);
    check_pass_pipe(SOCK_SEQPACKET);
    check_pass_queue_and_socket();
    check_stream_boundaries();
    check_ctrunc();
    check_never_received();
    check_between_processes();
    check_close_on_exec(self);
    check_out_of_memory();
    _exit(check_failures);
}

/* Grow the heap's slabs for what the checks use (socket_checks_main). */
static void warm_up(void)
{
    int fds[2], pipe_fds[2], received[4], count, flags;

    pipe(pipe_fds);
    socketpair(AF_UNIX, SOCK_STREAM, 0, fds);
    send_fds(fds[0], big, sizeof(big), pipe_fds, 2, 0);
    receive_fds(fds[1], big, sizeof(big), 4, received, &count, &flags, 0);
    for (int index = 0; index < count; index++)
        close(received[index]);
    close_both(fds);
    close_both(pipe_fds);
}

int main(int argc, char **argv)
{
    if (argc == 3 && strcmp(argv[1], "--fd-open") == 0)
        return fcntl(atoi(argv[2]), F_GETFD) >= 0 ? 0 : 1;
    return socket_checks_main(argv[0], warm_up, run_checks);
}
