/*
 * unix_option.h - socket options (getsockopt, setsockopt) at level
 * SOL_SOCKET, and what each means for each type.
 *
 * Layer: POSIX, on unix_socket.h's struct and the types' queues.
 *   SO_TYPE        the type (read only)
 *   SO_ERROR       0: a Unix socket has no pending asynchronous error
 *   SO_ACCEPTCONN  1 while listening (read only)
 *   SO_PEERCRED    struct freeport_ucred: the peer's pid at connect or
 *                  socketpair (a listener's: listen's caller), uid and gid
 *                  0 (Freeport has one user); ENOTCONN when unconnected
 *   SO_SNDBUF      stream: the bytes one direction holds (64 KiB, fixed:
 *                  setting it changes nothing); datagram and seqpacket:
 *                  the largest record this socket sends (EMSGSIZE
 *                  beyond), settable from 1 up to 64 KiB
 *   SO_RCVBUF      stream: 64 KiB, fixed likewise; datagram and
 *                  seqpacket: the bytes of records its queue holds before
 *                  senders wait (one record always fits an empty queue),
 *                  settable from 4 KiB to 4 MiB (clamped)
 * Any other level or name is ENOPROTOOPT.
 */
#ifndef FREEPORT_POSIX_UNIX_OPTION_H
#define FREEPORT_POSIX_UNIX_OPTION_H

#include <stdint.h>
#include "posix/unix_socket.h"
#include "uapi/freeport/socket.h"

#define UNIX_OPTION_RCVBUF_MIN (4 * 1024)
#define UNIX_OPTION_RCVBUF_MAX (4 * 1024 * 1024)

/* An option's value, an int or a struct freeport_ucred. */
union unix_option_value {
    int32_t number;
    struct freeport_ucred credentials;
};

/* getsockopt: the value and its size in bytes: 0, -ENOPROTOOPT,
 * -ENOTCONN (SO_PEERCRED unconnected). */
int unix_option_get(const struct unix_socket *socket, int level, int name, union unix_option_value *value,
                    uint32_t *size);

/* setsockopt of an int: 0, -ENOPROTOOPT (unknown or read only), -EINVAL
 * (a negative size). */
int unix_option_set(struct unix_socket *socket, int level, int name, int32_t value);

#endif
