/*
 * unix_seqpacket.c - seqpacket sockets: making and connecting them,
 * sending and receiving records, the end of a connection, and their file
 * operations (see unix_seqpacket.h).
 *
 * Layer: POSIX, on unix_record.c and unix_listen.c.
 * Locking: system calls only, one CPU, no preemption in the kernel.
 */
#include "posix/unix_seqpacket.h"
#include "errno.h"
#include "ipc/port.h"
#include "proc/process.h"
#include "proc/signal.h"
#include "uapi/freeport/socket.h"

static const struct file_ops seqpacket_file_ops;

int unix_seqpacket_create(int flags, struct file **out)
{
    return unix_socket_open(FP_SOCK_SEQPACKET, flags, &seqpacket_file_ops, out);
}

int unix_seqpacket_pair(int flags, struct file *out[2])
{
    int error = unix_seqpacket_create(flags, &out[0]);

    if (error == 0 && (error = unix_seqpacket_create(flags, &out[1])) < 0)
        file_put(out[0]);
    if (error == 0)
        unix_socket_link(out[0]->private, out[1]->private);
    return error;
}

int unix_seqpacket_connect_new(struct unix_socket *socket, struct file **peer)
{
    int error = unix_seqpacket_create(0, peer);

    if (error == 0)
        unix_socket_link(socket, (*peer)->private);
    return error;
}

/* --- Records --- */

/* Sends fail at once: this end is done writing, or the peer is gone or
 * done reading. */
static bool sending_ended(const struct unix_socket *socket)
{
    return !socket->writing || socket->peer->closed || !socket->peer->reading;
}

long unix_seqpacket_send(struct file *file, const struct socket_message *message, int msg_flags)
{
    struct unix_socket *socket = file->private;
    bool nonblocking = (file->flags & FP_O_NONBLOCK) || (msg_flags & FP_MSG_DONTWAIT);
    long result = -EPIPE;

    if (socket->state != UNIX_SOCKET_CONNECTED)
        return -ENOTCONN;
    if (!sending_ended(socket))
        result = unix_record_send(socket, socket->peer, message, nonblocking, EPIPE);
    if (result == -EPIPE && !(msg_flags & FP_MSG_NOSIGNAL))
        signal_send(process_current(), FP_SIGPIPE);
    return result;
}

/* No record will come: this end is done reading, or the peer is gone or
 * done writing. */
static bool receiving_ended(const struct unix_socket *socket)
{
    return !socket->reading || socket->peer->closed || !socket->peer->writing;
}

long unix_seqpacket_receive(struct file *file, struct socket_message *message, int msg_flags)
{
    struct unix_socket *socket = file->private;
    bool nonblocking = (file->flags & FP_O_NONBLOCK) || (msg_flags & FP_MSG_DONTWAIT);

    if (socket->state != UNIX_SOCKET_CONNECTED)
        return -ENOTCONN;
    return unix_record_receive(socket, message, msg_flags, nonblocking, receiving_ended);
}

/* Shutting down reading closes this socket's port (the peer's sends fail
 * with EPIPE, waiting ones too); shutting down writing leaves the peer an
 * end mark, which wakes its receivers and pollers. */
void unix_seqpacket_shutdown(struct unix_socket *socket, int how)
{
    if (how != FP_SHUT_WR && socket->reading) {
        socket->reading = false;
        unix_record_stop(socket);
    }
    if (how != FP_SHUT_RD && socket->writing) {
        socket->writing = false;
        if (!socket->peer->closed)
            unix_record_send_end(socket->peer);
    }
}

/* --- File operations --- */

/* The peer learns at once: this port closes, which wakes its pollers and
 * fails its waiting senders, and its receivers are woken to see the end
 * once they have read what is queued. */
static void seqpacket_close(struct file *file)
{
    unix_socket_release(file->private);
}

/* Connected: POLLIN with a record queued or at the end, POLLOUT while a
 * send would not wait (or fails at once), POLLHUP once neither direction
 * can carry anything. The wait is on this socket's port (records, its own
 * shutdown, end marks) and the peer's (room; closed when the peer closes
 * or shuts down reading). */
static int seqpacket_poll(struct file *file, int wanted, struct file_poll_wait *wait)
{
    struct unix_socket *socket = file->private;
    int events = 0;

    if (socket->state != UNIX_SOCKET_CONNECTED)
        return unix_socket_poll_unconnected(socket, wait);
    if (unix_record_queued(socket) || receiving_ended(socket))
        events |= FP_POLLIN;
    if (sending_ended(socket) || unix_record_has_room(socket->peer))
        events |= FP_POLLOUT;
    if (receiving_ended(socket) && sending_ended(socket))
        events |= FP_POLLHUP;
    wait->object = &socket->queue->object;
    wait->events = IPC_EVENT_READABLE;
    if (!socket->peer->closed) {
        wait->also_object = &socket->peer->queue->object;
        wait->also_events = (wanted & FP_POLLOUT) ? IPC_EVENT_WRITABLE : IPC_EVENT_PEER_CLOSED;
    }
    return events;
}

static const struct file_ops seqpacket_file_ops = {
    .read = unix_socket_file_read,
    .write = unix_socket_file_write,
    .ioctl = unix_record_ioctl,
    .close = seqpacket_close,
    .poll = seqpacket_poll,
};
