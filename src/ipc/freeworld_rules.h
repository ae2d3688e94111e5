/*
 * freeworld_rules.h - what FreeWorld's channel calls accept, decided
 * without touching any object: types, buffer sizes, modes, names, and
 * where a message goes (the socket's addressing).
 *
 * Layer: native IPC (pure; host unit-tested by tests/unit/test_freeworld_rules.c).
 * freeworld_channel.c and freeworld_transfer.c ask these before they
 * change anything, so a refused call leaves no trace. Every answer is 0
 * (or a route) or -IPC_ERR_*.
 */
#ifndef FREEPORT_IPC_FREEWORLD_RULES_H
#define FREEPORT_IPC_FREEWORLD_RULES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Where one ipc_send goes. */
enum freeworld_route {
    FREEWORLD_ROUTE_CHANNEL = 1, /* a pipe's stream or a queue's port: the channel's one buffer */
    FREEWORLD_ROUTE_SERVER,      /* a socket client's message: the server's inbox */
    FREEWORLD_ROUTE_ONE,         /* a socket server's reply: the inbox of the client `receiver` */
    FREEWORLD_ROUTE_ALL,         /* a socket server's broadcast (receiver 0): every client's inbox */
};

/* What one ipc_send asked for. */
struct freeworld_message {
    uint32_t type;     /* the application's; a pipe does not carry it */
    uint32_t size;     /* payload bytes */
    uint32_t receiver; /* a pid, or 0 */
    uint32_t priority; /* 0..IPC_CHANNEL_PRIORITY_MAX */
};

/* A channel of `type` with `buffer_size` (0: the default): *depth is the
 * messages its queues hold (sockets, queues; 0 for a pipe). Unknown type,
 * or a buffer beyond the type's maximum: INVALID_ARGUMENT. */
int freeworld_check_create(uint32_t type, uint32_t buffer_size, uint32_t *depth);

/* A name of `length` bytes: empty is INVALID_ARGUMENT, longer than
 * IPC_CHANNEL_NAME_MAX is TOO_LARGE. */
int freeworld_check_name(size_t length);

/* READ, WRITE or both, nothing else: INVALID_ARGUMENT. */
int freeworld_check_mode(uint32_t mode);

/* The route of a send on a channel of `type`, by its creator or not (a
 * socket's creator is its server, whose pid is `server_pid`): a payload
 * beyond IPC_MESSAGE_PAYLOAD_MAX is TOO_LARGE; a priority beyond
 * IPC_CHANNEL_PRIORITY_MAX, a receiver on a pipe or queue, or a client
 * naming anyone but the server is INVALID_ARGUMENT. */
int freeworld_route_of(uint32_t type, bool from_server, uint32_t server_pid,
                       const struct freeworld_message *send);

#endif
