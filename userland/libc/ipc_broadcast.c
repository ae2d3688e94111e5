/*
 * userland/libc/ipc_broadcast.c - broadcast and the system endpoint:
 * <freeport/broadcast.h>.
 *
 * Layer: libfreeport; each function is its system call (132-139).
 */
#include <freeport/broadcast.h>
#include <freeport/syscall.h>
#include "syscall.h"

int broadcast_create(uint64_t *token)
{
    return (int)SYSCALL(SYS_broadcast_create, token);
}

int broadcast_subscribe(uint64_t token, uint64_t port_token)
{
    return (int)SYSCALL(SYS_broadcast_subscribe, token, port_token);
}

int broadcast_unsubscribe(uint64_t token, uint64_t port_token)
{
    return (int)SYSCALL(SYS_broadcast_unsubscribe, token, port_token);
}

int broadcast_publish(uint64_t token, uint32_t type, const void *payload, uint32_t length)
{
    struct ipc_send_args args = {
        .header = {.type = type, .length = length},
        .payload = (uint64_t)payload,
        .timeout = IPC_TIMEOUT_NONE,
    };

    return (int)SYSCALL(SYS_broadcast_publish, token, &args);
}

int broadcast_stats(uint64_t token, uint64_t port_token, struct ipc_broadcast_stats *stats)
{
    return (int)SYSCALL(SYS_broadcast_stats, token, port_token, stats);
}

int system_subscribe(uint64_t port_token, uint32_t mask)
{
    return (int)SYSCALL(SYS_system_subscribe, port_token, mask);
}

int system_stats(uint64_t port_token, struct ipc_broadcast_stats *stats)
{
    return (int)SYSCALL(SYS_system_stats, port_token, stats);
}

int ipc_transport_stats(struct ipc_transport_stats *stats)
{
    return (int)SYSCALL(SYS_ipc_transport_stats, stats);
}
