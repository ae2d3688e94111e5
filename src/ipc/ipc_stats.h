/*
 * ipc_stats.h - what the IPC layer counts as a whole, and its trace ring.
 *
 * Layer: native IPC. Per-object counters live in each object's registry
 * entry (registry.h); ipc_count() bumps one of them and the same field of
 * the system-wide totals together, so the totals are the sum over every
 * object that ever lived. The trace ring (trace.c) records the last
 * IPC_TRACE_EVENTS events when switched on.
 *
 * Invariants: messages and message_bytes describe the port messages the
 * kernel holds right now; calls_waiting and replies_owed the calls in
 * progress. All four are back to their old values once the processes
 * involved have exited (the in-guest tests check it).
 * Locking: the caller holds the IPC lock.
 */
#ifndef FREEPORT_IPC_IPC_STATS_H
#define FREEPORT_IPC_IPC_STATS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "ipc/registry.h"
#include "uapi/freeport/ipc.h"

#define IPC_TRACE_EVENTS 256

struct ipc_totals {
    /* Now: */
    uint64_t messages;      /* struct ipc_message allocated */
    uint64_t message_bytes; /* their payload bytes */
    uint64_t calls_waiting;
    uint64_t replies_owed;
    /* Since boot (the same fields as struct ipc_counters, summed): */
    uint64_t sent, received, dropped, refused, discarded, fast_path_hits;
    uint64_t refusals; /* system calls refused for a bad token or a missing right */
};

extern struct ipc_totals ipc_totals;

/* Count one `field` event (sent, received, ...) of an object. */
#define ipc_count(counters, field) ((counters)->field++, ipc_totals.field++)

/* A system call of process `pid` was refused `error` for a token
 * (INVALID_CAP, PERMISSION): counted, and traced as IPC_TRACE_REFUSED. */
void ipc_refusal(int error, uint32_t pid, uint64_t object_id);

/* Record an event if tracing is on; `payload` is `size` bytes of kernel
 * memory (its CRC-32 is recorded), or NULL with size 0. */
void ipc_trace(enum ipc_trace_op op, uint64_t object_id, uint32_t sender_pid, uint32_t receiver_pid,
               const void *payload, uint32_t size, int error);

/* Switch tracing on or off; returns whether it was on. */
bool ipc_trace_switch(bool on);

/* Events numbered *cursor on (see ipc_trace_read in trace.h). */
size_t ipc_trace_copy(uint64_t *cursor, struct ipc_trace_event *out, size_t max, uint64_t *missed);

/* The number the next event will get. */
uint64_t ipc_trace_next(void);

#endif
