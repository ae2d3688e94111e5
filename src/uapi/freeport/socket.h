/*
 * <freeport/socket.h> - constants and structures of the Unix socket
 * system calls (numbers 200-219 of <freeport/syscall.h>).
 *
 * Layer: user API (installed into the SDK). Values and layouts are
 * Linux's (x86_64), so the SDK's <sys/socket.h> uses the same numbers and
 * passes its structures through (userland/libc/socket.c checks that at
 * compile time). SOCK_NONBLOCK and SOCK_CLOEXEC are FP_O_NONBLOCK and
 * FP_O_CLOEXEC, or'ed into the type.
 */
#ifndef FREEPORT_UAPI_SOCKET_H
#define FREEPORT_UAPI_SOCKET_H

#include <stdint.h>

#define FP_AF_UNIX 1

#define FP_SOCK_STREAM    1
#define FP_SOCK_DGRAM     2
#define FP_SOCK_SEQPACKET 5
#define FP_SOCK_NONBLOCK  0x4000  /* FP_O_NONBLOCK */
#define FP_SOCK_CLOEXEC   0x40000 /* FP_O_CLOEXEC */

/* sendmsg/recvmsg flags */
#define FP_MSG_PEEK         0x2
#define FP_MSG_CTRUNC       0x8  /* out: control data (descriptors) did not fit */
#define FP_MSG_TRUNC        0x20 /* recv: return a record's whole length; out: data was cut */
#define FP_MSG_DONTWAIT     0x40
#define FP_MSG_NOSIGNAL     0x4000
#define FP_MSG_CMSG_CLOEXEC 0x40000000 /* recv: descriptors received are close-on-exec */

/* shutdown */
#define FP_SHUT_RD   0
#define FP_SHUT_WR   1
#define FP_SHUT_RDWR 2

/* getsockopt/setsockopt: level and names; every value is an int but
 * SO_PEERCRED's (struct freeport_ucred) */
#define FP_SOL_SOCKET    1
#define FP_SO_TYPE       3
#define FP_SO_ERROR      4
#define FP_SO_SNDBUF     7
#define FP_SO_RCVBUF     8
#define FP_SO_PEERCRED   17
#define FP_SO_ACCEPTCONN 30

/* control messages (level FP_SOL_SOCKET) */
#define FP_SCM_RIGHTS     1  /* data: int descriptors */
#define FP_SCM_RIGHTS_MAX 64 /* descriptors one message may carry: more is EINVAL */

/* struct msghdr */
struct freeport_msghdr {
    uint64_t name;        /* struct sockaddr_un *, or 0 */
    uint32_t name_length; /* in: its size; out (recvmsg): the sender's address length */
    uint32_t pad0;
    uint64_t iov;       /* struct freeport_iovec * */
    uint64_t iov_count; /* at most 1024 (IOV_MAX): more is EMSGSIZE */
    uint64_t control;   /* the control messages, or 0 */
    uint64_t control_length;
    int32_t flags; /* out (recvmsg): FP_MSG_TRUNC, FP_MSG_CTRUNC */
    uint32_t pad1;
};

/* struct cmsghdr: each control message starts with one, and its data
 * follows at the next multiple of 8 bytes; the next message too. */
struct freeport_cmsghdr {
    uint64_t length; /* header and data, unpadded */
    int32_t level;
    int32_t type;
};

#define FP_CMSG_ALIGN(length) (((length) + 7) & ~(uint64_t)7)

/* SO_PEERCRED */
struct freeport_ucred {
    int32_t pid;
    uint32_t uid;
    uint32_t gid;
};

#endif
