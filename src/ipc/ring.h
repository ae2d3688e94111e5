/*
 * ring.h - a channel's single-producer/single-consumer ring of variable-
 * length records, in memory both ends map (layout in <freeport/ipc.h>).
 *
 * Layer: native IPC, but shared: the same code runs in the kernel and in
 * user space (libfreeport), so it includes nothing of the kernel; host
 * unit-tested by tests/unit/test_ring.c. A send into a ring that is neither
 * full nor watched never enters the kernel.
 *
 * Each end keeps its own struct ring: pointers into the shared memory and
 * its own copy of the capacity, never re-read from shared memory. Nothing
 * read from the shared block is trusted: cursors or record lengths a peer
 * corrupted make push and pop return -IPC_ERR_FAULT, never touch memory
 * outside the data area.
 *
 * One producer and one consumer at a time: each end serializes its own
 * callers (a user-space lock, or the kernel's channel lock).
 */
#ifndef FREEPORT_IPC_RING_H
#define FREEPORT_IPC_RING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "uapi/freeport/ipc.h"

struct ring {
    struct ipc_ring_control *control;
    uint8_t *data;
    uint64_t capacity;
};

/* The creator: make `control` describe an empty ring of `capacity` bytes. */
void ring_format(struct ipc_ring_control *control, uint64_t capacity);

/* Each end: its view of a formatted ring. -IPC_ERR_INVALID_ARGUMENT unless
 * capacity is a power of two >= IPC_RING_MIN_CAPACITY equal to the control
 * block's and data is IPC_RING_ALIGN-aligned. */
int ring_attach(struct ring *ring, struct ipc_ring_control *control, void *data, uint64_t capacity);

/* The kernel's view of a ring whose data area it does not map: cursors,
 * the wake-up protocol and the closed flag only; push, pop and peek must
 * never be called on it. -IPC_ERR_INVALID_ARGUMENT as ring_attach. */
int ring_attach_control(struct ring *ring, struct ipc_ring_control *control, uint64_t capacity);

/* Producer: append a record (header, then record->length payload bytes).
 * -IPC_ERR_FULL without room, -IPC_ERR_TOO_LARGE if the record would take
 * more than capacity / 2 bytes, -IPC_ERR_INVALID_ARGUMENT for type
 * IPC_RING_PAD. */
int ring_push(struct ring *ring, const struct ipc_ring_record *record, const void *payload);

/* Consumer: take the oldest record into *record and payload.
 * -IPC_ERR_EMPTY if there is none; -IPC_ERR_TOO_LARGE (the record stays) if
 * its payload exceeds payload_size. */
int ring_pop(struct ring *ring, struct ipc_ring_record *record, void *payload, size_t payload_size);

/* Consumer: the payload length of the record ring_pop would return. */
int ring_peek_length(struct ring *ring, uint32_t *length);

/* Readiness, as a wait set asks it. A ring whose cursors were corrupted
 * counts as readable and writable, so that the caller's next pop or push
 * meets the -IPC_ERR_FAULT. */
bool ring_has_records(struct ring *ring);
/* Room for a record of `length` payload bytes (pad included). */
bool ring_has_room(struct ring *ring, uint32_t length);
/* The payload of the largest record the ring takes (capacity / 2 bytes in all). */
uint32_t ring_max_payload(const struct ring *ring);

/* The kernel, when one end of the channel goes: set `closed` (release) so
 * the other end, having found the ring empty or full, stops waiting. */
void ring_close(struct ring *ring);
bool ring_is_closed(struct ring *ring);

/*
 * The wake-up protocol. A side that cannot proceed calls prepare_to_wait;
 * if it returns true the side may sleep in the kernel, passing *events, and
 * the kernel sleeps only while the direction's event counter still equals
 * it. If it returns false the ring changed meanwhile: try again. The other
 * side, after every push (or pop), calls needs_wake and enters the kernel
 * to wake the sleeper only when it returns true.
 */
bool ring_consumer_prepare_to_wait(struct ring *ring, uint32_t *events);
bool ring_producer_needs_wake(struct ring *ring);
/* The producer waits for room for a record of `length` payload bytes. */
bool ring_producer_prepare_to_wait(struct ring *ring, uint32_t length, uint32_t *events);
bool ring_consumer_needs_wake(struct ring *ring);

#endif
