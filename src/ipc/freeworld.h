/*
 * freeworld.h - FreeWorld's named channels, natively: the channel (a name
 * and the native object its messages or bytes go through) and the
 * *endpoint*, one process's opening of it, which a capability names.
 *
 * Layer: native IPC, on ports (sockets and queues), streams (pipes) and
 * the capability tables. The three types (<freeport/freeworld_abi.h>):
 *   IPC_TYPE_SOCKET  the creator is the server and owns an inbox port;
 *                    every opener with READ owns an inbox too (a client).
 *                    Clients send to the server's inbox; the server sends
 *                    to one client's (by pid) or copies to all (pid 0).
 *   IPC_TYPE_PIPE    one stream; an endpoint is an end on the sides its
 *                    mode says (the creator's on both).
 *   IPC_TYPE_QUEUE   one port every endpoint shares: highest priority
 *                    first, FIFO within one.
 * The id user space holds is the slot of the endpoint's capability in its
 * table (freeworld_sys.c), so process exit closes every endpoint like any
 * capability, and fork does not inherit them.
 *
 * Lifetime: the creator's endpoint holds the name; when it goes (closed,
 * or its process exited), the name goes and ipc_open_channel no longer
 * finds the channel, while the endpoints already open keep it alive. The
 * channel is freed with its last endpoint. Once the name has gone a side
 * that can never be served again is *hung up*: a socket client whose
 * server left, a queue with no writer (or no reader) left - its waiters
 * get IPC_ERR_PEER_CLOSED, after the messages already queued for them.
 *
 * Invariants: a channel is on the name list exactly while `named`; every
 * endpoint counts once in `endpoints` (and in `readers`/`writers` for its
 * mode) and holds the channel; a socket's `server` is the creator's
 * endpoint while it is open, and `clients` lists exactly the endpoints
 * with an inbox other than the server's.
 * Locking: the IPC lock (thread context, one CPU, kernel not preempted).
 */
#ifndef FREEPORT_IPC_FREEWORLD_H
#define FREEPORT_IPC_FREEWORLD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "ipc/freeworld_rules.h"
#include "ipc/object.h"
#include "lib/list.h"
#include "uapi/freeport/freeworld_abi.h"

struct cap_table;
struct ipc_process;
struct ipc_receive_args;
struct port;
struct stream;
struct freeworld_endpoint;

struct freeworld_channel {
    struct list_node link; /* on the name list while named */
    uint32_t type;         /* IPC_TYPE_* */
    uint32_t depth;        /* messages each queue holds (sockets, queues) */
    bool named;
    uint32_t endpoints, readers, writers;
    struct freeworld_endpoint *server; /* a socket's creator, NULL once it went */
    uint32_t server_pid;               /* a socket's creator, kept for addressing */
    struct list_node clients;          /* a socket's endpoints with an inbox, in order of opening */
    struct port *queue;                /* a queue's port (the kernel's: no capability names it) */
    struct stream *stream;             /* a pipe's stream (the channel holds its creator's reference) */
    uint32_t name_length;
    char name[IPC_CHANNEL_NAME_MAX];
};

struct freeworld_endpoint {
    struct ipc_object object; /* IPC_OBJECT_FREEWORLD */
    struct freeworld_channel *channel;
    struct list_node link; /* in channel->clients (a socket client with an inbox) */
    uint32_t pid;
    uint32_t mode; /* IPC_MODE_* */
    bool creator;
    struct port *inbox; /* a socket's server, or a client with IPC_MODE_READ */
};

static inline struct freeworld_endpoint *freeworld_endpoint_of(struct ipc_object *object)
{
    return (struct freeworld_endpoint *)object; /* the object is the first member */
}

/* The capability rights an endpoint of `mode` carries: SEND for WRITE,
 * RECEIVE for READ (never GRANT: ids stay with their process). */
uint16_t freeworld_rights_of(uint32_t mode);

/* freeworld_channel.c: a new named channel and its creator's endpoint
 * (mode READWRITE), holding one reference (the caller's). NAME_EXISTS,
 * QUOTA beyond IPC_CHANNELS_MAX, NO_MEMORY; the name is already checked
 * (freeworld_rules.h). */
int freeworld_create(const char *name, size_t length, uint32_t type, uint32_t depth, uint32_t pid,
                     struct freeworld_endpoint **out);

/* A new endpoint of `mode` on the channel named `name`, one reference
 * (the caller's): NAME_NOT_FOUND, NO_MEMORY. */
int freeworld_open(const char *name, size_t length, uint32_t mode, uint32_t pid,
                   struct freeworld_endpoint **out);

/* freeworld_channel.c: is `endpoint`'s side hung up (see Lifetime)? A
 * receive that finds nothing queued then answers PEER_CLOSED. */
bool freeworld_receive_hung_up(const struct freeworld_endpoint *endpoint);

/* freeworld_transfer.c: ipc_send - `size` bytes from the user buffer,
 * routed by freeworld_route_of (a pipe's stream, a queue, a socket's
 * inboxes), waiting while the one queue it goes to is full (a broadcast
 * never waits: a full inbox's copy is dropped and counted by its port).
 * The caller's table is `table`. The bytes sent, or -IPC_ERR_*. */
long freeworld_send(struct freeworld_endpoint *endpoint, struct cap_table *table, const void *user_buffer,
                    const struct freeworld_message *message);

/* freeworld_transfer.c: ipc_receive into the struct ipc_receive_args at
 * `user_args` (its payload, capacity and timeout: IPC_TIMEOUT_NONE never
 * waits; a socket or queue waits as port_receive does, up to the
 * timeout; a pipe waits until it can). A message's header is
 * written as a port's is (kernel-stamped sender and receiver pids); a
 * pipe's says only the bytes read (length, 0 at the end of the stream)
 * and the receiver. The payload bytes, or -IPC_ERR_*. */
long freeworld_receive(struct freeworld_endpoint *endpoint, struct ipc_process *self,
                       struct ipc_receive_args *user_args);

#endif
