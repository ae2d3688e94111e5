/*
 * freeworld_transfer.c - ipc_send and ipc_receive on FreeWorld channels:
 * each message or run of bytes goes where freeworld_route_of says,
 * through the native object under the channel (see freeworld.h).
 *
 * Layer: native IPC. Messages take the ports' own paths - port_send_args
 * (the fast path to a waiting receiver, or the queue; the kernel stamps
 * the sender's pid) and port_receive - and bytes the stream's. Each port
 * is referenced while a call may sleep on it, so the endpoint that owns
 * it can go meanwhile (its waiters then get IPC_ERR_PEER_CLOSED).
 */
#include "ipc/freeworld.h"
#include "ipc/ipc_process.h"
#include "ipc/ipc_wait.h"
#include "ipc/port.h"
#include "ipc/stream.h"
#include "proc/process.h"
#include "proc/usercopy.h"

/* One message from the user's buffer to `port`, waiting while it is full. */
static long send_to(struct port *port, struct cap_table *table, const void *user_buffer,
                    const struct freeworld_message *message)
{
    struct ipc_send_args args = {
        .header = {.type = message->type, .length = message->size, .priority = (uint8_t)message->priority},
        .payload = (uint64_t)user_buffer,
        .timeout = IPC_TIMEOUT_FOREVER,
    };
    int error;

    ipc_object_get(&port->object);
    error = port_send_args(port, &args, table, 0, 0, IPC_DEADLINE_NEVER);
    ipc_object_put(&port->object);
    return error ? error : (long)message->size;
}

/* A server's broadcast: a copy into every client's inbox, never waiting,
 * stamped with the server's pid. */
static long send_to_all(struct freeworld_channel *channel, const void *user_buffer,
                        const struct freeworld_message *message)
{
    struct ipc_msg_header header = {
        .type = message->type, .length = message->size, .priority = (uint8_t)message->priority};
    char payload[IPC_MESSAGE_PAYLOAD_MAX];

    if (copy_from_user(payload, user_buffer, message->size) < 0)
        return -IPC_ERR_FAULT;
    list_for_each(node, &channel->clients) {
        struct freeworld_endpoint *client = list_entry(node, struct freeworld_endpoint, link);
        (void)port_send_kernel(client->inbox, &header, payload,
                               channel->server_pid); /* refusals: counted as dropped */
    }
    return (long)message->size;
}

/* The earliest-opened client endpoint of process `pid` with an inbox. */
static struct freeworld_endpoint *client_of(struct freeworld_channel *channel, uint32_t pid)
{
    list_for_each(node, &channel->clients) {
        struct freeworld_endpoint *client = list_entry(node, struct freeworld_endpoint, link);
        if (client->pid == pid)
            return client;
    }
    return NULL;
}

long freeworld_send(struct freeworld_endpoint *endpoint, struct cap_table *table, const void *user_buffer,
                    const struct freeworld_message *message)
{
    struct freeworld_channel *channel = endpoint->channel;
    struct freeworld_endpoint *client;
    int route = freeworld_route_of(channel->type, endpoint == channel->server, channel->server_pid, message);

    switch (route) {
    case FREEWORLD_ROUTE_CHANNEL:
        if (channel->stream)
            return stream_write(channel->stream, user_buffer, message->size, false);
        return send_to(channel->queue, table, user_buffer, message);
    case FREEWORLD_ROUTE_SERVER:
        return channel->server ? send_to(channel->server->inbox, table, user_buffer, message)
                               : -IPC_ERR_PEER_CLOSED;
    case FREEWORLD_ROUTE_ONE:
        client = client_of(channel, message->receiver);
        return client ? send_to(client->inbox, table, user_buffer, message) : -IPC_ERR_PEER_CLOSED;
    case FREEWORLD_ROUTE_ALL: return send_to_all(channel, user_buffer, message);
    default: return route; /* refused: -IPC_ERR_* */
    }
}

/* A pipe's receive: the header is written (zeroed) first, so a bad header
 * address costs no bytes; then the bytes, then their count. */
static long receive_bytes(struct stream *stream, struct ipc_process *self, struct ipc_receive_args *user_args,
                          const struct ipc_receive_args *args)
{
    struct ipc_msg_header header = {0};
    long count;

    if (copy_to_user(&user_args->header, &header, sizeof(header)) < 0)
        return -IPC_ERR_FAULT;
    count = stream_read(stream, (void *)args->payload, args->capacity, args->timeout == IPC_TIMEOUT_NONE);
    if (count < 0)
        return count;
    header.length = (uint32_t)count;
    header.receiver_pid = (uint32_t)self->process->pid;
    /* Written a moment ago, and no other thread shares this memory: cannot fail. */
    (void)copy_to_user(&user_args->header, &header, sizeof(header));
    return count;
}

/* A message from `port` (a queue, or this endpoint's inbox). */
static long receive_message(struct port *port, struct ipc_process *self, struct ipc_receive_args *user_args,
                            const struct ipc_receive_args *args)
{
    struct delivery_target target = delivery_target_of(self, user_args, args);
    struct ipc_msg_header header;
    int error;

    ipc_object_get(&port->object);
    error = port_receive(port, &target, ipc_deadline(args->timeout));
    ipc_object_put(&port->object);
    if (error)
        return error;
    if (copy_from_user(&header, &user_args->header, sizeof(header)) < 0)
        return -IPC_ERR_FAULT;
    return header.length;
}

long freeworld_receive(struct freeworld_endpoint *endpoint, struct ipc_process *self,
                       struct ipc_receive_args *user_args)
{
    struct freeworld_channel *channel = endpoint->channel;
    struct ipc_receive_args args;

    if (copy_from_user(&args, user_args, sizeof(args)) < 0)
        return -IPC_ERR_FAULT;
    if (channel->stream)
        return receive_bytes(channel->stream, self, user_args, &args);
    if (freeworld_receive_hung_up(endpoint))
        return -IPC_ERR_PEER_CLOSED;
    return receive_message(channel->queue ? channel->queue : endpoint->inbox, self, user_args, &args);
}
