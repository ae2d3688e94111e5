/*
 * unix_seqpacket.h - AF_UNIX seqpacket sockets (SOCK_SEQPACKET): a
 * connection, made like a stream socket's (bind, listen, connect,
 * accept, or socketpair), that carries records with their boundaries.
 *
 * Layer: POSIX, on unix_record.c (each socket's receive queue is a native
 * port; a send queues one message on the peer's) and unix_listen.c (the
 * rendezvous). Once connected, each socket holds a reference on its
 * peer's struct, so either end may close first: the survivor reads what
 * was queued and then the end of file (recv 0); its sends fail with EPIPE
 * and SIGPIPE. Shutting down writing gives the peer the end of file once
 * it has read the records before it; shutting down reading closes the
 * socket's port (what was queued is discarded) and makes the peer's sends
 * fail with EPIPE.
 * Invariants: a CONNECTED socket has a peer until it closes; `reading`
 * and `writing` only go from true to false.
 */
#ifndef FREEPORT_POSIX_UNIX_SEQPACKET_H
#define FREEPORT_POSIX_UNIX_SEQPACKET_H

#include "posix/unix_record.h"

/* A new unconnected seqpacket socket: 0 or -ENOMEM. */
int unix_seqpacket_create(int flags, struct file **out);

/* Two seqpacket sockets connected to each other: 0 or -ENOMEM. */
int unix_seqpacket_pair(int flags, struct file *out[2]);

/* For unix_socket.c's connect: a new socket (its file in *peer, which no
 * descriptor holds yet) connected to the unconnected `socket`: 0 or
 * -ENOMEM with nothing changed. */
int unix_seqpacket_connect_new(struct unix_socket *socket, struct file **peer);

/* Send one record to the peer (an address is ignored, as on Linux): the
 * length, or -ENOTCONN, -EPIPE (the peer is gone or no longer reads, or
 * this socket shut down writing; SIGPIPE unless FP_MSG_NOSIGNAL),
 * unix_record_send's errors. */
long unix_seqpacket_send(struct file *file, const struct socket_message *message, int msg_flags);

/* Receive one record (unix_record_receive): 0 at the end (the peer gone
 * or done writing, or this socket done reading, and nothing queued);
 * -ENOTCONN. */
long unix_seqpacket_receive(struct file *file, struct socket_message *message, int msg_flags);

/* A connected socket's shutdown (checked): readers and the peer's
 * readers wake to see the end. */
void unix_seqpacket_shutdown(struct unix_socket *socket, int how);

#endif
