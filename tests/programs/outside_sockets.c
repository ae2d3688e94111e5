/*
 * outside_sockets.c - an ordinary POSIX program using sockets, written as
 * if for any Unix: nothing Freeport-specific.
 *
 * tests/posix_socket.bats builds it unmodified with build/bin/freeport-cc
 * and runs it in the guest. It passes a pipe's write end through a
 * SOCK_SEQPACKET socketpair with sendmsg/recvmsg and SCM_RIGHTS, writes
 * through the received end with writev (<sys/uio.h>), polls the read end,
 * and uses err() and the <limits.h> limits. Prints
 * "outside: hello, world" and exits 0, or says what failed and exits 1.
 */
#include <err.h>
#include <limits.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <unistd.h>

/* One byte of data with room for one descriptor: what both ends exchange. */
struct descriptor_message {
    char data;
    struct iovec part;
    union {
        struct cmsghdr header;
        char space[CMSG_SPACE(sizeof(int))];
    } control;
    struct msghdr header;
};

static struct msghdr *descriptor_message_init(struct descriptor_message *message)
{
    message->data = 'd';
    message->part = (struct iovec){&message->data, 1};
    message->header = (struct msghdr){.msg_iov = &message->part, .msg_iovlen = 1,
                                      .msg_control = message->control.space,
                                      .msg_controllen = sizeof(message->control.space)};
    return &message->header;
}

static int send_descriptor(int socket, int fd)
{
    struct descriptor_message message;
    struct msghdr *header = descriptor_message_init(&message);
    struct cmsghdr *control = CMSG_FIRSTHDR(header);

    control->cmsg_level = SOL_SOCKET;
    control->cmsg_type = SCM_RIGHTS;
    control->cmsg_len = CMSG_LEN(sizeof(int));
    memcpy(CMSG_DATA(control), &fd, sizeof(int));
    return sendmsg(socket, header, 0) == 1 ? 0 : -1;
}

static int receive_descriptor(int socket)
{
    struct descriptor_message message;
    struct msghdr *header = descriptor_message_init(&message);
    int fd = -1;

    if (recvmsg(socket, header, 0) != 1)
        err(1, "recvmsg");
    for (struct cmsghdr *control = CMSG_FIRSTHDR(header); control; control = CMSG_NXTHDR(header, control))
        if (control->cmsg_level == SOL_SOCKET && control->cmsg_type == SCM_RIGHTS)
            memcpy(&fd, CMSG_DATA(control), sizeof(int));
    return fd;
}

int main(void)
{
    int sockets[2], pipe_fds[2];
    char buffer[PIPE_BUF];
    struct iovec parts[2] = {{"hello, ", 7}, {"world", 5}};

    if (IOV_MAX < 16 || PIPE_BUF < 512)
        errx(1, "limits: IOV_MAX %d PIPE_BUF %d", IOV_MAX, PIPE_BUF);
    if (socketpair(AF_UNIX, SOCK_SEQPACKET, 0, sockets) != 0 || pipe(pipe_fds) != 0)
        err(1, "socketpair");
    if (send_descriptor(sockets[0], pipe_fds[1]) != 0)
        err(1, "sendmsg");
    close(pipe_fds[1]);
    int received = receive_descriptor(sockets[1]);
    if (received < 0)
        errx(1, "no descriptor came");
    if (writev(received, parts, 2) != 12)
        err(1, "writev");
    close(received);
    struct pollfd ready = {pipe_fds[0], POLLIN, 0};
    if (poll(&ready, 1, 1000) != 1 || !(ready.revents & POLLIN))
        errx(1, "poll");
    ssize_t got = read(pipe_fds[0], buffer, sizeof(buffer));
    printf("outside: %.*s\n", (int)got, buffer);
    return 0;
}
