/*
 * userland/libc/ipc_shm.c - shared memory regions: <freeport/shm.h>.
 *
 * Layer: libfreeport; each function is its system call (124-127).
 */
#include <freeport/shm.h>
#include <freeport/syscall.h>
#include "syscall.h"

int shm_create(uint64_t size, uint64_t *token)
{
    return (int)SYSCALL(SYS_shm_create, size, token);
}

int shm_map(uint64_t token, void **address)
{
    return (int)SYSCALL(SYS_shm_map, token, address);
}

int shm_unmap(void *address)
{
    return (int)SYSCALL(SYS_shm_unmap, address);
}

int shm_transfer(uint64_t token, uint64_t port_token, uint32_t type)
{
    return (int)SYSCALL(SYS_shm_transfer, token, port_token, type);
}
