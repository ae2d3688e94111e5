/*
 * <freeport/ipc_stats.h> - the IPC layer's counters and its trace ring,
 * for ipcstat, ipctrace and tests.
 *
 * Layer: Freeport SDK header; implemented in userland/libc/ipc_stats.c.
 * Functions return 0 (or a count) or -IPC_ERR_* of <freeport/ipc.h>.
 */
#ifndef FREEPORT_IPC_STATS_H
#define FREEPORT_IPC_STATS_H

#include <freeport/ipc.h>
#include <stdint.h>
#include <sys/cdefs.h>

__BEGIN_DECLS
int ipc_stats_global(struct ipc_global_stats *stats);
/* The live object with the smallest id above after_id: 1, or 0 when there
 * is none. Start with 0 and pass each id back to list them all. */
int ipc_stats_object(uint64_t after_id, struct ipc_object_stats *stats);
/* 1, or 0 when no process has that pid. */
int ipc_stats_process(int pid, struct ipc_process_stats *stats);

/* Tracing on (1) or off (0); returns whether it was on. */
int ipc_trace_control(int enable);
/* Up to max events from number *cursor on, oldest first; returns how many
 * and moves *cursor past them; *missed (may be NULL) counts the events
 * overwritten before they could be read. */
int ipc_trace_read(uint64_t *cursor, struct ipc_trace_event *events, uint32_t max, uint64_t *missed);
__END_DECLS

#endif
