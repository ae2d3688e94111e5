/*
 * <sys/socket.h> - sockets: address structures, the AF_/SOCK_/MSG_/SHUT_/
 * SO_ constants, and the calls Freeport has.
 *
 * Layer: Freeport SDK header (newlib has none). Values are Linux's and
 * the kernel's (<freeport/socket.h>; userland/libc/socket.c checks them).
 * Freeport has AF_UNIX stream sockets, on paths (bind, listen, accept,
 * connect) or in connected pairs (socketpair); SOCK_DGRAM and
 * SOCK_SEQPACKET are named here as POSIX asks, and socket and socketpair
 * refuse them with EPROTONOSUPPORT.
 */
#ifndef _SYS_SOCKET_H
#define _SYS_SOCKET_H

#include <stdint.h>
#include <sys/cdefs.h>
#include <sys/types.h>

typedef uint32_t socklen_t;
typedef uint16_t sa_family_t;

struct sockaddr {
    sa_family_t sa_family;
    char sa_data[14];
};

struct sockaddr_storage {
    sa_family_t ss_family;
    char __ss_padding[126];
};

#define AF_UNSPEC 0
#define AF_UNIX   1
#define AF_LOCAL  AF_UNIX
#define PF_UNSPEC AF_UNSPEC
#define PF_UNIX   AF_UNIX
#define PF_LOCAL  AF_UNIX

#define SOCK_STREAM    1
#define SOCK_DGRAM     2
#define SOCK_SEQPACKET 5
#define SOCK_NONBLOCK  0x4000  /* or'ed into the type: O_NONBLOCK */
#define SOCK_CLOEXEC   0x40000 /* or'ed into the type: FD_CLOEXEC */

#define MSG_PEEK     0x2
#define MSG_DONTWAIT 0x40
#define MSG_NOSIGNAL 0x4000

#define SHUT_RD   0
#define SHUT_WR   1
#define SHUT_RDWR 2

#define SOMAXCONN 128 /* listen's backlog is at most this */

#define SOL_SOCKET 1
#define SO_TYPE    3
#define SO_ERROR   4
#define SO_SNDBUF  7
#define SO_RCVBUF  8

__BEGIN_DECLS
int socket(int domain, int type, int protocol);
int socketpair(int domain, int type, int protocol, int fds[2]);
int bind(int fd, const struct sockaddr *address, socklen_t length);
int listen(int fd, int backlog);
int connect(int fd, const struct sockaddr *address, socklen_t length);
int accept(int fd, struct sockaddr *address, socklen_t *length);
int accept4(int fd, struct sockaddr *address, socklen_t *length, int flags);
int getsockname(int fd, struct sockaddr *address, socklen_t *length);
int getpeername(int fd, struct sockaddr *address, socklen_t *length);
ssize_t send(int fd, const void *buffer, size_t length, int flags);
ssize_t recv(int fd, void *buffer, size_t length, int flags);
ssize_t sendto(int fd, const void *buffer, size_t length, int flags, const struct sockaddr *address,
               socklen_t address_length);
ssize_t recvfrom(int fd, void *buffer, size_t length, int flags, struct sockaddr *address,
                 socklen_t *address_length);
int shutdown(int fd, int how);
int getsockopt(int fd, int level, int name, void *value, socklen_t *length);
__END_DECLS

#endif
