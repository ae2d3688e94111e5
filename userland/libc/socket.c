/*
 * userland/libc/socket.c - Unix sockets: socket, socketpair, bind, listen,
 * connect, accept, accept4, getsockname, getpeername, sendmsg, recvmsg,
 * send, recv, sendto, recvfrom, shutdown, getsockopt, setsockopt.
 *
 * Layer: libfreeport. The SDK's <sys/socket.h> constants and structures
 * are the kernel's <freeport/socket.h> ones (checked below), so arguments
 * pass through; struct sockaddr_un is the kernel's layout. One system call
 * makes a socket or a pair, one answers both getsockname and getpeername;
 * send, recv, sendto and recvfrom are sendmsg and recvmsg of one buffer.
 */
#include <freeport/abi.h>
#include <freeport/socket.h>
#include <stddef.h>
#include <sys/socket.h>
#include <sys/un.h>
#include "syscall.h"

#define SAME(sdk, kernel) _Static_assert((sdk) == (kernel), #sdk " != " #kernel)
#define SAME_FIELD(sdk, field, kernel, kernel_field)                                                         \
    SAME(offsetof(struct sdk, field), offsetof(struct kernel, kernel_field));                                \
    SAME(sizeof(((struct sdk *)0)->field), sizeof(((struct kernel *)0)->kernel_field))
SAME(AF_UNIX, FP_AF_UNIX);
SAME(SOCK_STREAM, FP_SOCK_STREAM);
SAME(SOCK_DGRAM, FP_SOCK_DGRAM);
SAME(SOCK_SEQPACKET, FP_SOCK_SEQPACKET);
SAME(SOCK_NONBLOCK, FP_SOCK_NONBLOCK);
SAME(SOCK_CLOEXEC, FP_SOCK_CLOEXEC);
SAME(SOCK_NONBLOCK, FP_O_NONBLOCK);
SAME(SOCK_CLOEXEC, FP_O_CLOEXEC);
SAME(MSG_PEEK, FP_MSG_PEEK);
SAME(MSG_CTRUNC, FP_MSG_CTRUNC);
SAME(MSG_TRUNC, FP_MSG_TRUNC);
SAME(MSG_DONTWAIT, FP_MSG_DONTWAIT);
SAME(MSG_NOSIGNAL, FP_MSG_NOSIGNAL);
SAME(MSG_CMSG_CLOEXEC, FP_MSG_CMSG_CLOEXEC);
SAME(SHUT_RD, FP_SHUT_RD);
SAME(SHUT_WR, FP_SHUT_WR);
SAME(SHUT_RDWR, FP_SHUT_RDWR);
SAME(SOL_SOCKET, FP_SOL_SOCKET);
SAME(SO_TYPE, FP_SO_TYPE);
SAME(SO_ERROR, FP_SO_ERROR);
SAME(SO_SNDBUF, FP_SO_SNDBUF);
SAME(SO_RCVBUF, FP_SO_RCVBUF);
SAME(SO_PEERCRED, FP_SO_PEERCRED);
SAME(SO_ACCEPTCONN, FP_SO_ACCEPTCONN);
SAME(SCM_RIGHTS, FP_SCM_RIGHTS);
SAME(sizeof(struct sockaddr_un), 110);
SAME(offsetof(struct sockaddr_un, sun_path), 2);
SAME(sizeof(struct msghdr), sizeof(struct freeport_msghdr));
SAME_FIELD(msghdr, msg_name, freeport_msghdr, name);
SAME_FIELD(msghdr, msg_namelen, freeport_msghdr, name_length);
SAME_FIELD(msghdr, msg_iov, freeport_msghdr, iov);
SAME_FIELD(msghdr, msg_iovlen, freeport_msghdr, iov_count);
SAME_FIELD(msghdr, msg_control, freeport_msghdr, control);
SAME_FIELD(msghdr, msg_controllen, freeport_msghdr, control_length);
SAME_FIELD(msghdr, msg_flags, freeport_msghdr, flags);
SAME(sizeof(struct cmsghdr), sizeof(struct freeport_cmsghdr));
SAME_FIELD(cmsghdr, cmsg_len, freeport_cmsghdr, length);
SAME_FIELD(cmsghdr, cmsg_level, freeport_cmsghdr, level);
SAME_FIELD(cmsghdr, cmsg_type, freeport_cmsghdr, type);
SAME(CMSG_LEN(0), FP_CMSG_ALIGN(sizeof(struct freeport_cmsghdr)));
SAME(sizeof(struct ucred), sizeof(struct freeport_ucred));
SAME_FIELD(ucred, pid, freeport_ucred, pid);
SAME_FIELD(ucred, uid, freeport_ucred, uid);
SAME_FIELD(ucred, gid, freeport_ucred, gid);
SAME_FIELD(iovec, iov_base, freeport_iovec, base);
SAME_FIELD(iovec, iov_len, freeport_iovec, length);

