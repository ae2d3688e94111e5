/*
 * trace.h - the IPC trace ring: the last N IPC events, for debugging and
 * replay.
 *
 * Layer: native IPC (pure; host unit-tested by tests/unit/test_trace.c).
 * Off by default; when off, recording costs one test. When full, a new
 * event overwrites the oldest. Events are numbered 0, 1, 2, ... as they are
 * recorded, and a reader keeps the number of the next event it wants, so
 * it learns how many it missed when the ring lapped it.
 *
 * Invariant: the events numbered max(0, next_sequence - capacity) to
 * next_sequence - 1 are held, event s in events[s % capacity].
 * Locking: the caller holds the IPC lock.
 */
#ifndef FREEPORT_IPC_TRACE_H
#define FREEPORT_IPC_TRACE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "uapi/freeport/ipc.h"

struct ipc_trace {
    struct ipc_trace_event *events; /* the caller's array */
    uint32_t capacity;
    bool enabled;
    uint64_t next_sequence; /* events ever recorded */
};

/* An empty, disabled trace over the caller's `capacity` (>= 1) events. */
void ipc_trace_init(struct ipc_trace *trace, struct ipc_trace_event *events, uint32_t capacity);

void ipc_trace_enable(struct ipc_trace *trace, bool enabled);

/* If enabled, store a copy of `event` numbered next and with the CRC-32 of
 * its payload (event->size bytes at `payload`). */
void ipc_trace_record(struct ipc_trace *trace, const struct ipc_trace_event *event, const void *payload);

/* Copy up to `max` events numbered *cursor onwards, oldest first, into
 * `out`; returns how many. *missed is how many of the events the reader
 * wanted were overwritten first; *cursor becomes the number after the last
 * event copied (or skipped). */
size_t ipc_trace_read(const struct ipc_trace *trace, uint64_t *cursor, struct ipc_trace_event *out,
                      size_t max, uint64_t *missed);

#endif
