/*
 * ipc_process.c - creating and releasing each process's IPC state.
 *
 * Layer: native IPC. See ipc_process.h for the lifetime rules. The table's
 * observer ties capabilities to the rest of the state: a closed capability
 * takes the mappings made through it (ipc_mapping.c), and every refused
 * token is reported on the system endpoint (system_endpoint.c).
 */
#include "ipc/ipc_process.h"
#include "ipc/file_event.h"
#include "ipc/broadcast.h"
#include "ipc/ipc_mapping.h"
#include "ipc/names.h"
#include "ipc/port_call.h"
#include "ipc/system_endpoint.h"
#include <stddef.h>
#include "mm/heap.h"
#include "proc/process.h"

static void capability_refused(struct cap_table *table, uint64_t token, int error)
{
    system_endpoint_capability_refused(ipc_process_of_table(table)->process->pid, token, error);
}

static void capability_closed(struct cap_table *table, struct capability *capability)
{
    ipc_mapping_capability_closed(ipc_process_of_table(table), capability);
}

static const struct cap_table_observer table_observer = {
    .refused = capability_refused,
    .closed = capability_closed,
};

static void ipc_process_release(struct process *process)
{
    struct ipc_process *state = process->ipc;

    system_endpoint_process_exited(process);
    if (!state)
        return;
    broadcast_unsubscribe_all(state);
    port_call_release(state);
    names_release(state);
    cap_table_destroy(&state->capabilities);
    ipc_quota_account_close(&state->quota);
    process->ipc = NULL;
    kfree(state);
}

void ipc_init(void)
{
    process_set_release_hook(ipc_process_release);
    names_init();
    system_endpoint_init();
    file_event_init();
}

struct ipc_process *ipc_process_state(struct process *process)
{
    struct ipc_process *state = process->ipc;

    if (state)
        return state;
    state = kzalloc(sizeof(*state));
    if (!state)
        return NULL;
    if (cap_table_init(&state->capabilities, IPC_CAPABILITIES_PER_PROCESS) < 0) {
        kfree(state);
        return NULL;
    }
    state->capabilities.observer = &table_observer;
    state->process = process;
    list_init(&state->mappings);
    list_init(&state->subscriptions);
    ipc_quota_account_init(&state->quota, (struct ipc_quota_usage){.channels = IPC_QUOTA_CHANNELS_PER_PROCESS,
                                                                   .regions = IPC_QUOTA_REGIONS_PER_PROCESS,
                                                                   .bytes = IPC_QUOTA_BYTES_PER_PROCESS,
                                                                   .ports = IPC_QUOTA_PORTS_PER_PROCESS});
    process->ipc = state;
    return state;
}

struct ipc_process *ipc_process_of_table(struct cap_table *table)
{
    return (struct ipc_process *)((char *)table - offsetof(struct ipc_process, capabilities));
}
