/*
 * <freeport/port.h> - ports: message queues with priorities, and call and
 * reply on top of them.
 *
 * Layer: Freeport SDK header; implemented in userland/libc/ipc_port.c, one
 * system call each (<freeport/syscall.h> documents them). Every function
 * returns 0 (or a count) or -IPC_ERR_* of <freeport/ipc.h> directly: none
 * sets errno. docs/ipc.md, "Ports", follows each call through the kernel.
 *
 *     uint64_t port;
 *     port_create(0, &port);
 *     struct ipc_send_args hello = port_message(1, "hello", 5);
 *     port_send(port, &hello);
 *     char buffer[64];
 *     struct ipc_receive_args in = port_buffer(buffer, sizeof(buffer), IPC_TIMEOUT_FOREVER);
 *     port_receive(port, &in);          // in.header.length == 5
 */
#ifndef FREEPORT_PORT_H
#define FREEPORT_PORT_H

#include <freeport/ipc.h>
#include <stdint.h>
#include <sys/cdefs.h>

__BEGIN_DECLS
/* A new port queueing up to depth messages (0: IPC_PORT_DEPTH_DEFAULT);
 * *port gets a token with SEND, RECEIVE, GRANT and REVOKE. */
int port_create(uint32_t depth, uint64_t *port);
int port_send(uint64_t port, const struct ipc_send_args *message);
int port_receive(uint64_t port, struct ipc_receive_args *into);
/* Send request as a call and wait for the reply into *reply. */
int port_call(uint64_t port, const struct ipc_send_args *request, struct ipc_receive_args *reply);
/* Answer the call received with header.transaction_id == transaction_id. */
int port_reply(uint64_t transaction_id, const struct ipc_send_args *reply);
int port_configure(uint64_t port, const struct ipc_port_config *config);
__END_DECLS

/* Send arguments for `length` bytes at `payload` as a message of `type`:
 * priority 0, no capabilities, no waiting (set .timeout to wait). */
static inline struct ipc_send_args port_message(uint32_t type, const void *payload, uint32_t length)
{
    struct ipc_send_args args = {.payload = (uintptr_t)payload, .timeout = IPC_TIMEOUT_NONE};

    args.header.type = type;
    args.header.length = length;
    return args;
}

/* Receive arguments: the payload goes into `capacity` bytes at `buffer`. */
static inline struct ipc_receive_args port_buffer(void *buffer, uint32_t capacity, uint64_t timeout)
{
    return (struct ipc_receive_args){.payload = (uintptr_t)buffer, .capacity = capacity, .timeout = timeout};
}

#endif
