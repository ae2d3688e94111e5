/*
 * userland/libc/socket.c - Unix sockets: socket, socketpair, bind, listen,
 * connect, accept, accept4, getsockname, getpeername, sendmsg, recvmsg,
 * send, recv, sendto, recvfrom, shutdown, getsockopt, setsockopt.
 *
 * Layer: libfreeport. The SDK's <sys/socket.h> constants and structures
 * are the kernel's <freeport/socket.h> ones (abi_check.c proves it), so
 * arguments pass through; struct sockaddr_un is the kernel's layout. One
 * system call makes a socket or a pair, one answers both getsockname and
 * getpeername; send, recv, sendto and recvfrom are sendmsg and recvmsg of
 * one buffer.
 */
#include <sys/socket.h>
#include "syscall.h"

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
