/*
 * freeworld_channel.c - FreeWorld channels: the list of names, creating
 * and opening, each endpoint's object, and what its going away does (see
 * freeworld.h for the lifetime rules).
 *
 * Layer: native IPC. A socket's inboxes and a queue are ports held by the
 * kernel alone (port_create with no quota account: IPC_CHANNELS_MAX and
 * the capability quota bound them), closed with port_close when their
 * endpoint or channel goes; a pipe is a stream whose ends the endpoints
 * are. Nothing here sleeps.
 */
#include "ipc/freeworld.h"
#include "ipc/port.h"
#include "ipc/stream.h"
#include "lib/string.h"
#include "mm/heap.h"

_Static_assert(IPC_OBJECT_FREEWORLD == IPC_KIND_FREEWORLD,
               "user space sees an endpoint's kind as IPC_KIND_FREEWORLD");

static struct list_node named_channels = {&named_channels, &named_channels};
static uint32_t channels_alive; /* named or not: at most IPC_CHANNELS_MAX */

static void endpoint_release(struct ipc_object *object);

static const struct ipc_object_type endpoint_type = {
    .kind = IPC_OBJECT_FREEWORLD,
    .release = endpoint_release,
};

uint16_t freeworld_rights_of(uint32_t mode)
{
    return (uint16_t)(((mode & IPC_MODE_WRITE) ? IPC_RIGHT_SEND : 0) |
                      ((mode & IPC_MODE_READ) ? IPC_RIGHT_RECEIVE : 0));
}

static unsigned stream_sides_of(uint32_t mode)
{
    return ((mode & IPC_MODE_READ) ? STREAM_READ : 0) | ((mode & IPC_MODE_WRITE) ? STREAM_WRITE : 0);
}

static struct freeworld_channel *find_named(const char *name, size_t length)
{
    list_for_each(node, &named_channels) {
        struct freeworld_channel *channel = list_entry(node, struct freeworld_channel, link);
        if (channel->name_length == length && memcmp(channel->name, name, length) == 0)
            return channel;
    }
    return NULL;
}

/* port_close is for an open port only: its waiters are failed once. */
static void close_port(struct port *port)
{
    if (!port->closed)
        port_close(port);
}

/* --- Channels --- */

static void channel_free(struct freeworld_channel *channel)
{
    if (channel->queue) {
        close_port(channel->queue);
        ipc_object_put(&channel->queue->object);
    }
    if (channel->stream)
        ipc_object_put(&channel->stream->object);
    channels_alive--;
    kfree(channel);
}

/* A channel with no endpoint yet, named and counted. */
static int channel_create(const char *name, size_t length, uint32_t type, uint32_t depth, uint32_t pid,
                          struct freeworld_channel **out)
{
    struct freeworld_channel *channel;
    int error = 0;

    if (channels_alive >= IPC_CHANNELS_MAX)
        return -IPC_ERR_QUOTA;
    if ((channel = kzalloc(sizeof(*channel))) == NULL)
        return -IPC_ERR_NO_MEMORY;
    if (type == IPC_TYPE_QUEUE)
        error = port_create(depth, pid, NULL, &channel->queue);
    else if (type == IPC_TYPE_PIPE)
        error = stream_create(pid, &channel->stream);
    if (error) {
        kfree(channel);
        return error;
    }
    channel->type = type;
    channel->depth = depth;
    channel->server_pid = pid;
    list_init(&channel->clients);
    memcpy(channel->name, name, length);
    channel->name_length = (uint32_t)length;
    channel->named = true;
    list_push_back(&named_channels, &channel->link);
    channels_alive++;
    *out = channel;
    return IPC_OK;
}

/* The name is gone: wake the sides nobody can serve any more (their
 * queues are empty; a side with messages left is told by
 * freeworld_receive_hung_up once it has taken them). */
static void channel_hang_up(struct freeworld_channel *channel)
{
    if (channel->named)
        return;
    if (channel->type == IPC_TYPE_SOCKET && channel->server == NULL) {
        list_for_each(node, &channel->clients) {
            struct freeworld_endpoint *client = list_entry(node, struct freeworld_endpoint, link);
            if (client->inbox->queue.depth == 0)
                close_port(client->inbox);
        }
    }
    if (channel->type == IPC_TYPE_QUEUE &&
        (channel->readers == 0 || (channel->writers == 0 && channel->queue->queue.depth == 0)))
        close_port(channel->queue);
}

