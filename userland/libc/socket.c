/*
 * userland/libc/socket.c - Unix sockets: socket, socketpair, bind, listen,
 * connect, accept, accept4, getsockname, getpeername, send, recv, sendto,
 * recvfrom, shutdown, getsockopt.
 *
 * Layer: libfreeport. The SDK's <sys/socket.h> constants are the kernel's
 * <freeport/socket.h> ones (checked below), so arguments pass through;
 * struct sockaddr_un is the kernel's layout. One system call makes a
 * socket or a pair, one answers both getsockname and getpeername; send
 * and recv are sendto and recvfrom without an address.
 */
#include <freeport/abi.h>
#include <freeport/socket.h>
#include <stddef.h>
#include <sys/socket.h>
#include <sys/un.h>
#include "syscall.h"

#define SAME(sdk, kernel) _Static_assert((sdk) == (kernel), #sdk " != " #kernel)
SAME(AF_UNIX, FP_AF_UNIX);
SAME(SOCK_STREAM, FP_SOCK_STREAM);
SAME(SOCK_NONBLOCK, FP_SOCK_NONBLOCK);
SAME(SOCK_CLOEXEC, FP_SOCK_CLOEXEC);
SAME(SOCK_NONBLOCK, FP_O_NONBLOCK);
SAME(SOCK_CLOEXEC, FP_O_CLOEXEC);
SAME(MSG_PEEK, FP_MSG_PEEK);
SAME(MSG_DONTWAIT, FP_MSG_DONTWAIT);
SAME(MSG_NOSIGNAL, FP_MSG_NOSIGNAL);
SAME(SHUT_RD, FP_SHUT_RD);
SAME(SHUT_WR, FP_SHUT_WR);
SAME(SHUT_RDWR, FP_SHUT_RDWR);
SAME(SOL_SOCKET, FP_SOL_SOCKET);
SAME(SO_TYPE, FP_SO_TYPE);
SAME(SO_ERROR, FP_SO_ERROR);
SAME(SO_SNDBUF, FP_SO_SNDBUF);
SAME(SO_RCVBUF, FP_SO_RCVBUF);
SAME(sizeof(struct sockaddr_un), 110);
SAME(offsetof(struct sockaddr_un, sun_path), 2);

int socket(int domain, int type, int protocol)
{
    return syscall_result(SYSCALL(SYS_socket, domain, type, protocol, NULL));
}

int socketpair(int domain, int type, int protocol, int fds[2])
{
    return syscall_result(SYSCALL(SYS_socket, domain, type, protocol, fds));
}

ssize_t sendto(int fd, const void *buffer, size_t length, int flags, const struct sockaddr *address,
               socklen_t address_length)
{
    return syscall_result(SYSCALL(SYS_sendto, fd, buffer, length, flags, address, address_length));
}

ssize_t recvfrom(int fd, void *buffer, size_t length, int flags, struct sockaddr *address,
                 socklen_t *address_length)
{
    return syscall_result(SYSCALL(SYS_recvfrom, fd, buffer, length, flags, address, address_length));
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
