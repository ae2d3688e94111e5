/*
 * byte_ring.h - a ring of bytes with free-running cursors: the storage of
 * a stream (stream.c), with no notion of readers, writers or sleeping.
 *
 * Layer: native IPC (pure: host unit-tested by tests/unit/test_byte_ring.c).
 * Copies in and out go through a function the caller gives (the kernel's
 * copy_from_user / copy_to_user), and moving bytes is split from publishing
 * them, so a copy that fails halfway never leaves the ring in between:
 *
 *     staged = byte_ring_copy_in(ring, source, length, copy);   tail unchanged
 *     byte_ring_publish(ring, staged);                          now readable
 *
 *     copied = byte_ring_copy_out(ring, dest, length, copy);    head unchanged
 *     byte_ring_consume(ring, copied);                          now free
 *
 * A caller that wants all or nothing (an atomic pipe write) publishes 0
 * when fewer bytes than it asked for were staged.
 *
 * Invariants: capacity is a power of two; 0 <= tail - head <= capacity;
 * byte i of the stream lives at data[i & (capacity - 1)]. head and tail are
 * 64-bit and never reduced modulo the capacity, so they do not wrap in the
 * life of a machine.
 * Locking: none; the owner serializes every call.
 */
#ifndef FREEPORT_IPC_BYTE_RING_H
#define FREEPORT_IPC_BYTE_RING_H

#include <stddef.h>
#include <stdint.h>

/* Copies never cross a multiple of this in the caller's buffer: a copy
 * that fails at a bad page has moved every byte before that page. */
#define BYTE_RING_CHUNK 4096

struct byte_ring {
    char *data;
    size_t capacity; /* a power of two */
    uint64_t head;   /* bytes consumed, ever */
    uint64_t tail;   /* bytes published, ever */
};

/* Copy `length` bytes from `source` to `dest`: 0, or a negative error.
 * A failed copy may have written any part of `dest`. */
typedef int (*byte_ring_copy_fn)(void *dest, const void *source, size_t length);

static inline void byte_ring_init(struct byte_ring *ring, char *data, size_t capacity)
{
    *ring = (struct byte_ring){.data = data, .capacity = capacity};
}

static inline size_t byte_ring_used(const struct byte_ring *ring)
{
    return (size_t)(ring->tail - ring->head);
}

static inline size_t byte_ring_room(const struct byte_ring *ring)
{
    return ring->capacity - byte_ring_used(ring);
}

/* Copy up to min(length, room) bytes from `source` into the room after the
 * tail, without publishing them. Returns how many were copied: fewer than
 * that when a copy failed (the rest was not tried). */
size_t byte_ring_copy_in(struct byte_ring *ring, const char *source, size_t length, byte_ring_copy_fn copy);

/* Make the first `count` staged bytes readable (count <= what copy_in staged). */
static inline void byte_ring_publish(struct byte_ring *ring, size_t count)
{
    ring->tail += count;
}

/* Copy up to min(length, used) bytes from the head into `dest`, without
 * consuming them. Returns how many were copied, short as copy_in's. */
size_t byte_ring_copy_out(const struct byte_ring *ring, char *dest, size_t length, byte_ring_copy_fn copy);

/* Free the first `count` bytes (count <= byte_ring_used). */
static inline void byte_ring_consume(struct byte_ring *ring, size_t count)
{
    ring->head += count;
}

#endif
