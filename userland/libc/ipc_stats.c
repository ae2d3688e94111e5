/*
 * userland/libc/ipc_stats.c - <freeport/ipc_stats.h>: the ipc_stats and
 * trace system calls.
 *
 * Layer: libfreeport. Results are the kernel's (a count, or -IPC_ERR_*).
 */
#include <freeport/ipc_stats.h>
#include "syscall.h"

int ipc_stats_global(struct ipc_global_stats *stats)
{
    long result = SYSCALL(SYS_ipc_stats, IPC_STATS_GLOBAL, 0, stats);

    return result < 0 ? (int)result : 0;
}

int ipc_stats_object(uint64_t after_id, struct ipc_object_stats *stats)
{
    return (int)SYSCALL(SYS_ipc_stats, IPC_STATS_OBJECT, after_id, stats);
}

int ipc_stats_process(int pid, struct ipc_process_stats *stats)
{
    return (int)SYSCALL(SYS_ipc_stats, IPC_STATS_PROCESS, pid, stats);
}

int ipc_trace_control(int enable)
{
    return (int)SYSCALL(SYS_ipc_trace_control, enable);
}

int ipc_trace_read(uint64_t *cursor, struct ipc_trace_event *events, uint32_t max, uint64_t *missed)
{
    return (int)SYSCALL(SYS_ipc_trace_read, cursor, events, max, missed);
}
