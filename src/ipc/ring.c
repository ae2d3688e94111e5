/*
 * ring.c - the SPSC record ring and its wake-up protocol (see ring.h).
 *
 * Layer: native IPC, shared with user space: only compiler headers.
 *
 * Memory ordering. head and tail are the only words that pass ownership of
 * bytes between the two ends:
 *   - the producer writes a record's bytes with plain stores, then stores
 *     tail with release: a consumer that loads tail with acquire and sees
 *     the new value also sees every byte of the record (and of a pad marker
 *     before it);
 *   - the consumer copies a record out, then stores head with release: a
 *     producer that loads head with acquire and sees the bytes freed knows
 *     the consumer's reads of them are finished, so it may overwrite them.
 *
 * The wake-up protocol is Dekker's: each side stores its own flag, issues
 * a seq_cst fence, then loads the other side's word.
 *     consumer (ring empty)             producer (after a push)
 *       store readable.watched = 1        store tail (release)
 *       fence seq_cst                     fence seq_cst
 *       load tail: still empty? sleep     load readable.watched: set? wake
 * The two fences are ordered one way or the other in the single total
 * order of seq_cst operations; C11 then guarantees the load after the later
 * fence sees the store before the earlier one. So either the consumer sees
 * the new record and does not sleep, or the producer sees the flag and
 * wakes it: never both miss. The fence costs the producer no kernel entry,
 * and the flag makes the common case - nobody asleep - a plain load. The
 * producer waiting for room is the mirror image, on `writable` and head.
 */
#include <stdatomic.h>
#include "ipc/ring.h"

#define RECORD_HEADER_BYTES ((uint64_t)sizeof(struct ipc_ring_record))

static uint64_t record_bytes(uint32_t length)
{
    return RECORD_HEADER_BYTES + (((uint64_t)length + IPC_RING_ALIGN - 1) & ~(uint64_t)(IPC_RING_ALIGN - 1));
}

static uint64_t offset_of(const struct ring *ring, uint64_t cursor)
{
    return cursor & (ring->capacity - 1);
}

/* memcpy, allowing NULL for an empty payload. */
static void copy_payload(void *to, const void *from, uint32_t length)
{
    if (length != 0)
        __builtin_memcpy(to, from, length);
}

void ring_format(struct ipc_ring_control *control, uint64_t capacity)
{
    atomic_store_explicit(&control->head, 0, memory_order_relaxed);
    atomic_store_explicit(&control->tail, 0, memory_order_relaxed);
    control->capacity = capacity;
    atomic_store_explicit(&control->readable.watched, 0, memory_order_relaxed);
    atomic_store_explicit(&control->readable.events, 0, memory_order_relaxed);
    atomic_store_explicit(&control->writable.watched, 0, memory_order_relaxed);
    atomic_store_explicit(&control->writable.events, 0, memory_order_relaxed);
    atomic_store_explicit(&control->closed, 0, memory_order_relaxed);
}

int ring_attach(struct ring *ring, struct ipc_ring_control *control, void *data, uint64_t capacity)
{
    if (capacity < IPC_RING_MIN_CAPACITY || (capacity & (capacity - 1)) != 0 ||
        control->capacity != capacity || (uintptr_t)data % IPC_RING_ALIGN != 0)
        return -IPC_ERR_INVALID_ARGUMENT;
    ring->control = control;
    ring->data = data;
    ring->capacity = capacity;
    return IPC_OK;
}

int ring_attach_control(struct ring *ring, struct ipc_ring_control *control, uint64_t capacity)
{
    return ring_attach(ring, control, NULL, capacity);
}

/* Both cursors, acquire: the other end's is the load that matters (see the
 * top of the file); this end's own is only ever written by this end.
 * -IPC_ERR_FAULT if they cannot be right. */
static int read_cursors(const struct ring *ring, uint64_t *head, uint64_t *tail)
{
    *head = atomic_load_explicit(&ring->control->head, memory_order_acquire);
    *tail = atomic_load_explicit(&ring->control->tail, memory_order_acquire);
    if (*tail - *head > ring->capacity || *head % IPC_RING_ALIGN != 0 || *tail % IPC_RING_ALIGN != 0)
        return -IPC_ERR_FAULT;
    return IPC_OK;
}

/* Would a record of `bytes` fit after `tail`, counting the pad that moves
 * it to offset 0 if it would cross the end? */
static bool has_room(const struct ring *ring, uint64_t head, uint64_t tail, uint64_t bytes)
{
    uint64_t to_end = ring->capacity - offset_of(ring, tail);
    uint64_t needed = bytes <= to_end ? bytes : to_end + bytes;

    return needed <= ring->capacity - (tail - head);
}

int ring_push(struct ring *ring, const struct ipc_ring_record *record, const void *payload)
{
    uint64_t bytes = record_bytes(record->length);
    uint64_t head, tail, offset;
    int error;

    if (record->type == IPC_RING_PAD)
        return -IPC_ERR_INVALID_ARGUMENT;
    if (bytes > ring->capacity / 2)
        return -IPC_ERR_TOO_LARGE;
    error = read_cursors(ring, &head, &tail);
    if (error != IPC_OK)
        return error;
    if (!has_room(ring, head, tail, bytes))
        return -IPC_ERR_FULL;
    offset = offset_of(ring, tail);
    if (offset + bytes > ring->capacity) {
        uint32_t pad = IPC_RING_PAD;
        __builtin_memcpy(ring->data + offset, &pad, sizeof(pad));
        tail += ring->capacity - offset;
        offset = 0;
    }
    __builtin_memcpy(ring->data + offset, record, RECORD_HEADER_BYTES);
    copy_payload(ring->data + offset + RECORD_HEADER_BYTES, payload, record->length);
    atomic_store_explicit(&ring->control->tail, tail + bytes, memory_order_release);
    return IPC_OK;
}