bool freeworld_receive_hung_up(const struct freeworld_endpoint *endpoint)
{
    const struct freeworld_channel *channel = endpoint->channel;

    if (channel->named)
        return false;
    if (channel->type == IPC_TYPE_SOCKET)
        return channel->server == NULL && endpoint->inbox->queue.depth == 0;
    if (channel->type == IPC_TYPE_QUEUE)
        return channel->writers == 0 && channel->queue->queue.depth == 0;
    return false; /* a pipe's stream answers the end of the stream itself */
}

/* --- Endpoints --- */

static int endpoint_attach(struct freeworld_channel *channel, uint32_t mode, uint32_t pid, bool creator,
                           struct freeworld_endpoint **out)
{
    struct freeworld_endpoint *endpoint = kzalloc(sizeof(*endpoint));
    bool has_inbox = channel->type == IPC_TYPE_SOCKET && (creator || (mode & IPC_MODE_READ));

    if (!endpoint)
        return -IPC_ERR_NO_MEMORY;
    if (has_inbox && port_create(channel->depth, pid, NULL, &endpoint->inbox) < 0) {
        kfree(endpoint);
        return -IPC_ERR_NO_MEMORY;
    }
    ipc_object_init(&endpoint->object, &endpoint_type);
    list_init(&endpoint->link);
    endpoint->channel = channel;
    endpoint->pid = pid;
    endpoint->mode = mode;
    endpoint->creator = creator;
    channel->endpoints++;
    channel->readers += (mode & IPC_MODE_READ) ? 1 : 0;
    channel->writers += (mode & IPC_MODE_WRITE) ? 1 : 0;
    if (channel->stream)
        stream_open_end(channel->stream, stream_sides_of(mode));
    if (channel->type == IPC_TYPE_SOCKET && creator)
        channel->server = endpoint;
    else if (has_inbox)
        list_push_back(&channel->clients, &endpoint->link);
    *out = endpoint;
    return IPC_OK;
}

/* The endpoint's last capability went: undo endpoint_attach, let go of
 * the name if it is the creator's, wake whoever can no longer be served,
 * and free the channel with its last endpoint. */
static void endpoint_release(struct ipc_object *object)
{
    struct freeworld_endpoint *endpoint = freeworld_endpoint_of(object);
    struct freeworld_channel *channel = endpoint->channel;

    channel->readers -= (endpoint->mode & IPC_MODE_READ) ? 1 : 0;
    channel->writers -= (endpoint->mode & IPC_MODE_WRITE) ? 1 : 0;
    if (channel->stream)
        stream_close_end(channel->stream, stream_sides_of(endpoint->mode));
    if (channel->server == endpoint)
        channel->server = NULL;
    list_remove(&endpoint->link);
    if (endpoint->inbox) {
        close_port(endpoint->inbox);
        ipc_object_put(&endpoint->inbox->object);
    }
    if (endpoint->creator) {
        channel->named = false;
        list_remove(&channel->link);
    }
    channel_hang_up(channel);
    if (--channel->endpoints == 0)
        channel_free(channel);
    kfree(endpoint);
}

int freeworld_create(const char *name, size_t length, uint32_t type, uint32_t depth, uint32_t pid,
                     struct freeworld_endpoint **out)
{
    struct freeworld_channel *channel;
    int error;

    if (find_named(name, length))
        return -IPC_ERR_NAME_EXISTS;
    error = channel_create(name, length, type, depth, pid, &channel);
    if (error)
        return error;
    error = endpoint_attach(channel, IPC_MODE_READWRITE, pid, true, out);
    if (error) {
        list_remove(&channel->link);
        channel_free(channel);
    }
    return error;
}

int freeworld_open(const char *name, size_t length, uint32_t mode, uint32_t pid,
                   struct freeworld_endpoint **out)
{
    struct freeworld_channel *channel = find_named(name, length);

    if (!channel)
        return -IPC_ERR_NAME_NOT_FOUND;
    return endpoint_attach(channel, mode, pid, false, out);
}
