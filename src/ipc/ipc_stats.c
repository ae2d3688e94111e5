/*
 * ipc_stats.c - the IPC layer's totals and its one trace ring (see
 * ipc_stats.h).
 *
 * Layer: native IPC. The ring's events live here, statically: tracing
 * never allocates, so it can be on while memory runs out.
 */
#include "ipc/ipc_stats.h"
#include "arch/arch.h"
#include "ipc/trace.h"

struct ipc_totals ipc_totals;

static struct ipc_trace_event trace_events[IPC_TRACE_EVENTS];
static struct ipc_trace trace_ring = {.events = trace_events, .capacity = IPC_TRACE_EVENTS};

void ipc_refusal(int error, uint32_t pid, uint64_t object_id)
{
    ipc_totals.refusals++;
    ipc_trace(IPC_TRACE_REFUSED, object_id, pid, 0, NULL, 0, error);
}

void ipc_trace(enum ipc_trace_op op, uint64_t object_id, uint32_t sender_pid, uint32_t receiver_pid,
               const void *payload, uint32_t size, int error)
{
    if (!trace_ring.enabled)
        return;
    struct ipc_trace_event event = {
        .timestamp = arch_ticks(),
        .object_id = object_id,
        .op = op,
        .sender_pid = sender_pid,
        .receiver_pid = receiver_pid,
        .size = size,
        .error = (uint32_t)-error,
    };

    ipc_trace_record(&trace_ring, &event, payload);
}

bool ipc_trace_switch(bool on)
{
    bool was = trace_ring.enabled;

    ipc_trace_enable(&trace_ring, on);
    return was;
}

size_t ipc_trace_copy(uint64_t *cursor, struct ipc_trace_event *out, size_t max, uint64_t *missed)
{
    return ipc_trace_read(&trace_ring, cursor, out, max, missed);
}

uint64_t ipc_trace_next(void)
{
    return trace_ring.next_sequence;
}
