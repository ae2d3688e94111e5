/*
 * byte_ring.c - moving bytes in and out of a byte ring (see byte_ring.h).
 *
 * Layer: native IPC (pure). Both directions walk the same way: from a ring
 * cursor, in pieces that stop at the end of the data area (the ring wraps)
 * and at each BYTE_RING_CHUNK boundary of the caller's buffer (so a fault
 * stops at the first bad page), ending at the first piece that fails.
 */
#include <stdbool.h>
#include "ipc/byte_ring.h"

static size_t min_size(size_t a, size_t b)
{
    return a < b ? a : b;
}

/* Copy `wanted` bytes between the ring from `cursor` on and `outside`, in
 * the direction `into_ring` says: how many were copied. */
static size_t transfer(const struct byte_ring *ring, uint64_t cursor, char *outside, size_t wanted,
                       bool into_ring, byte_ring_copy_fn copy)
{
    size_t done = 0;

    while (done < wanted) {
        size_t offset = (size_t)((cursor + done) & (ring->capacity - 1));
        size_t to_chunk_end = BYTE_RING_CHUNK - (uintptr_t)(outside + done) % BYTE_RING_CHUNK;
        size_t piece = min_size(wanted - done, min_size(ring->capacity - offset, to_chunk_end));
        char *inside = ring->data + offset;
        int error = into_ring ? copy(inside, outside + done, piece) : copy(outside + done, inside, piece);
        if (error < 0)
            break;
        done += piece;
    }
    return done;
}

size_t byte_ring_copy_in(struct byte_ring *ring, const char *source, size_t length, byte_ring_copy_fn copy)
{
    return transfer(ring, ring->tail, (char *)source, min_size(length, byte_ring_room(ring)), true, copy);
}

size_t byte_ring_copy_out(const struct byte_ring *ring, char *dest, size_t length, byte_ring_copy_fn copy)
{
    return transfer(ring, ring->head, dest, min_size(length, byte_ring_used(ring)), false, copy);
}
