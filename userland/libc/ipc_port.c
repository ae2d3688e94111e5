/*
 * userland/libc/ipc_port.c - <freeport/port.h>: one system call each.
 *
 * Layer: libfreeport. The native IPC calls return the kernel's result as
 * it is (0 or -IPC_ERR_*): no errno, since IPC errors are not errno values.
 */
#include <freeport/port.h>
#include "syscall.h"

int port_create(uint32_t depth, uint64_t *port)
{
    return (int)SYSCALL(SYS_port_create, depth, port);
}

int port_send(uint64_t port, const struct ipc_send_args *message)
{
    return (int)SYSCALL(SYS_port_send, port, message);
}

int port_receive(uint64_t port, struct ipc_receive_args *into)
{
    return (int)SYSCALL(SYS_port_receive, port, into);
}

int port_call(uint64_t port, const struct ipc_send_args *request, struct ipc_receive_args *reply)
{
    return (int)SYSCALL(SYS_port_call, port, request, reply);
}

int port_reply(uint64_t transaction_id, const struct ipc_send_args *reply)
{
    return (int)SYSCALL(SYS_port_reply, transaction_id, reply);
}

int port_configure(uint64_t port, const struct ipc_port_config *config)
{
    return (int)SYSCALL(SYS_port_configure, port, config);
}
