/*
 * sys_stats.c - IPC statistics and the trace ring, for ipcstat, ipctrace
 * and the tests.
 *
 * Layer: native IPC (system-call side, see syscalls.h). ipc_stats fills
 * one of three structures of <freeport/ipc.h>: the whole layer, one object
 * (found by walking the registry in id order), or one process. Reading
 * needs no capability: the counters say how much, never what.
 */
#include "ipc/cap_table.h"
#include "ipc/names.h"
#include "ipc/port.h"
#include "ipc/sys_user.h"
#include "ipc/syscalls.h"

#define TRACE_CHUNK 8 /* events copied out at a time */

static struct ipc_global_stats global_stats(void)
{
    return (struct ipc_global_stats){
        .ports = ipc_registry_count(IPC_OBJECT_PORT),
        .channel_ends = ipc_registry_count(IPC_OBJECT_CHANNEL_END),
        .memory_regions = ipc_registry_count(IPC_OBJECT_MEMORY_REGION),
        .broadcasts = ipc_registry_count(IPC_OBJECT_BROADCAST),
        .messages = ipc_totals.messages,
        .message_bytes = ipc_totals.message_bytes,
        .capabilities = cap_count_live(),
        .names = names_count(),
        .calls_waiting = ipc_totals.calls_waiting,
        .replies_owed = ipc_totals.replies_owed,
        .sent = ipc_totals.sent,
        .received = ipc_totals.received,
        .dropped = ipc_totals.dropped,
        .refused = ipc_totals.refused,
        .discarded = ipc_totals.discarded,
        .fast_path_hits = ipc_totals.fast_path_hits,
        .refusals = ipc_totals.refusals,
        .trace_next = ipc_trace_next(),
    };
}

static struct ipc_object_stats object_stats(const struct ipc_registry_entry *entry)
{
    const struct ipc_counters *counters = &entry->counters;
    struct ipc_object_stats stats = {
        .id = entry->id,
        .kind = entry->kind,
        .owner_pid = entry->owner_pid,
        .sent = counters->sent,
        .received = counters->received,
        .dropped = counters->dropped,
        .refused = counters->refused,
        .discarded = counters->discarded,
        .fast_path_hits = counters->fast_path_hits,
        .depth = counters->depth,
        .max_depth = counters->max_depth,
    };

    if (entry->kind == IPC_OBJECT_PORT) {
        struct port *port = port_of(entry->object);
        stats.depth_limit = port->queue.depth_limit;
        stats.receivers_waiting = port_waiting(&port->receivers);
        stats.senders_waiting = port_waiting(&port->senders);
    }
    return stats;
}

static struct ipc_process_stats process_stats(const struct process *process)
{
    const struct ipc_process *ipc = process->ipc;
    struct ipc_process_stats stats = {.pid = (uint32_t)process->pid};

    if (ipc) {
        stats.capabilities = ipc->capabilities.used;
        stats.capacity = ipc->capabilities.capacity;
        stats.replies_owed = ipc->owed.count;
        stats.refused_invalid = ipc->capabilities.refused_invalid;
        stats.refused_permission = ipc->capabilities.refused_permission;
    }
    return stats;
}

/* ipc_stats' result: 1 once the structure is out, or the error. */
static long filled(int error)
{
    return error ? error : 1;
}

long sys_ipc_stats(uint32_t what, uint64_t argument, void *out)
{
    if (what == IPC_STATS_GLOBAL) {
        struct ipc_global_stats stats = global_stats();
        return filled(ipc_copy_out(out, &stats, sizeof(stats)));
    }
    if (what == IPC_STATS_OBJECT) {
        struct ipc_registry_entry *entry = ipc_registry_next(argument);
        struct ipc_object_stats stats;
        if (!entry)
            return 0;
        stats = object_stats(entry);
        return filled(ipc_copy_out(out, &stats, sizeof(stats)));
    }
    if (what == IPC_STATS_PROCESS) {
        struct process *process = argument <= INT32_MAX ? process_find((int)argument) : NULL;
        struct ipc_process_stats stats;
        if (!process)
            return 0;
        stats = process_stats(process);
        return filled(ipc_copy_out(out, &stats, sizeof(stats)));
    }
    return -IPC_ERR_INVALID_ARGUMENT;
}

long sys_ipc_trace_control(uint32_t enable)
{
    if (enable > 1)
        return -IPC_ERR_INVALID_ARGUMENT;
    return ipc_trace_switch(enable);
}

long sys_ipc_trace_read(uint64_t *user_cursor, struct ipc_trace_event *user_events, uint32_t max,
                        uint64_t *user_missed)
{
    struct ipc_trace_event chunk[TRACE_CHUNK];
    uint64_t cursor, missed, chunk_missed;
    uint32_t copied = 0;
    int error = ipc_copy_in(&cursor, user_cursor, sizeof(cursor));

    if (error)
        return error;
    missed = 0;
    while (!error && copied < max) {
        size_t count = ipc_trace_copy(&cursor, chunk, max - copied < TRACE_CHUNK ? max - copied : TRACE_CHUNK,
                                      &chunk_missed);
        missed += chunk_missed;
        if (count == 0)
            break;
        error = ipc_copy_out(user_events + copied, chunk, count * sizeof(chunk[0]));
        copied += (uint32_t)count;
    }
    if (!error)
        error = ipc_copy_out(user_cursor, &cursor, sizeof(cursor));
    if (!error && user_missed)
        error = ipc_copy_out(user_missed, &missed, sizeof(missed));
    return error ? error : (long)copied;
}
