/*
 * unix_dgram.c - datagram sockets: making them, finding a destination,
 * sending and receiving one record, shutdown, and their file operations
 * (see unix_dgram.h for the design).
 *
 * Layer: POSIX, on unix_record.c. A send holds a reference on the
 * destination's struct for its whole length, so the destination closing
 * meanwhile only fails it (ECONNREFUSED).
 * Locking: system calls only, one CPU, no preemption in the kernel.
 */
#include "posix/unix_dgram.h"
#include "errno.h"
#include "fs/path.h"
#include "ipc/port.h"
#include "mm/heap.h"
#include "posix/unix_listen.h"
#include "proc/process.h"
#include "proc/signal.h"
#include "uapi/freeport/socket.h"

/* --- Receiving --- */

/* No datagram will come once the socket is shut down for reading. */
static bool reading_ended(const struct unix_socket *socket)
{
    return !socket->reading;
}

long unix_dgram_receive(struct file *file, struct socket_message *message, int msg_flags)
{
    bool nonblocking = (file->flags & FP_O_NONBLOCK) || (msg_flags & FP_MSG_DONTWAIT);

    return unix_record_receive(file->private, message, msg_flags, nonblocking, reading_ended);
}

/* --- Sending --- */

/* The datagram socket bound at `path`, with a reference for the caller:
 * 0, the path's errors, -ECONNREFUSED, -EPROTOTYPE. */
static int find_destination(const char *path, struct unix_socket **out)
{
    struct vnode *vnode;
    int error = path_resolve(path, &vnode);

    if (error)
        return error;
    struct unix_socket *found = vnode->type == VNODE_SOCKET ? vnode->bound_socket : NULL;
    if (found == NULL)
        error = -ECONNREFUSED;
    else if (found->type != FP_SOCK_DGRAM)
        error = -EPROTOTYPE;
    else
        unix_socket_get(found);
    vnode_put(vnode);
    *out = error ? NULL : found;
    return error;
}

/* Refused before anything is built: closed, or connected to another. */
static long deliver(struct unix_socket *sender, struct unix_socket *destination,
                    const struct socket_message *message, bool nonblocking)
{
    if (destination->peer != NULL && destination->peer != sender && !destination->closed)
        return -EPERM;
    return unix_record_send(sender, destination, message, nonblocking, ECONNREFUSED);
}

long unix_dgram_send(struct file *file, const struct socket_message *message, int msg_flags)
{
    struct unix_socket *socket = file->private, *destination = socket->peer;
    bool nonblocking = (file->flags & FP_O_NONBLOCK) || (msg_flags & FP_MSG_DONTWAIT);
    long result = 0;

    if (!socket->writing) {
        if (!(msg_flags & FP_MSG_NOSIGNAL))
            signal_send(process_current(), FP_SIGPIPE);
        return -EPIPE;
    }
    if (message->to)
        result = find_destination(message->to, &destination);
    else if (destination == NULL)
        return -ENOTCONN;
    else
        unix_socket_get(destination);
    if (result == 0) {
        result = deliver(socket, destination, message, nonblocking);
        unix_socket_put(destination);
    }
    return result;
}

/* --- Making, connecting, shutting down --- */

static const struct file_ops dgram_file_ops;

int unix_dgram_create(int flags, struct file **out)
{
    return unix_socket_open(FP_SOCK_DGRAM, flags, &dgram_file_ops, out);
}

/* `socket` sends to `peer` by default and receives only from it. */
static void set_peer(struct unix_socket *socket, struct unix_socket *peer, char *peer_name)
{
    if (socket->peer)
        unix_socket_put(socket->peer);
    kfree(socket->peer_name);
    unix_socket_get(peer);
    socket->peer = peer;
    socket->peer_name = peer_name;
    socket->peer_pid = peer->pid;
    socket->state = UNIX_SOCKET_CONNECTED;
}

int unix_dgram_pair(int flags, struct file *out[2])
{
    int error = unix_dgram_create(flags, &out[0]);

    if (error == 0 && (error = unix_dgram_create(flags, &out[1])) < 0)
        file_put(out[0]);
    if (error == 0) {
        set_peer(out[0]->private, out[1]->private, NULL);
        set_peer(out[1]->private, out[0]->private, NULL);
    }
    return error;
}

int unix_dgram_connect(struct unix_socket *socket, const char *path)
{
    struct unix_socket *peer;
    char *peer_name;
    int error = find_destination(path, &peer);

    if (error)
        return error;
    error = unix_socket_copy_name(peer->name, &peer_name);
    if (error == 0)
        set_peer(socket, peer, peer_name);
    unix_socket_put(peer);
    return error;
}

void unix_dgram_shutdown(struct unix_socket *socket, int how)
{
    if (how != FP_SHUT_WR && socket->reading) {
        socket->reading = false;
        unix_record_stop(socket);
    }
    if (how != FP_SHUT_RD)
        socket->writing = false;
}

/* --- File operations --- */

static void dgram_close(struct file *file)
{
    unix_socket_release(file->private);
}

/* Can a datagram be sent now? Unconnected: always (each destination is
 * checked when sent to); connected: while the peer's queue has room. */
static bool can_send(const struct unix_socket *socket)
{
    const struct unix_socket *peer = socket->peer;

    if (!socket->writing || peer == NULL || peer->closed)
        return true; /* the send fails at once: POLLOUT, as Linux says */
    return unix_record_has_room(peer);
}

/* POLLIN with a datagram queued (or shut down for reading: the port is
 * closed, which wakes the wait), POLLOUT while a send would not wait. The
 * wait is on this socket's port, and on the connected peer's for room. */
static int dgram_poll(struct file *file, int wanted, struct file_poll_wait *wait)
{
    struct unix_socket *socket = file->private;
    int events = 0;

    if (unix_record_queued(socket) || !socket->reading)
        events |= FP_POLLIN;
    if (can_send(socket))
        events |= FP_POLLOUT;
    wait->object = &socket->queue->object;
    wait->events = IPC_EVENT_READABLE;
    if ((wanted & FP_POLLOUT) && socket->peer && !socket->peer->closed) {
        wait->also_object = &socket->peer->queue->object;
        wait->also_events = IPC_EVENT_WRITABLE;
    }
    return events;
}

static const struct file_ops dgram_file_ops = {
    .read = unix_socket_file_read,
    .write = unix_socket_file_write,
    .ioctl = unix_record_ioctl,
    .close = dgram_close,
    .poll = dgram_poll,
};
