/*
 * unix_record.h - the records of Unix datagram and seqpacket sockets on
 * native ports: a socket's receive queue, and sending and receiving one
 * record whole.
 *
 * Layer: POSIX, on native ports (ipc/port.h). Each record socket's
 * receive queue is a port only the kernel holds (no capability names it,
 * as a POSIX message queue's): a send builds one native message and
 * queues it there with port_send_message, a receive looks at the head
 * with port_next_message and takes it with port_consume. The port does
 * the queueing, the waiting (a full queue blocks its senders, as Linux's
 * does) and the counting; unix_dgram.c and unix_seqpacket.c add what
 * their type means (names, connect's filter; connections, end of file).
 *
 * A record as a message: header.type is the length of the sender's name
 * (its path and NUL; 0: unnamed), and the payload is that name followed
 * by the data. So recvfrom learns who sent each datagram. Descriptors
 * passed with it (SCM_RIGHTS) are its one capability (file_rights.h).
 * Invariants: a send holds a reference on the destination's port while
 * it may sleep there, so the destination closing meanwhile only fails the
 * send; a receive never sleeps between looking at the head message and
 * taking it, so the message it copied is the one it takes.
 * Locking: system calls only, one CPU, no preemption in the kernel.
 */
#ifndef FREEPORT_POSIX_UNIX_RECORD_H
#define FREEPORT_POSIX_UNIX_RECORD_H

#include "posix/unix_socket.h"

#define UNIX_RECORD_MAX         65536        /* data bytes of one record: more is EMSGSIZE */
#define UNIX_RECORD_QUEUE_DEPTH 64           /* records a socket queues before senders wait */
#define UNIX_RECORD_QUEUE_BYTES (256 * 1024) /* SO_RCVBUF: their bytes, unless one record alone */
#define UNIX_RECORD_END         0xffffffffu  /* header.type of an end mark (names are shorter) */

/* Give `socket` its port, open for reading and writing: 0 or -ENOMEM. */
int unix_record_open(struct unix_socket *socket);

/* Shut down for reading: the port closes (waiting senders fail, queued
 * records are discarded with what they carry, later sends fail; waiters
 * and pollers wake), but the socket keeps it. */
void unix_record_stop(struct unix_socket *socket);

/* The struct is going: drop the reference on its port (closed by then),
 * if it has one. Until then a closed socket's port stays, closed: the
 * sockets still pointing at it may be waiting on it. */
void unix_record_release(struct unix_socket *socket);

/* A seqpacket peer shut down writing: if `destination`'s queue is empty,
 * queue an end mark (an empty message of type UNIX_RECORD_END), so that a
 * receiver or poller waiting on it wakes and sees the end; receives
 * treat the mark as the end and leave it. */
void unix_record_send_end(struct unix_socket *destination);

/* Queue one record gathered from the user's buffers, with the message's
 * rights (a capability in the port message), on `destination`'s queue,
 * waiting for room unless `nonblocking`: its length, or -EMSGSIZE,
 * -EFAULT, -ENOMEM, -EAGAIN, -EINTR, or `closed_error` when the
 * destination closed (before or while waiting). */
long unix_record_send(const struct unix_socket *sender, struct unix_socket *destination,
                      const struct socket_message *sent, bool nonblocking, int closed_error);

/* Receive one record: scatter up to io.length bytes of its data across
 * the message's buffers, its sender's name into message->from. The bytes
 * copied, or the record's whole length with FP_MSG_TRUNC; flags_out gets
 * FP_MSG_TRUNC when data was left out; message->rights the descriptors it
 * carries (a reference; a peek takes one too and leaves them queued). FP_MSG_PEEK leaves it queued. 0
 * when ended(socket) says no record will come (checked again after every
 * wake-up) and none is queued; -EAGAIN, -EINTR, -EFAULT (the record stays
 * queued). */
long unix_record_receive(struct unix_socket *socket, struct socket_message *message, int msg_flags,
                         bool nonblocking, bool (*ended)(const struct unix_socket *socket));

/* A record socket's ioctl: FIONREAD is the data bytes of the next record
 * (0 if none), as Linux; anything else -ENOTTY. */
int unix_record_ioctl(struct file *file, unsigned long request, void *argument);

/* Records queued, and whether one more would be taken without waiting. */
bool unix_record_queued(const struct unix_socket *socket);
bool unix_record_has_room(const struct unix_socket *socket);

/* Wake the threads waiting on `socket`'s queue to look again (a shutdown,
 * a peer that went away). */
void unix_record_wake(struct unix_socket *socket);

#endif
