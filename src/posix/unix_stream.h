/*
 * unix_stream.h - AF_UNIX stream sockets (SOCK_STREAM): a connection
 * carrying bytes, made by socketpair or by bind, listen, connect and
 * accept (unix_listen.c).
 *
 * Layer: POSIX, on native byte streams (ipc/stream.h), one per direction:
 * what one socket writes to its `out` its peer reads from its `in`; like
 * pipe.c it adds no IPC of its own. Descriptors passed with SCM_RIGHTS
 * ride the bytes (unix_stream_rights.h).
 * Ends: a connected socket holds a read end on `in` and a write end on
 * `out` until it shuts that direction down or closes. Shutting down
 * reading makes the peer's writes fail with EPIPE (and wakes this
 * socket's own readers to the end); shutting down writing gives the peer
 * end of file once it has read what was sent.
 * Invariants: a CONNECTED socket holds one reference on each of `in` and
 * `out` from its connecting to its close, plus a read end on `in` while
 * `reading` and a write end on `out` while `writing`; both flags only go
 * from true to false. Making a connection allocates everything first and
 * then commits, so a failure leaves both sockets as they were.
 */
#ifndef FREEPORT_POSIX_UNIX_STREAM_H
#define FREEPORT_POSIX_UNIX_STREAM_H

#include "posix/unix_socket.h"

/* A new unconnected stream socket: 0 or -ENOMEM. */
int unix_stream_create(int flags, struct file **out);

/* Two stream sockets connected to each other: 0 or -ENOMEM. */
int unix_stream_pair(int flags, struct file *out[2]);

/* For unix_socket.c's connect: a new socket (its file in *peer, which no
 * descriptor holds yet) connected to the unconnected `socket` through two
 * new streams: 0, or -ENOMEM with nothing changed. */
int unix_stream_connect_new(struct unix_socket *socket, struct file **peer);

/* The buffers in turn, as writev, the message's descriptors with the
 * first bytes: bytes sent, or -ENOTCONN, -EPIPE (and SIGPIPE unless
 * FP_MSG_NOSIGNAL), -EAGAIN, -EINTR, -EFAULT; once bytes have gone, their
 * count instead of an error. */
long unix_stream_send(struct file *file, const struct socket_message *message, int msg_flags);

/* The buffers in turn, as readv, never crossing into bytes sent with
 * other descriptors (message->rights gets those that come with the first
 * byte): bytes, 0 at the end, -ENOTCONN, -EAGAIN, -EINTR, -EFAULT. A peek
 * fills the first buffer only. */
long unix_stream_receive(struct file *file, struct socket_message *message, int msg_flags);

/* A connected socket's shutdown (checked). */
void unix_stream_shutdown(struct unix_socket *socket, int how);

#endif
