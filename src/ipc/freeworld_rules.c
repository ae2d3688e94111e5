/*
 * freeworld_rules.c - the checks and routing of FreeWorld's channel calls
 * (see freeworld_rules.h).
 *
 * Layer: native IPC (pure).
 */
#include "ipc/freeworld_rules.h"
#include "uapi/freeport/freeworld_abi.h"
#include "uapi/freeport/ipc.h"

_Static_assert(IPC_CHANNEL_NAME_MAX == IPC_NAME_MAX, "a channel name is a native name's length");
_Static_assert(IPC_CHANNEL_PRIORITY_MAX == IPC_PRIORITY_LEVELS - 1, "channel priorities are a port's");
_Static_assert(IPC_CHANNEL_BUFFER_MAX / IPC_MESSAGE_PAYLOAD_MAX == IPC_PORT_DEPTH_MAX,
               "the largest buffer is the deepest port");

int freeworld_check_create(uint32_t type, uint32_t buffer_size, uint32_t *depth)
{
    switch (type) {
    case IPC_TYPE_PIPE:
        *depth = 0;
        return buffer_size <= IPC_PIPE_BUFFER_MAX ? IPC_OK : -IPC_ERR_INVALID_ARGUMENT;
    case IPC_TYPE_SOCKET:
    case IPC_TYPE_QUEUE:
        if (buffer_size > IPC_CHANNEL_BUFFER_MAX)
            return -IPC_ERR_INVALID_ARGUMENT;
        *depth = buffer_size == 0 ? IPC_PORT_DEPTH_DEFAULT
                                  : (buffer_size + IPC_MESSAGE_PAYLOAD_MAX - 1) / IPC_MESSAGE_PAYLOAD_MAX;
        return IPC_OK;
    default: return -IPC_ERR_INVALID_ARGUMENT;
    }
}

int freeworld_check_name(size_t length)
{
    if (length == 0)
        return -IPC_ERR_INVALID_ARGUMENT;
    return length <= IPC_CHANNEL_NAME_MAX ? IPC_OK : -IPC_ERR_TOO_LARGE;
}

int freeworld_check_mode(uint32_t mode)
{
    return mode != 0 && (mode & ~IPC_MODE_READWRITE) == 0 ? IPC_OK : -IPC_ERR_INVALID_ARGUMENT;
}

int freeworld_route_of(uint32_t type, bool from_server, uint32_t server_pid,
                       const struct freeworld_message *send)
{
    if (send->size > IPC_MESSAGE_PAYLOAD_MAX)
        return -IPC_ERR_TOO_LARGE;
    if (send->priority > IPC_CHANNEL_PRIORITY_MAX)
        return -IPC_ERR_INVALID_ARGUMENT;
    if (type != IPC_TYPE_SOCKET)
        return send->receiver == 0 ? FREEWORLD_ROUTE_CHANNEL : -IPC_ERR_INVALID_ARGUMENT;
    if (from_server)
        return send->receiver == 0 ? FREEWORLD_ROUTE_ALL : FREEWORLD_ROUTE_ONE;
    if (send->receiver != 0 && send->receiver != server_pid)
        return -IPC_ERR_INVALID_ARGUMENT;
    return FREEWORLD_ROUTE_SERVER;
}
