/*
 * unix_stream_rights.h - SCM_RIGHTS on stream sockets: descriptors that
 * travel with the bytes they were sent with.
 *
 * Layer: POSIX, on native streams (the bytes), ports (the tags) and
 * file_rights.c. A stream has no records to carry capabilities, so each
 * connected stream socket's own port (the queue every socket has) holds,
 * for the bytes its `in` stream brings, one message per send that passed
 * descriptors: a tag { start, length } naming those bytes by their
 * offsets in the stream (stream_bytes_written/_read), and the capability
 * to their struct file_rights.
 *
 *     sender:  out stream  ... [bytes A][bytes B with rights][bytes C] ...
 *     peer's port:              tag {start of B, length of B} + capability
 *
 * As on Linux, the descriptors come with the first byte of their send,
 * and a receive never crosses into bytes sent with other descriptors: it
 * stops before them, or after them. The rights ride the first chunk of a
 * send, at most STREAM_ATOMIC_MAX bytes, which goes into the stream whole
 * in the same step as its tag is queued (the sender waits until both have
 * room); the rest of a long send follows as plain bytes.
 * Invariants: tags are queued in stream order, each queued with its bytes
 * before anything can read them; a tag is taken with the first byte it
 * names (or dropped with the port when the socket closes, releasing the
 * files). Locking: system calls only, one CPU, no preemption in the
 * kernel.
 */
#ifndef FREEPORT_POSIX_UNIX_STREAM_RIGHTS_H
#define FREEPORT_POSIX_UNIX_STREAM_RIGHTS_H

#include <stddef.h>
#include <stdint.h>
#include "posix/unix_socket.h"

/* Send up to STREAM_ATOMIC_MAX of `length` bytes from the user's buffer
 * with `rights`, waiting (unless `nonblocking`) until the stream has room
 * for them and the peer's port for the tag: the bytes sent (the rest is
 * the caller's to send), or -EPIPE (no reader, or shut down for writing),
 * -EAGAIN, -EINTR, -EFAULT, -ENOMEM. */
long unix_stream_rights_send(struct unix_socket *socket, const void *user_buffer, size_t length,
                             struct file_rights *rights, bool nonblocking);

/* How many of the next bytes of `in` a receive may take without crossing
 * into bytes sent with other descriptors (SIZE_MAX: no limit), and in
 * *here whether descriptors come with the next byte. */
size_t unix_stream_rights_limit(const struct unix_socket *socket, bool *here);

/* The descriptors that come with the next byte (*here said so), with a
 * reference for the caller; taken off the queue unless `peek`. */
struct file_rights *unix_stream_rights_take(struct unix_socket *socket, bool peek);

#endif
