/*
 * ipc_process.h - native IPC's state in each process: its capability table.
 *
 * Layer: native IPC, on the processes layer. A process gets its state on
 * its first IPC call (ipc_process_state()); when it exits, the processes
 * layer calls the release hook ipc_init() registered, which closes every
 * capability (dropping the objects' references: a port or channel end whose
 * last capability goes is released, waking its peers) and frees the state.
 * Capabilities are not inherited across fork: a child starts with none,
 * and no IPC mappings either. Release order at exit: subscriptions; the
 * calls it owes a reply (their callers get IPC_ERR_PEER_CLOSED); the names
 * it bound; then the capabilities (each closed capability takes its
 * mappings with it; a port whose last receiver goes closes, waking its
 * peers); then the quota account.
 * Locking: IPC state is touched only from thread context, and kernel code
 * is not preempted (proc/scheduler.h), so one CPU needs no lock.
 */
#ifndef FREEPORT_IPC_IPC_PROCESS_H
#define FREEPORT_IPC_IPC_PROCESS_H

#include "ipc/cap_table.h"
#include "ipc/port_call.h"
#include "ipc/quota.h"
#include "ipc/reply_table.h"
#include "lib/list.h"

struct process;

#define IPC_CAPABILITIES_PER_PROCESS 256 /* the per-process capability quota */

struct ipc_process {
    struct cap_table capabilities;
    struct process *process;        /* whose state this is */
    struct list_node mappings;      /* struct ipc_mapping: channel rings, regions (ipc_mapping.c) */
    struct list_node subscriptions; /* struct broadcast_subscription it made (broadcast.c) */
    struct ipc_quota_account quota; /* channels, regions, bytes, ports it created (quota.c) */
    struct port_caller call;        /* its port_call waiting for a reply (port_call.c) */
    struct reply_table owed;        /* calls it received and has not answered (port_call.c) */
};

/* Register the exit hook. Once, at boot, after the processes layer. */
void ipc_init(void);

/* The process's whole IPC state, created on first use; NULL when there
 * is no memory for it. */
struct ipc_process *ipc_process_state(struct process *process);

/* The state a table belongs to (every process's table is in one). */
struct ipc_process *ipc_process_of_table(struct cap_table *table);

#endif
