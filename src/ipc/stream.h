/*
 * stream.h - the byte stream: FreeWorld's IPC_TYPE_PIPE, one direction of
 * bytes from the ends that write to the ends that read, through a 64 KiB
 * kernel ring. POSIX pipes and FIFOs are streams (src/posix/pipe.c); a
 * stream socket is two of them, one per direction (src/posix/unix_socket.c).
 *
 * Layer: native IPC, on byte_ring.c (the storage), the wait queues and
 * user copy. It knows nothing of files or errno: results are byte counts,
 * 0 for the end of the stream, or -IPC_ERR_*.
 *
 * Ends: an end reads (STREAM_READ), writes (STREAM_WRITE) or both. Each
 * open end holds one reference on the object and is counted on its side;
 * the creator holds one more until it drops it. A side with no ends is
 * closed: reading a drained stream with no writers is the end (0);
 * writing with no readers is -IPC_ERR_PEER_CLOSED.
 *
 * Atomicity: a write of at most STREAM_ATOMIC_MAX bytes goes in whole or
 * not at all, so concurrent small writes never interleave; a longer one
 * may be split around other writers' bytes.
 *
 * Invariants: the ring's (byte_ring.h); a side's `opened` only grows;
 * every change a reader or writer could be waiting for (bytes published,
 * room made, an end opened or closed) wakes that side's queue, and all but
 * an opening also call ipc_object_notify().
 * Locking: thread context only. Kernel code is not preempted and no
 * interrupt handler touches a stream, so a condition checked before
 * wait_queue_sleep() cannot change before the thread is asleep (one CPU;
 * SMP needs a lock per stream).
 */
#ifndef FREEPORT_IPC_STREAM_H
#define FREEPORT_IPC_STREAM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "ipc/byte_ring.h"
#include "ipc/object.h"
#include "ipc/registry.h"
#include "proc/waitqueue.h"

#define STREAM_CAPACITY   (64 * 1024) /* bytes the ring holds: 16 frames */
#define STREAM_ATOMIC_MAX 4096        /* writes up to this size are never split */

/* The sides an end is on (an end may be on both). */
#define STREAM_READ  1u
#define STREAM_WRITE 2u

struct stream_side {
    uint32_t ends;             /* open ends on this side */
    uint64_t opened;           /* ends ever opened on this side */
    struct wait_queue waiting; /* threads waiting to read (write): for bytes (room) or a peer */
};

struct stream {
    struct ipc_object object; /* IPC_OBJECT_STREAM */
    struct byte_ring ring;
    struct stream_side read, write;
    struct ipc_registry_entry registry; /* sent and received count bytes */
};

/* A new stream with no ends, owned by `owner_pid`; the caller holds its one
 * reference. -IPC_ERR_NO_MEMORY. */
int stream_create(uint32_t owner_pid, struct stream **out);

/* Open or close an end on `sides`: each end holds a reference, so closing
 * may release the stream. Closing the last read end also wakes readers
 * still inside a read (a socket shut down for reading under them): with
 * no read end open, a read finds the end of the stream. */
void stream_open_end(struct stream *stream, unsigned sides);
void stream_close_end(struct stream *stream, unsigned sides);

/* For an end just opened on `side` (one side): sleep until the other side
 * has an end, or has had one since the call began (it may have come and
 * gone). 0, or -IPC_ERR_INTERRUPTED by a signal. */
int stream_wait_for_peer(struct stream *stream, unsigned side);

/* Sleep until there are bytes to read: 1, or 0 at the end of the stream
 * (no writer, or no read end any more), -IPC_ERR_EMPTY when it would
 * sleep and `nonblocking`, -IPC_ERR_INTERRUPTED. */
int stream_wait_for_bytes(struct stream *stream, bool nonblocking);

/* Move up to `length` bytes into the user buffer: as many as are there,
 * sleeping while there are none and a writer is open. 0 at the end of the
 * stream (or for length 0); -IPC_ERR_EMPTY when it would sleep and
 * `nonblocking`; -IPC_ERR_INTERRUPTED; -IPC_ERR_FAULT when the buffer is
 * bad at its first byte (bad further on: the count before the bad page,
 * and the bytes not copied stay in the stream). */
long stream_read(struct stream *stream, void *user_buffer, size_t length, bool nonblocking);

/* stream_read without moving: the bytes copied stay first in the stream. */
long stream_peek(struct stream *stream, void *user_buffer, size_t length, bool nonblocking);

/* Move `length` bytes from the user buffer in, sleeping for room (see
 * Atomicity). The count written, short only when a signal, a bad buffer
 * or the last reader's close stopped a long write that had already moved
 * bytes, or when `nonblocking` and only part of a long write fit.
 * Otherwise: -IPC_ERR_PEER_CLOSED (no readers: nothing written),
 * -IPC_ERR_FULL (nonblocking, and no room; for a short write, no room for
 * all of it), -IPC_ERR_INTERRUPTED, -IPC_ERR_FAULT. Length 0 is 0. */
long stream_write(struct stream *stream, const void *user_buffer, size_t length, bool nonblocking);

/* Bytes waiting to be read. */
static inline size_t stream_available(const struct stream *stream)
{
    return byte_ring_used(&stream->ring);
}

/* The stream's positions: bytes ever written (the offset the next byte
 * written will have) and ever read (the offset of the next byte to
 * read). A byte keeps its offset from write to read; POSIX sockets tag
 * descriptors passed with bytes by these offsets. */
static inline uint64_t stream_bytes_written(const struct stream *stream)
{
    return stream->registry.counters.sent;
}

static inline uint64_t stream_bytes_read(const struct stream *stream)
{
    return stream->registry.counters.received;
}

#endif
