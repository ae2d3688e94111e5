/*
 * broadcast.c - broadcast endpoints and their subscriptions (see
 * broadcast.h).
 *
 * Layer: native IPC, on port.c's port_send_kernel: the message a publisher
 * gives is copied once into the kernel by the system call, then once more
 * into each subscriber's port queue, so every subscriber owns its copy.
 * Besides its own counters, an endpoint counts in its registry entry (what
 * ipcstat shows): a publication as sent, each copy taken as received, each
 * copy refused as dropped.
 */
#include "ipc/broadcast.h"
#include "ipc/ipc_process.h"
#include "ipc/ipc_stats.h"
#include "ipc/port.h"
#include <stdbool.h>
#include "mm/heap.h"

uint64_t broadcast_count, broadcast_subscription_count;
struct ipc_broadcast_stats broadcast_totals;

static const struct ipc_object_type broadcast_type;

int broadcast_create(uint32_t owner_pid, struct broadcast **out)
{
    struct broadcast *broadcast = kzalloc(sizeof(*broadcast));

    if (!broadcast)
        return -IPC_ERR_NO_MEMORY;
    ipc_object_init(&broadcast->object, &broadcast_type);
    list_init(&broadcast->subscriptions);
    ipc_registry_add(&broadcast->registry, &broadcast->object, IPC_OBJECT_BROADCAST, owner_pid);
    broadcast_count++;
    *out = broadcast;
    return IPC_OK;
}

static void subscription_free(struct broadcast_subscription *subscription)
{
    list_remove(&subscription->in_broadcast);
    list_remove(&subscription->in_process);
    subscription->broadcast->stats.subscribers--;
    broadcast_subscription_count--;
    ipc_object_put(subscription->port);
    kfree(subscription);
}

static void broadcast_release(struct ipc_object *object)
{
    struct broadcast *broadcast = broadcast_of(object);

    list_for_each_safe(node, &broadcast->subscriptions)
        subscription_free(list_entry(node, struct broadcast_subscription, in_broadcast));
    ipc_registry_remove(&broadcast->registry);
    kfree(broadcast);
    broadcast_count--;
}

static struct broadcast_subscription *
subscription_find(struct broadcast *broadcast, struct ipc_process *subscriber, struct ipc_object *port)
{
    list_for_each(node, &broadcast->subscriptions) {
        struct broadcast_subscription *subscription =
            list_entry(node, struct broadcast_subscription, in_broadcast);
        if (subscription->subscriber == subscriber && subscription->port == port)
            return subscription;
    }
    return NULL;
}

int broadcast_subscribe(struct broadcast *broadcast, struct ipc_process *subscriber, struct ipc_object *port,
                        uint32_t topics)
{
    struct broadcast_subscription *subscription = subscription_find(broadcast, subscriber, port);

    if (subscription) {
        subscription->topics = topics;
        return IPC_OK;
    }
    if (broadcast->stats.subscribers >= IPC_BROADCAST_SUBSCRIBERS_MAX)
        return -IPC_ERR_QUOTA;
    subscription = kzalloc(sizeof(*subscription));
    if (!subscription)
        return -IPC_ERR_NO_MEMORY;
    ipc_object_get(port);
    subscription->broadcast = broadcast;
    subscription->port = port;
    subscription->subscriber = subscriber;
    subscription->topics = topics;
    subscription->stats.subscribers = 1;
    list_push_back(&broadcast->subscriptions, &subscription->in_broadcast);
    list_push_back(&subscriber->subscriptions, &subscription->in_process);
    broadcast->stats.subscribers++;
    broadcast_subscription_count++;
    return IPC_OK;
}

int broadcast_unsubscribe(struct broadcast *broadcast, struct ipc_process *subscriber,
                          struct ipc_object *port)
{
    struct broadcast_subscription *subscription = subscription_find(broadcast, subscriber, port);

    if (!subscription)
        return -IPC_ERR_INVALID_ARGUMENT;
    subscription_free(subscription);
    return IPC_OK;
}

void broadcast_unsubscribe_all(struct ipc_process *subscriber)
{
    list_for_each_safe(node, &subscriber->subscriptions)
        subscription_free(list_entry(node, struct broadcast_subscription, in_process));
}

/* Count one copy's fate. */
static void count_copy(struct ipc_broadcast_stats *stats, bool delivered)
{
    if (delivered)
        stats->delivered++;
    else
        stats->dropped++;
}

int broadcast_publish(struct broadcast *broadcast, const struct ipc_msg_header *header, const void *payload,
                      uint32_t sender_pid, uint32_t topic)
{
    int delivered = 0;

    broadcast->stats.published++;
    broadcast_totals.published++;
    ipc_count(&broadcast->registry.counters, sent);
    list_for_each(node, &broadcast->subscriptions) {
        struct broadcast_subscription *subscription =
            list_entry(node, struct broadcast_subscription, in_broadcast);
        if (!(subscription->topics & topic))
            continue;
        bool taken = port_send_kernel(port_of(subscription->port), header, payload, sender_pid) == IPC_OK;
        subscription->stats.published++;
        count_copy(&subscription->stats, taken);
        count_copy(&broadcast->stats, taken);
        count_copy(&broadcast_totals, taken);
        if (taken)
            ipc_count(&broadcast->registry.counters, received);
        else
            ipc_count(&broadcast->registry.counters, dropped);
        delivered += taken;
    }
    return delivered;
}

int broadcast_stats(struct broadcast *broadcast, struct ipc_process *subscriber, struct ipc_object *port,
                    struct ipc_broadcast_stats *stats)
{
    struct broadcast_subscription *subscription;

    if (!port) {
        *stats = broadcast->stats;
        return IPC_OK;
    }
    subscription = subscription_find(broadcast, subscriber, port);
    if (!subscription)
        return -IPC_ERR_INVALID_ARGUMENT;
    *stats = subscription->stats;
    return IPC_OK;
}

static const struct ipc_object_type broadcast_type = {
    .kind = IPC_OBJECT_BROADCAST,
    .release = broadcast_release,
};
