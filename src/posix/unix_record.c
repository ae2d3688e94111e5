/*
 * unix_record.c - records on ports for datagram and seqpacket sockets:
 * the receive queue, building and queueing a record, taking one (see
 * unix_record.h).
 *
 * Layer: POSIX, on native ports; a record is one struct ipc_message
 * built here with message_allocate.
 */
#include "posix/unix_record.h"
#include "errno.h"
#include "ipc/ipc_wait.h"
#include "ipc/port.h"
#include "lib/string.h"
#include "posix/errno_map.h"
#include "posix/file_rights.h"
#include "proc/process.h"
#include "proc/usercopy.h"
#include "uapi/freeport/abi.h"
#include "uapi/freeport/socket.h"

static uint32_t current_pid(void)
{
    struct process *process = process_current();

    return process ? (uint32_t)process->pid : 0;
}

int unix_record_open(struct unix_socket *socket)
{
    int error = (int)posix_result(port_create(UNIX_RECORD_QUEUE_DEPTH, current_pid(), NULL, &socket->queue));

    socket->reading = socket->writing = true;
    if (error == 0)
        socket->queue->queue.byte_limit = UNIX_RECORD_QUEUE_BYTES;
    return error;
}

void unix_record_stop(struct unix_socket *socket)
{
    if (!socket->queue->closed)
        port_close(socket->queue);
}

void unix_record_release(struct unix_socket *socket)
{
    if (socket->queue)
        ipc_object_put(&socket->queue->object);
}

void unix_record_send_end(struct unix_socket *destination)
{
    struct ipc_msg_header header = {.type = UNIX_RECORD_END};
    struct ipc_message *end;

    if (destination->queue->closed || unix_record_queued(destination))
        return; /* a closed queue sends no wake-ups; a reader with records will see the end after them */
    if (message_allocate(&header, &end) == IPC_OK)
        port_send_message(destination->queue, end, 0);
}

/* --- Sending --- */

/* Copy the user's buffers one after the other to `to`: 0 or -EFAULT. */
static int gather(char *to, const struct socket_io *io)
{
    for (uint32_t index = 0; index < io->count; index++) {
        const struct freeport_iovec *part = &io->parts[index];
        if (copy_from_user(to, (const void *)(uintptr_t)part->base, part->length) < 0)
            return -EFAULT;
        to += part->length;
    }
    return 0;
}

/* Copy `length` bytes from `from` across the user's buffers in turn:
 * 0 or -EFAULT. */
static int scatter(const struct socket_io *io, const char *from, size_t length)
{
    for (uint32_t index = 0; index < io->count && length > 0; index++) {
        const struct freeport_iovec *part = &io->parts[index];
        size_t chunk = part->length < length ? part->length : length;
        if (copy_to_user((void *)(uintptr_t)part->base, from, chunk) < 0)
            return -EFAULT;
        from += chunk;
        length -= chunk;
    }
    return 0;
}

/* One message holding the sender's name, the user's data and the rights:
 * 0, -EFAULT or -ENOMEM. */
static int build(const struct unix_socket *sender, const struct socket_message *sent_message,
                 struct ipc_message **out)
{
    const struct socket_io *io = &sent_message->io;
    uint32_t name_length = sender->name ? (uint32_t)strlen(sender->name) + 1 : 0;
    struct ipc_msg_header sent = {.type = name_length, .length = name_length + (uint32_t)io->length};
    struct ipc_msg_header header = message_header_make(&sent, current_pid(), 0, 0);
    int error = (int)posix_result(message_allocate(&header, out));

    if (error)
        return error;
    memcpy((*out)->payload, sender->name, name_length);
    error = gather((char *)(*out)->payload + name_length, io);
    if (error == 0 && sent_message->rights)
        error = file_rights_attach(*out, sent_message->rights);
    if (error)
        message_destroy(*out);
    return error;
}

long unix_record_send(const struct unix_socket *sender, struct unix_socket *destination,
                      const struct socket_message *sent, bool nonblocking, int closed_error)
{
    struct ipc_message *message;

    if (sent->io.length > sender->record_limit)
        return -EMSGSIZE;
    if (destination->closed)
        return -closed_error;
    int error = build(sender, sent, &message);
    if (error)
        return error;
    struct port *port = destination->queue;
    ipc_object_get(&port->object);
    error = port_send_message(port, message, nonblocking ? 0 : IPC_DEADLINE_NEVER);
    ipc_object_put(&port->object);
    if (error == -IPC_ERR_PEER_CLOSED)
        return -closed_error;
    return error ? posix_result(error) : (long)sent->io.length;
}

/* --- Receiving --- */

/* The next record, left queued, or why there is none. 0 with *message
 * NULL: none will come (the end: ended() says so, the port was closed by
 * a shutdown, or an end mark is first). */
static long next_record(struct unix_socket *socket, bool nonblocking,
                        bool (*ended)(const struct unix_socket *), struct ipc_message **message)
{
    for (;;) {
        bool end = ended(socket);
        int error = port_next_message(socket->queue, nonblocking || end ? 0 : IPC_DEADLINE_NEVER, message);
        if (*message && (*message)->header.type != UNIX_RECORD_END)
            return 0;
        if (*message || error == -IPC_ERR_PEER_CLOSED || (error == -IPC_ERR_EMPTY && end)) {
            *message = NULL;
            return 0;
        }
        if (error)
            return posix_result(error);
    }
}

long unix_record_receive(struct unix_socket *socket, struct socket_message *message, int msg_flags,
                         bool nonblocking, bool (*ended)(const struct unix_socket *socket))
{
    struct ipc_message *record;
    long error = next_record(socket, nonblocking, ended, &record);

    message->from[0] = '\0';
    if (error || record == NULL)
        return error;
    uint32_t name_length = record->header.type;
    size_t data_length = record->header.length - name_length;
    size_t copied = message->io.length < data_length ? message->io.length : data_length;
    if (scatter(&message->io, (const char *)record->payload + name_length, copied) < 0)
        return -EFAULT;
    memcpy(message->from, record->payload, name_length);
    if (copied < data_length)
        message->flags_out |= FP_MSG_TRUNC;
    if (record->header.cap_count)
        message->rights = file_rights_take(record->caps[0]);
    if (!(msg_flags & FP_MSG_PEEK)) {
        port_consume(socket->queue, record);
        message_destroy(record);
    }
    return (long)((msg_flags & FP_MSG_TRUNC) ? data_length : copied);
}

int unix_record_ioctl(struct file *file, unsigned long request, void *argument)
{
    const struct unix_socket *socket = file->private;
    const struct ipc_message *next = msg_queue_peek(&socket->queue->queue);

    if (request != FP_FIONREAD)
        return -ENOTTY;
    *(int32_t *)argument =
        next && next->header.type != UNIX_RECORD_END ? (int32_t)(next->header.length - next->header.type) : 0;
    return 0;
}

bool unix_record_queued(const struct unix_socket *socket)
{
    return socket->queue->queue.depth > 0;
}

bool unix_record_has_room(const struct unix_socket *socket)
{
    return msg_queue_has_room(&socket->queue->queue, 1);
}

void unix_record_wake(struct unix_socket *socket)
{
    port_wake_waiters(socket->queue);
}
