/*
 * userland/libc/ipc_waitset.c - wait sets: <freeport/waitset.h>.
 *
 * Layer: libfreeport; each function is its system call (128-131).
 */
#include <freeport/syscall.h>
#include <freeport/waitset.h>
#include "syscall.h"

int waitset_create(uint64_t *token)
{
    return (int)SYSCALL(SYS_waitset_create, token);
}

int waitset_add(uint64_t set, uint64_t token, uint32_t events, uint64_t cookie)
{
    return (int)SYSCALL(SYS_waitset_add, set, token, events, cookie);
}

int waitset_remove(uint64_t set, uint64_t token)
{
    return (int)SYSCALL(SYS_waitset_remove, set, token);
}

int waitset_wait(uint64_t set, struct ipc_ready *ready, uint32_t max, uint64_t timeout)
{
    return (int)SYSCALL(SYS_waitset_wait, set, ready, max, timeout);
}
