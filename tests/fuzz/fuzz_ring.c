/*
 * fuzz_ring.c - libFuzzer target: src/ipc/ring.c, a channel's ring, with a
 * peer that writes anything into the memory both ends share.
 *
 * The first input byte picks the capacity (64 bytes to 4 KiB); the rest
 * is a program of pushes, pops, peeks, wake-up protocol calls and
 * corruptions (any bytes written over a cursor, the capacity field or
 * the data area, as a hostile peer could). The data area is a heap block
 * of exactly the capacity, so ASan sees any access outside it. Until the
 * first corruption a FIFO model checks every record popped is the one
 * pushed, intact; after it, only that every call stays inside the ring
 * and returns a documented result. Built by tests/robustness.mk.
 */
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "fuzz_input.h"
#include "ipc/ring.h"

#define MODEL_MAX 256

/* Pushed and not yet popped, oldest first (while nothing was corrupted). */
static struct {
    uint32_t type, length;
} model[MODEL_MAX];
static unsigned model_head, model_tail;

static uint8_t payload_byte(uint32_t type, uint32_t index)
{
    return (uint8_t)(type * 7 + index);
}

static void push(struct ring *ring, struct fuzz_input *input, bool trusted)
{
    static uint8_t payload[4096];
    struct ipc_ring_record record = {.type = next_byte(input),
                                     .length = next_byte(input) * 8u + next_byte(input) % 8};

    for (uint32_t i = 0; i < record.length && i < sizeof(payload); i++)
        payload[i] = payload_byte(record.type, i);
    int result = ring_push(ring, &record, payload);
    if (result != 0 && result != -IPC_ERR_FULL && result != -IPC_ERR_TOO_LARGE && result != -IPC_ERR_FAULT)
        abort();
    if (result == 0 && trusted && model_tail - model_head < MODEL_MAX) {
        model[model_tail % MODEL_MAX].type = record.type;
        model[model_tail % MODEL_MAX].length = record.length;
        model_tail++;
    }
    if (trusted && result == -IPC_ERR_FAULT)
        abort(); /* nothing was corrupted */
}

static void pop(struct ring *ring, struct fuzz_input *input, bool trusted)
{
    static uint8_t payload[4096];
    struct ipc_ring_record record;
    size_t size = next_byte(input) * 16u;
    int result = ring_pop(ring, &record, payload, size);

    if (result != 0 && result != -IPC_ERR_EMPTY && result != -IPC_ERR_TOO_LARGE && result != -IPC_ERR_FAULT)
        abort();
    if (!trusted)
        return;
    if (result == -IPC_ERR_FAULT || (result == -IPC_ERR_EMPTY) != (model_head == model_tail))
        abort();
    if (result != 0)
        return;
    if (record.type != model[model_head % MODEL_MAX].type ||
        record.length != model[model_head % MODEL_MAX].length || record.length > size)
        abort();
    for (uint32_t i = 0; i < record.length; i++)
        if (payload[i] != payload_byte(record.type, i))
            abort();
    model_head++;
}

/* A hostile peer writes 8 bytes of its choice somewhere in the shared memory. */
static void corrupt(struct ipc_ring_control *control, uint8_t *data, uint64_t capacity, struct fuzz_input *input)
{
    uint64_t value = 0;
    uint8_t where = next_byte(input);

    for (int i = 0; i < 8; i++)
        value = value << 8 | next_byte(input);
    switch (where % 4) {
    case 0: atomic_store(&control->head, value); break;
    case 1: atomic_store(&control->tail, value); break;
    case 2: control->capacity = value; break;
    default: memcpy(data + (value % capacity & ~(uint64_t)7), &value, 8); break;
    }
}

static void wake_protocol(struct ring *ring, struct fuzz_input *input)
{
    uint32_t events;

    switch (next_byte(input) % 6) {
    case 0: ring_consumer_prepare_to_wait(ring, &events); break;
    case 1: ring_producer_needs_wake(ring); break;
    case 2: ring_producer_prepare_to_wait(ring, next_byte(input) * 8u, &events); break;
    case 3: ring_consumer_needs_wake(ring); break;
    case 4: ring_has_records(ring); break;
    default: ring_has_room(ring, next_byte(input) * 8u); break;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct fuzz_input input = {data, size};
    uint64_t capacity = (uint64_t)IPC_RING_MIN_CAPACITY << (next_byte(&input) % 7);
    struct ipc_ring_control *control = aligned_alloc(IPC_RING_CACHE_LINE, sizeof(*control));
    uint8_t *area = aligned_alloc(IPC_RING_ALIGN, capacity);
    struct ring ring;
    bool trusted = true;
    uint32_t length;

    ring_format(control, capacity);
    if (ring_attach(&ring, control, area, capacity) != 0)
        abort();
    model_head = model_tail = 0;
    while (input.size) {
        switch (next_byte(&input) % 5) {
        case 0: push(&ring, &input, trusted); break;
        case 1: pop(&ring, &input, trusted); break;
        case 2: ring_peek_length(&ring, &length); break;
        case 3: wake_protocol(&ring, &input); break;
        default:
            corrupt(control, area, capacity, &input);
            trusted = false;
            break;
        }
    }
    free(area);
    free(control);
    return 0;
}
