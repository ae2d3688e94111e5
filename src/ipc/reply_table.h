/*
 * reply_table.h - the calls a process has received and not yet answered:
 * its right to reply, once, to each.
 *
 * Layer: native IPC (pure; host unit-tested by tests/unit/test_reply_table.c).
 * When a call is delivered to a process, its transaction id and the
 * caller's pid go into the receiver's table; port_reply(transaction id)
 * must find it there, and takes it out. So only the process that received
 * a call can answer it, and only once: a second reply, or a reply with an
 * id the process was never given, is refused like a stale capability
 * (-IPC_ERR_INVALID_CAP). Transaction ids are never reused, so an id
 * cannot come back to life.
 *
 * The table is small and fixed (IPC_PENDING_REPLIES_MAX): a process that
 * owes that many replies receives no further call (-IPC_ERR_QUOTA, and the
 * call stays queued) until it answers one. No allocation, so the fast path
 * can record a call.
 *
 * Invariants: entries[0..count-1] are the owed calls, each id once, none 0.
 * Locking: the caller holds the IPC lock.
 */
#ifndef FREEPORT_IPC_REPLY_TABLE_H
#define FREEPORT_IPC_REPLY_TABLE_H

#include <stdbool.h>
#include <stdint.h>
#include "uapi/freeport/ipc.h"

struct reply_owed {
    uint64_t transaction_id;
    uint32_t caller_pid;
};

struct reply_table {
    struct reply_owed entries[IPC_PENDING_REPLIES_MAX];
    uint32_t count;
};

static inline bool reply_table_has_room(const struct reply_table *table)
{
    return table->count < IPC_PENDING_REPLIES_MAX;
}

/* Record a received call (or put back one taken out, when the reply did
 * not fit the caller); the caller checked there is room. */
void reply_table_add(struct reply_table *table, uint64_t transaction_id, uint32_t caller_pid);

/* Take the call out: its caller's pid, or -IPC_ERR_INVALID_CAP if the
 * table has no such call. */
int reply_table_take(struct reply_table *table, uint64_t transaction_id, uint32_t *caller_pid);

/* Take out the last call, if any (emptying the table at exit): true and
 * the call, or false when empty. */
bool reply_table_pop(struct reply_table *table, struct reply_owed *owed);

#endif
