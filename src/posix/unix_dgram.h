/*
 * unix_dgram.h - AF_UNIX datagram sockets (SOCK_DGRAM): records that keep
 * their boundaries, sent to a path or to the socket connect chose.
 *
 * Layer: POSIX, on unix_record.c (each socket's receive queue is a native
 * port; a datagram is one message carrying its sender's name) and
 * unix_socket.c. This file adds what datagrams mean: finding the socket
 * bound at a path, connect's default peer and its filter, shutdown.
 *
 * connect sets the default destination (`peer`, a reference on its
 * struct) and makes the socket refuse datagrams from anyone else: a send
 * to a socket connected elsewhere is EPERM, as on Linux. A socket whose
 * file closes closes its port (queued datagrams are discarded, waiting
 * senders fail) and drops its peer; sockets still connected to it get
 * ECONNREFUSED.
 * Shutting down reading closes the socket's port: what was queued is
 * discarded, later datagrams are refused (ECONNREFUSED), receives find
 * the end (0).
 * Invariants: a closed socket has no peer; `reading` and `writing` only
 * go from true to false (shutdown).
 */
#ifndef FREEPORT_POSIX_UNIX_DGRAM_H
#define FREEPORT_POSIX_UNIX_DGRAM_H

#include "posix/unix_record.h"

/* A new unbound datagram socket: 0 or -ENOMEM. */
int unix_dgram_create(int flags, struct file **out);

/* Two datagram sockets connected to each other: 0 or -ENOMEM. */
int unix_dgram_pair(int flags, struct file *out[2]);

/* connect: `socket` sends to, and only receives from, the datagram socket
 * bound to `path`: 0, -ENOENT... (the path), -ECONNREFUSED (no socket
 * there, or closed), -EPROTOTYPE (a socket of another type), -ENOMEM. */
int unix_dgram_connect(struct unix_socket *socket, const char *path);

/* Send one datagram to the socket bound at message->to (NULL: the
 * connected peer; -ENOTCONN without one): the length, or -EMSGSIZE,
 * -EAGAIN (full, nonblocking), -EINTR, -EFAULT, -EPIPE (shut down for
 * writing; SIGPIPE unless FP_MSG_NOSIGNAL), -EPERM (it is connected to
 * another), the connect errors above. */
long unix_dgram_send(struct file *file, const struct socket_message *message, int msg_flags);

/* Receive one datagram (unix_record_receive); 0 once shut down for
 * reading with nothing queued. */
long unix_dgram_receive(struct file *file, struct socket_message *message, int msg_flags);

/* FP_SHUT_RD, FP_SHUT_WR or FP_SHUT_RDWR (checked): a reader waiting
 * wakes and sees the end. */
void unix_dgram_shutdown(struct unix_socket *socket, int how);

#endif
