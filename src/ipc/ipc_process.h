/*
 * ipc_process.h - native IPC's state in each process: its capability table.
 *
 * Layer: native IPC, on the processes layer. A process gets its state on
 * its first IPC call (ipc_capabilities()); when it exits, the processes
 * layer calls the release hook ipc_init() registered, which closes every
 * capability (dropping the objects' references: a port or channel end whose
 * last capability goes is released, waking its peers) and frees the state.
 * Capabilities are not inherited across fork: a child starts with none.
 * Locking: IPC state is touched only from thread context, and kernel code
 * is not preempted (proc/scheduler.h), so one CPU needs no lock.
 */
#ifndef FREEPORT_IPC_IPC_PROCESS_H
#define FREEPORT_IPC_IPC_PROCESS_H

#include "ipc/cap_table.h"

struct process;

#define IPC_CAPABILITIES_PER_PROCESS 256    /* the per-process capability quota */

struct ipc_process {
    struct cap_table capabilities;
};

/* Register the exit hook. Once, at boot, after the processes layer. */
void ipc_init(void);

/* The process's capability table, created on first use; NULL when there
 * is no memory for it. */
struct cap_table *ipc_capabilities(struct process *process);

#endif
