/*
 * sys_broadcast.c - broadcast endpoints and the system endpoint:
 * broadcast_create, broadcast_subscribe, broadcast_unsubscribe,
 * broadcast_publish, broadcast_stats, system_subscribe, system_stats.
 *
 * Layer: native IPC (system-call side), on broadcast.c and
 * system_endpoint.c. Rights: the endpoint's SEND to publish, RECEIVE to
 * subscribe; the subscriber's port needs SEND (copies are sent to it).
 * Unsubscribing and reading counters need any capability to each.
 */
#include "ipc/broadcast.h"
#include "ipc/cap_table.h"
#include "ipc/message.h"
#include "ipc/sys_hand_out.h"
#include "ipc/sys_user.h"
#include "ipc/syscalls.h"
#include "ipc/system_endpoint.h"
#include "mm/heap.h"

#define BROADCAST_RIGHTS (IPC_RIGHT_SEND | IPC_RIGHT_RECEIVE | IPC_RIGHT_GRANT | IPC_RIGHT_REVOKE)

long sys_broadcast_create(uint64_t *user_token)
{
    struct ipc_process *self = ipc_caller();
    struct broadcast *broadcast;
    int error;

    if (!self)
        return -IPC_ERR_NO_MEMORY;
    error = broadcast_create((uint32_t)self->process->pid, &broadcast);
    if (error)
        return error;
    return ipc_hand_out(self, &broadcast->object, BROADCAST_RIGHTS, user_token, NULL);
}

static int lookup_broadcast(struct ipc_process *self, uint64_t token, uint16_t rights,
                            struct broadcast **broadcast)
{
    struct ipc_object *object;
    int error;

    if (!self)
        return -IPC_ERR_NO_MEMORY;
    error = ipc_checked(self, cap_lookup(&self->capabilities, token, rights, IPC_OBJECT_BROADCAST, &object));
    if (!error)
        *broadcast = broadcast_of(object);
    return error;
}

/* The port `token` names; token 0 is NULL when `optional`. */
static int lookup_port(struct ipc_process *self, uint64_t token, uint16_t rights, bool optional,
                       struct ipc_object **port)
{
    *port = NULL;
    if (!self)
        return -IPC_ERR_NO_MEMORY;
    if (optional && token == IPC_CAP_NONE)
        return IPC_OK;
    return ipc_checked(self, cap_lookup(&self->capabilities, token, rights, IPC_OBJECT_PORT, port));
}

long sys_broadcast_subscribe(uint64_t token, uint64_t port_token)
{
    struct ipc_process *self = ipc_caller();
    struct broadcast *broadcast;
    struct ipc_object *port;
    int error = lookup_broadcast(self, token, IPC_RIGHT_RECEIVE, &broadcast);

    if (!error)
        error = lookup_port(self, port_token, IPC_RIGHT_SEND, false, &port);
    return error ? error : broadcast_subscribe(broadcast, self, port, BROADCAST_ALL_TOPICS);
}

long sys_broadcast_unsubscribe(uint64_t token, uint64_t port_token)
{
    struct ipc_process *self = ipc_caller();
    struct broadcast *broadcast;
    struct ipc_object *port;
    int error = lookup_broadcast(self, token, 0, &broadcast);

    if (!error)
        error = lookup_port(self, port_token, 0, false, &port);
    return error ? error : broadcast_unsubscribe(broadcast, self, port);
}

/* The publisher's message, checked and copied into the kernel: no
 * capabilities (a copy each would need a grant each), no waiting. */
static int copy_message_in(const struct ipc_send_args *user_args, struct ipc_msg_header *header,
                           void **payload)
{
    struct ipc_send_args args;
    int error = ipc_copy_in(&args, user_args, sizeof(args));

    if (error)
        return error;
    error = message_header_check(&args.header, IPC_MESSAGE_MAX);
    if (error)
        return error;
    if (args.header.cap_count != 0 || args.timeout != IPC_TIMEOUT_NONE)
        return -IPC_ERR_INVALID_ARGUMENT;
    *header = args.header;
    *payload = kmalloc(args.header.length ? args.header.length : 1);
    if (!*payload)
        return -IPC_ERR_NO_MEMORY;
    error = ipc_copy_in(*payload, (const void *)args.payload, args.header.length);
    if (error)
        kfree(*payload);
    return error;
}

long sys_broadcast_publish(uint64_t token, const struct ipc_send_args *user_args)
{
    struct ipc_process *self = ipc_caller();
    struct broadcast *broadcast;
    struct ipc_msg_header header;
    void *payload;
    int result = lookup_broadcast(self, token, IPC_RIGHT_SEND, &broadcast);

    if (!result)
        result = copy_message_in(user_args, &header, &payload);
    if (result)
        return result;
    result =
        broadcast_publish(broadcast, &header, payload, (uint32_t)self->process->pid, BROADCAST_ALL_TOPICS);
    kfree(payload);
    return result;
}

long sys_broadcast_stats(uint64_t token, uint64_t port_token, struct ipc_broadcast_stats *user_stats)
{
    struct ipc_process *self = ipc_caller();
    struct ipc_broadcast_stats stats;
    struct broadcast *broadcast;
    struct ipc_object *port;
    int error = lookup_broadcast(self, token, 0, &broadcast);

    if (!error)
        error = lookup_port(self, port_token, 0, true, &port);
    if (!error)
        error = broadcast_stats(broadcast, self, port, &stats);
    return error ? error : ipc_copy_out(user_stats, &stats, sizeof(stats));
}

long sys_system_subscribe(uint64_t port_token, uint32_t mask)
{
    struct ipc_process *self = ipc_caller();
    struct ipc_object *port;
    int error = lookup_port(self, port_token, mask ? IPC_RIGHT_SEND : 0, false, &port);

    return error ? error : system_endpoint_subscribe(self, port, mask);
}

long sys_system_stats(uint64_t port_token, struct ipc_broadcast_stats *user_stats)
{
    struct ipc_process *self = ipc_caller();
    struct ipc_broadcast_stats stats;
    struct ipc_object *port;
    int error = lookup_port(self, port_token, 0, true, &port);

    if (!error)
        error = system_endpoint_stats(self, port, &stats);
    return error ? error : ipc_copy_out(user_stats, &stats, sizeof(stats));
}
