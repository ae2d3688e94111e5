/*
 * trace.c - the IPC trace ring (see trace.h for the invariant).
 *
 * Layer: native IPC (pure, host unit-tested). The sequence number is a
 * 64-bit count, so it never wraps in practice and a reader can always tell
 * a gap from a lap.
 */
#include "ipc/trace.h"
#include "lib/crc32.h"

void ipc_trace_init(struct ipc_trace *trace, struct ipc_trace_event *events, uint32_t capacity)
{
    trace->events = events;
    trace->capacity = capacity;
    trace->enabled = false;
    trace->next_sequence = 0;
}

void ipc_trace_enable(struct ipc_trace *trace, bool enabled)
{
    trace->enabled = enabled;
}

void ipc_trace_record(struct ipc_trace *trace, const struct ipc_trace_event *event, const void *payload)
{
    struct ipc_trace_event *slot;

    if (!trace->enabled)
        return;
    slot = &trace->events[trace->next_sequence % trace->capacity];
    *slot = *event;
    slot->sequence = trace->next_sequence++;
    slot->payload_crc32 = crc32(payload, event->size);
}

static uint64_t oldest_held(const struct ipc_trace *trace)
{
    return trace->next_sequence > trace->capacity ? trace->next_sequence - trace->capacity : 0;
}

size_t ipc_trace_read(const struct ipc_trace *trace, uint64_t *cursor, struct ipc_trace_event *out,
                      size_t max, uint64_t *missed)
{
    uint64_t oldest = oldest_held(trace);
    size_t copied = 0;

    *missed = *cursor < oldest ? oldest - *cursor : 0;
    if (*cursor < oldest)
        *cursor = oldest;
    while (copied < max && *cursor < trace->next_sequence) {
        out[copied++] = trace->events[*cursor % trace->capacity];
        ++*cursor;
    }
    return copied;
}
