/*
 * sys_user.h - what the native IPC system calls share: the caller's IPC
 * state, and user copies that answer in IPC errors.
 *
 * Layer: native IPC (system-call side), private to the sys_*.c files.
 */
#ifndef FREEPORT_IPC_SYS_USER_H
#define FREEPORT_IPC_SYS_USER_H

#include <stddef.h>
#include "ipc/ipc_process.h"
#include "ipc/ipc_stats.h"
#include "proc/process.h"
#include "proc/usercopy.h"

/* The calling process's IPC state, made on its first IPC call; NULL when
 * there is no memory for it (the call fails with IPC_ERR_NO_MEMORY). */
static inline struct ipc_process *ipc_caller(void)
{
    return ipc_process_state(process_current());
}

static inline int ipc_copy_in(void *kernel, const void *user, size_t length)
{
    return copy_from_user(kernel, user, length) < 0 ? -IPC_ERR_FAULT : IPC_OK;
}

static inline int ipc_copy_out(void *user, const void *kernel, size_t length)
{
    return copy_to_user(user, kernel, length) < 0 ? -IPC_ERR_FAULT : IPC_OK;
}

/* Pass `error` through, counting it if a token was refused. */
static inline int ipc_checked(struct ipc_process *self, int error)
{
    if (error == -IPC_ERR_INVALID_CAP || error == -IPC_ERR_PERMISSION)
        ipc_refusal(error, (uint32_t)self->process->pid, 0);
    return error;
}

#endif