/* Find the oldest record: *head becomes its cursor (past a pad marker; the
 * shared head is not moved) and *record a checked copy of its header. */
static int next_record(const struct ring *ring, uint64_t *head, struct ipc_ring_record *record)
{
    uint64_t tail, offset, bytes;
    uint32_t type;
    int error = read_cursors(ring, head, &tail);

    if (error != IPC_OK)
        return error;
    if (*head == tail)
        return -IPC_ERR_EMPTY;
    offset = offset_of(ring, *head);
    __builtin_memcpy(&type, ring->data + offset, sizeof(type));
    if (type == IPC_RING_PAD) {
        if (ring->capacity - offset >= tail - *head)
            return -IPC_ERR_FAULT; /* a pad is always followed by a record */
        *head += ring->capacity - offset;
        offset = 0;
    }
    if (tail - *head < RECORD_HEADER_BYTES || offset + RECORD_HEADER_BYTES > ring->capacity)
        return -IPC_ERR_FAULT; /* a record never crosses the end: a head near it was corrupted */
    __builtin_memcpy(record, ring->data + offset, RECORD_HEADER_BYTES);
    bytes = record_bytes(record->length);
    if (bytes > tail - *head || offset + bytes > ring->capacity)
        return -IPC_ERR_FAULT;
    return IPC_OK;
}

int ring_pop(struct ring *ring, struct ipc_ring_record *record, void *payload, size_t payload_size)
{
    uint64_t head;
    int error = next_record(ring, &head, record);

    if (error != IPC_OK)
        return error;
    if (record->length > payload_size)
        return -IPC_ERR_TOO_LARGE;
    copy_payload(payload, ring->data + offset_of(ring, head) + RECORD_HEADER_BYTES, record->length);
    atomic_store_explicit(&ring->control->head, head + record_bytes(record->length), memory_order_release);
    return IPC_OK;
}

int ring_peek_length(struct ring *ring, uint32_t *length)
{
    struct ipc_ring_record record;
    uint64_t head;
    int error = next_record(ring, &head, &record);

    if (error == IPC_OK)
        *length = record.length;
    return error;
}

bool ring_has_records(struct ring *ring)
{
    uint64_t head, tail;

    return read_cursors(ring, &head, &tail) != IPC_OK || head != tail;
}

bool ring_has_room(struct ring *ring, uint32_t length)
{
    uint64_t head, tail;

    return read_cursors(ring, &head, &tail) != IPC_OK || has_room(ring, head, tail, record_bytes(length));
}

uint32_t ring_max_payload(const struct ring *ring)
{
    return (uint32_t)(ring->capacity / 2 - RECORD_HEADER_BYTES);
}

void ring_close(struct ring *ring)
{
    atomic_store_explicit(&ring->control->closed, 1, memory_order_release);
}

bool ring_is_closed(struct ring *ring)
{
    return atomic_load_explicit(&ring->control->closed, memory_order_acquire) != 0;
}

/* --- The wake-up protocol --- */

/* The waiting side: note the event count, raise the flag, then the fence
 * before the caller looks at the ring again. */
static void wait_arm(struct ipc_ring_wait *wait, uint32_t *events)
{
    *events = atomic_load_explicit(&wait->events, memory_order_relaxed);
    atomic_store_explicit(&wait->watched, 1, memory_order_relaxed);
    atomic_thread_fence(memory_order_seq_cst);
}

/* The waiting side, which found it need not sleep after all. */
static void wait_abandon(struct ipc_ring_wait *wait)
{
    atomic_store_explicit(&wait->watched, 0, memory_order_relaxed);
}

/* The other side, after publishing: the fence, then the flag. Taking the
 * flag (exchange) makes only the first publication after a sleep pay for
 * the wake-up; the event count changes before the kernel is entered, so a
 * sleeper that has not gone to sleep yet will not. */
static bool wait_signal(struct ipc_ring_wait *wait)
{
    atomic_thread_fence(memory_order_seq_cst);
    if (atomic_load_explicit(&wait->watched, memory_order_relaxed) == 0)
        return false;
    if (atomic_exchange_explicit(&wait->watched, 0, memory_order_relaxed) == 0)
        return false;
    atomic_fetch_add_explicit(&wait->events, 1, memory_order_release);
    return true;
}

bool ring_consumer_prepare_to_wait(struct ring *ring, uint32_t *events)
{
    wait_arm(&ring->control->readable, events);
    if (ring_has_records(ring)) {
        wait_abandon(&ring->control->readable);
        return false;
    }
    return true;
}

bool ring_producer_needs_wake(struct ring *ring)
{
    return wait_signal(&ring->control->readable);
}

bool ring_producer_prepare_to_wait(struct ring *ring, uint32_t length, uint32_t *events)
{
    wait_arm(&ring->control->writable, events);
    if (ring_has_room(ring, length)) {
        wait_abandon(&ring->control->writable);
        return false;
    }
    return true;
}

bool ring_consumer_needs_wake(struct ring *ring)
{
    return wait_signal(&ring->control->writable);
}
