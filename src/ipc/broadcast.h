/*
 * broadcast.h - broadcast endpoints: one message published, one copy
 * queued on every subscriber's port.
 *
 * Layer: native IPC, on the ports (port_send_kernel). A subscriber supplies a
 * port it can send to; each published message is delivered to it like a
 * message from the publisher (sender_pid is the publisher's, 0 for the
 * kernel). A port that refuses its copy (full, closed, filtered) does not
 * stop the others: the copy is counted as dropped for that subscription
 * and in the endpoint's totals, never lost silently.
 *
 * A subscription belongs to the process that made it and goes when that
 * process exits or unsubscribes, or when the endpoint is released; it
 * holds a reference to its port. The system endpoint (system_endpoint.c)
 * is a broadcast the kernel holds, whose subscriptions carry a mask of the
 * event types they want (`topics`).
 *
 * Invariants: each subscription is on its endpoint's list and on its
 * process's `subscriptions` list; one subscription per (endpoint, port);
 * delivered + dropped of a subscription counts every message published to
 * it.
 * Locking: the IPC lock.
 */
#ifndef FREEPORT_IPC_BROADCAST_H
#define FREEPORT_IPC_BROADCAST_H

#include <stddef.h>
#include <stdint.h>
#include "ipc/object.h"
#include "ipc/registry.h"
#include "lib/list.h"
#include "uapi/freeport/ipc.h"

struct ipc_process;

#define BROADCAST_ALL_TOPICS UINT32_MAX /* a plain endpoint's messages: every subscription takes them */

struct broadcast {
    struct ipc_object object;       /* IPC_OBJECT_BROADCAST */
    struct list_node subscriptions; /* struct broadcast_subscription, through in_broadcast */
    struct ipc_broadcast_stats stats;
    struct ipc_registry_entry registry;
};

struct broadcast_subscription {
    struct broadcast *broadcast;
    struct ipc_object *port; /* holds a reference */
    struct ipc_process *subscriber;
    uint32_t topics;                  /* which published topics it takes */
    struct ipc_broadcast_stats stats; /* subscribers = 1 */
    struct list_node in_broadcast;
    struct list_node in_process;
};

static inline struct broadcast *broadcast_of(struct ipc_object *object)
{
    return (struct broadcast *)((char *)object - offsetof(struct broadcast, object));
}

/* A new endpoint with one reference for the caller. */
int broadcast_create(uint32_t owner_pid, struct broadcast **out);

/* `subscriber` has its `port` take copies of messages whose topic is in
 * `topics`. Subscribing a port again replaces its topics.
 * -IPC_ERR_QUOTA beyond IPC_BROADCAST_SUBSCRIBERS_MAX, -IPC_ERR_NO_MEMORY. */
int broadcast_subscribe(struct broadcast *broadcast, struct ipc_process *subscriber, struct ipc_object *port,
                        uint32_t topics);

/* -IPC_ERR_INVALID_ARGUMENT if `subscriber` has no such subscription. */
int broadcast_unsubscribe(struct broadcast *broadcast, struct ipc_process *subscriber,
                          struct ipc_object *port);

/* Deliver a copy of the message (header's type, length, priority; the
 * kernel's fields are filled per copy) to each subscription taking
 * `topic`. Returns how many ports took their copy. */
int broadcast_publish(struct broadcast *broadcast, const struct ipc_msg_header *header, const void *payload,
                      uint32_t sender_pid, uint32_t topic);

/* The counters of the endpoint, or of `subscriber`'s subscription with
 * `port` (-IPC_ERR_INVALID_ARGUMENT if none). */
int broadcast_stats(struct broadcast *broadcast, struct ipc_process *subscriber, struct ipc_object *port,
                    struct ipc_broadcast_stats *stats);

/* The process exits: every subscription it made goes. */
void broadcast_unsubscribe_all(struct ipc_process *subscriber);

/* Live endpoints and subscriptions; totals since boot (for the counters). */
extern uint64_t broadcast_count, broadcast_subscription_count;
extern struct ipc_broadcast_stats broadcast_totals;

#endif
