/*
 * <sys/socket.h> - sockets: address structures, the message and control
 * structures of sendmsg and recvmsg (struct msghdr, struct cmsghdr, the
 * CMSG_* macros, SCM_RIGHTS, struct ucred), the AF_/SOCK_/MSG_/SHUT_/SO_
 * constants, and the calls Freeport has.
 *
 * Layer: Freeport SDK header (newlib has none). Values and layouts are
 * Linux's and the kernel's (<freeport/socket.h>; userland/libc/socket.c
 * checks them). Freeport has AF_UNIX sockets of the three types: stream
 * and seqpacket sockets, on paths (bind, listen, accept, connect) or in
 * connected pairs (socketpair), and datagram sockets (sendto a path, or
 * connect and send). Descriptors pass with SCM_RIGHTS on all three.
 */
#ifndef _SYS_SOCKET_H
#define _SYS_SOCKET_H

#include <stddef.h>
#include <stdint.h>
#include <sys/cdefs.h>
#include <sys/types.h>
#include <sys/uio.h>

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

struct msghdr {
    void *msg_name;        /* the address (sendmsg: to; recvmsg: from), or NULL */
    socklen_t msg_namelen; /* its size; recvmsg sets the address's length */
    struct iovec *msg_iov;
    size_t msg_iovlen;
    void *msg_control; /* control messages (SCM_RIGHTS), or NULL */
    size_t msg_controllen;
    int msg_flags; /* recvmsg: MSG_TRUNC, MSG_CTRUNC */
};

struct cmsghdr {
    size_t cmsg_len; /* the header and the data, unpadded */
    int cmsg_level;  /* SOL_SOCKET */
    int cmsg_type;   /* SCM_RIGHTS */
};

struct ucred { /* SO_PEERCRED; uid and gid are 32 bits, as Linux's (newlib's uid_t is 16) */
    pid_t pid;
    unsigned int uid;
    unsigned int gid;
};

#define __CMSG_ALIGN(length) (((length) + sizeof(size_t) - 1) & ~(sizeof(size_t) - 1))
#define CMSG_ALIGN(length)   __CMSG_ALIGN(length)
#define CMSG_DATA(cmsg)      ((unsigned char *)(cmsg) + __CMSG_ALIGN(sizeof(struct cmsghdr)))
#define CMSG_SPACE(length)   (__CMSG_ALIGN(sizeof(struct cmsghdr)) + __CMSG_ALIGN(length))
#define CMSG_LEN(length)     (__CMSG_ALIGN(sizeof(struct cmsghdr)) + (length))
#define CMSG_FIRSTHDR(msg)                                                                                   \
    ((size_t)(msg)->msg_controllen >= sizeof(struct cmsghdr) ? (struct cmsghdr *)(msg)->msg_control          \
                                                             : (struct cmsghdr *)0)
#define CMSG_NXTHDR(msg, cmsg) __cmsg_next((msg), (cmsg))

/* The control message after `cmsg` in `msg`, or NULL when no whole
 * header fits after it (musl's rule). */
static __inline struct cmsghdr *__cmsg_next(const struct msghdr *msg, const struct cmsghdr *cmsg)
{
    size_t left = (size_t)((unsigned char *)msg->msg_control + msg->msg_controllen - (unsigned char *)cmsg);

    if (cmsg->cmsg_len < sizeof(struct cmsghdr) ||
        __CMSG_ALIGN(cmsg->cmsg_len) + sizeof(struct cmsghdr) >= left)
        return (struct cmsghdr *)0;
    return (struct cmsghdr *)((unsigned char *)cmsg + __CMSG_ALIGN(cmsg->cmsg_len));
}

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

#define MSG_PEEK         0x2
#define MSG_CTRUNC       0x8
#define MSG_TRUNC        0x20
#define MSG_DONTWAIT     0x40
#define MSG_NOSIGNAL     0x4000
#define MSG_CMSG_CLOEXEC 0x40000000

#define SHUT_RD   0
#define SHUT_WR   1
#define SHUT_RDWR 2

#define SOMAXCONN 128 /* listen's backlog is at most this */

#define SOL_SOCKET    1
#define SO_TYPE       3
#define SO_ERROR      4
#define SO_SNDBUF     7
#define SO_RCVBUF     8
#define SO_PEERCRED   17
#define SO_ACCEPTCONN 30

#define SCM_RIGHTS 1

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
ssize_t sendmsg(int fd, const struct msghdr *message, int flags);
ssize_t recvmsg(int fd, struct msghdr *message, int flags);
ssize_t send(int fd, const void *buffer, size_t length, int flags);
ssize_t recv(int fd, void *buffer, size_t length, int flags);
ssize_t sendto(int fd, const void *buffer, size_t length, int flags, const struct sockaddr *address,
               socklen_t address_length);
ssize_t recvfrom(int fd, void *buffer, size_t length, int flags, struct sockaddr *address,
                 socklen_t *address_length);
int shutdown(int fd, int how);
int getsockopt(int fd, int level, int name, void *value, socklen_t *length);
int setsockopt(int fd, int level, int name, const void *value, socklen_t length);
__END_DECLS

#endif
