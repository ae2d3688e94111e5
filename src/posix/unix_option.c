/*
 * unix_option.c - getsockopt and setsockopt at SOL_SOCKET (see
 * unix_option.h for what each option means per type).
 *
 * Layer: POSIX. Changing a record queue's byte limit lets the senders
 * waiting on it look again.
 */
#include "posix/unix_option.h"
#include "errno.h"
#include "ipc/port.h"
#include "ipc/stream.h"
#include "posix/unix_record.h"

static bool has_records(const struct unix_socket *socket)
{
    return socket->type != FP_SOCK_STREAM;
}

static int32_t send_buffer(const struct unix_socket *socket)
{
    return has_records(socket) ? (int32_t)socket->record_limit : STREAM_CAPACITY;
}

static int32_t receive_buffer(const struct unix_socket *socket)
{
    return has_records(socket) ? (int32_t)socket->queue->queue.byte_limit : STREAM_CAPACITY;
}

int unix_option_get(const struct unix_socket *socket, int level, int name, union unix_option_value *value,
                    uint32_t *size)
{
    *size = sizeof(value->number);
    if (level != FP_SOL_SOCKET)
        return -ENOPROTOOPT;
    switch (name) {
    case FP_SO_TYPE: value->number = socket->type; return 0;
    case FP_SO_ERROR: value->number = 0; return 0;
    case FP_SO_ACCEPTCONN: value->number = socket->state == UNIX_SOCKET_LISTENING; return 0;
    case FP_SO_SNDBUF: value->number = send_buffer(socket); return 0;
    case FP_SO_RCVBUF: value->number = receive_buffer(socket); return 0;
    case FP_SO_PEERCRED:
        if (socket->state != UNIX_SOCKET_CONNECTED)
            return -ENOTCONN;
        value->credentials = (struct freeport_ucred){.pid = socket->peer_pid};
        *size = sizeof(value->credentials);
        return 0;
    default: return -ENOPROTOOPT;
    }
}

static uint32_t clamp(int32_t value, uint32_t low, uint32_t high)
{
    return value < (int32_t)low ? low : (uint32_t)value > high ? high : (uint32_t)value;
}

int unix_option_set(struct unix_socket *socket, int level, int name, int32_t value)
{
    if (level != FP_SOL_SOCKET || (name != FP_SO_SNDBUF && name != FP_SO_RCVBUF))
        return -ENOPROTOOPT;
    if (value < 0)
        return -EINVAL;
    if (!has_records(socket))
        return 0; /* a stream's ring has one size */
    if (name == FP_SO_SNDBUF) {
        socket->record_limit = clamp(value, 1, UNIX_RECORD_MAX);
        return 0;
    }
    socket->queue->queue.byte_limit = clamp(value, UNIX_OPTION_RCVBUF_MIN, UNIX_OPTION_RCVBUF_MAX);
    port_wake_waiters(socket->queue);
    return 0;
}