int socket(int domain, int type, int protocol)
{
    return syscall_result(SYSCALL(SYS_socket, domain, type, protocol, NULL));
}

int socketpair(int domain, int type, int protocol, int fds[2])
{
    return syscall_result(SYSCALL(SYS_socket, domain, type, protocol, fds));
}

ssize_t sendmsg(int fd, const struct msghdr *message, int flags)
{
    return syscall_result(SYSCALL(SYS_sendmsg, fd, message, flags));
}

ssize_t recvmsg(int fd, struct msghdr *message, int flags)
{
    return syscall_result(SYSCALL(SYS_recvmsg, fd, message, flags));
}

/* A message of one buffer, with an address (NULL: none). */
static struct msghdr one_buffer(struct iovec *part, void *address, socklen_t address_length)
{
    return (struct msghdr){
        .msg_name = address,
        .msg_namelen = address ? address_length : 0,
        .msg_iov = part,
        .msg_iovlen = 1,
    };
}

ssize_t sendto(int fd, const void *buffer, size_t length, int flags, const struct sockaddr *address,
               socklen_t address_length)
{
    struct iovec part = {(void *)buffer, length};
    struct msghdr message = one_buffer(&part, (void *)address, address_length);

    return sendmsg(fd, &message, flags);
}

/* The address length is read before and written after, as recvfrom's
 * in-out argument is. */
ssize_t recvfrom(int fd, void *buffer, size_t length, int flags, struct sockaddr *address,
                 socklen_t *address_length)
{
    struct iovec part = {buffer, length};
    struct msghdr message =
        one_buffer(&part, address_length ? address : NULL, address_length ? *address_length : 0);
    ssize_t result = recvmsg(fd, &message, flags);

    if (result >= 0 && address_length)
        *address_length = message.msg_namelen;
    return result;
}

ssize_t send(int fd, const void *buffer, size_t length, int flags)
{
    return sendto(fd, buffer, length, flags, NULL, 0);
}

ssize_t recv(int fd, void *buffer, size_t length, int flags)
{
    return recvfrom(fd, buffer, length, flags, NULL, NULL);
}

int shutdown(int fd, int how)
{
    return syscall_result(SYSCALL(SYS_shutdown, fd, how));
}

int getsockopt(int fd, int level, int name, void *value, socklen_t *length)
{
    return syscall_result(SYSCALL(SYS_getsockopt, fd, level, name, value, length));
}

int setsockopt(int fd, int level, int name, const void *value, socklen_t length)
{
    return syscall_result(SYSCALL(SYS_setsockopt, fd, level, name, value, length));
}

int bind(int fd, const struct sockaddr *address, socklen_t length)
{
    return syscall_result(SYSCALL(SYS_bind, fd, address, length));
}

int listen(int fd, int backlog)
{
    return syscall_result(SYSCALL(SYS_listen, fd, backlog));
}

int connect(int fd, const struct sockaddr *address, socklen_t length)
{
    return syscall_result(SYSCALL(SYS_connect, fd, address, length));
}

int accept4(int fd, struct sockaddr *address, socklen_t *length, int flags)
{
    return syscall_result(SYSCALL(SYS_accept4, fd, address, length, flags));
}

int accept(int fd, struct sockaddr *address, socklen_t *length)
{
    return accept4(fd, address, length, 0);
}

int getsockname(int fd, struct sockaddr *address, socklen_t *length)
{
    return syscall_result(SYSCALL(SYS_sockname, fd, 0, address, length));
}

int getpeername(int fd, struct sockaddr *address, socklen_t *length)
{
    return syscall_result(SYSCALL(SYS_sockname, fd, 1, address, length));
}
