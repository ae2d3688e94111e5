/*
 * <freeport/socket.h> - constants of the Unix socket system calls
 * (numbers 180-189 of <freeport/syscall.h>).
 *
 * Layer: user API (installed into the SDK). Values are Linux's, so the
 * SDK's <sys/socket.h> uses the same numbers (userland/libc/socket.c
 * checks that at compile time). SOCK_NONBLOCK and SOCK_CLOEXEC are
 * FP_O_NONBLOCK and FP_O_CLOEXEC, or'ed into the type.
 */
#ifndef FREEPORT_UAPI_SOCKET_H
#define FREEPORT_UAPI_SOCKET_H

#define FP_AF_UNIX 1

#define FP_SOCK_STREAM   1
#define FP_SOCK_NONBLOCK 0x4000  /* FP_O_NONBLOCK */
#define FP_SOCK_CLOEXEC  0x40000 /* FP_O_CLOEXEC */

/* send/recv flags */
#define FP_MSG_PEEK     0x2
#define FP_MSG_DONTWAIT 0x40
#define FP_MSG_NOSIGNAL 0x4000

/* shutdown */
#define FP_SHUT_RD   0
#define FP_SHUT_WR   1
#define FP_SHUT_RDWR 2

/* getsockopt: level and names; every value is an int */
#define FP_SOL_SOCKET 1
#define FP_SO_TYPE    3
#define FP_SO_ERROR   4
#define FP_SO_SNDBUF  7
#define FP_SO_RCVBUF  8

#endif
