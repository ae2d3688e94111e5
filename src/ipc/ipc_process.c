/*
 * ipc_process.c - creating and releasing each process's IPC state.
 *
 * Layer: native IPC. See ipc_process.h for the lifetime rules.
 */
#include "ipc/ipc_process.h"
#include "mm/heap.h"
#include "proc/process.h"

static void ipc_process_release(struct process *process)
{
    struct ipc_process *state = process->ipc;

    if (!state)
        return;
    process->ipc = NULL;
    cap_table_destroy(&state->capabilities);
    kfree(state);
}

void ipc_init(void)
{
    process_set_release_hook(ipc_process_release);
}

struct cap_table *ipc_capabilities(struct process *process)
{
    struct ipc_process *state = process->ipc;

    if (state)
        return &state->capabilities;
    state = kzalloc(sizeof(*state));
    if (!state)
        return NULL;
    if (cap_table_init(&state->capabilities, IPC_CAPABILITIES_PER_PROCESS) < 0) {
        kfree(state);
        return NULL;
    }
    process->ipc = state;
    return &state->capabilities;
}
