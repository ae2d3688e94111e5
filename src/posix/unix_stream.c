/*
 * unix_stream.c - stream sockets: making and connecting them, sending
 * and receiving bytes, shutdown, and their file operations (see
 * unix_stream.h).
 *
 * Layer: POSIX, on ipc/stream.c and unix_stream_rights.c. The stream
 * copies with usercopy itself, so a socket hands it the user's buffers,
 * as a pipe's read and write do.
 * Locking: system calls only, one CPU, no preemption in the kernel.
 */
#include "posix/unix_stream.h"
#include "errno.h"
#include "ipc/port.h"
#include "ipc/stream.h"
#include "posix/errno_map.h"
#include "posix/unix_record.h"
#include "posix/unix_stream_rights.h"
#include "proc/process.h"
#include "proc/signal.h"
#include "uapi/freeport/abi.h"
#include "uapi/freeport/socket.h"

#define IO_MAX 0x7ffff000 /* one buffer moves at most this, as read and write */

static const struct file_ops stream_file_ops;

int unix_stream_create(int flags, struct file **out)
{
    return unix_socket_open(FP_SOCK_STREAM, flags, &stream_file_ops, out);
}

/* Commit: `socket` reads `in` and writes `out` (taking references). */
static void connect_streams(struct unix_socket *socket, struct stream *in, struct stream *out)
{
    socket->in = in;
    socket->out = out;
    ipc_object_get(&in->object);
    ipc_object_get(&out->object);
    stream_open_end(in, STREAM_READ);
    stream_open_end(out, STREAM_WRITE);
}

/* Commit: `one` and `other` are connected, each writing what the other
 * reads; the creator's references on the streams are dropped. */
static void connect_both(struct unix_socket *one, struct unix_socket *other, struct stream *streams[2])
{
    connect_streams(one, streams[1], streams[0]);
    connect_streams(other, streams[0], streams[1]);
    unix_socket_link(one, other);
}

/* The two streams of a connection, one per direction: 0 or -ENOMEM (the
 * one made, if any, is in streams[] for put_streams). */
static int make_streams(struct stream *streams[2])
{
    uint32_t owner = process_current() ? (uint32_t)process_current()->pid : 0;
    int error = (int)posix_result(stream_create(owner, &streams[0]));

    if (error == 0)
        error = (int)posix_result(stream_create(owner, &streams[1]));
    return error;
}

/* Drop the creator's references: the sockets hold their own. */
static void put_streams(struct stream *streams[2])
{
    for (int i = 0; i < 2; i++)
        if (streams[i])
            ipc_object_put(&streams[i]->object);
}

int unix_stream_pair(int flags, struct file *out[2])
{
    struct stream *streams[2] = {NULL, NULL};
    int error = make_streams(streams);

    if (error == 0)
        error = unix_stream_create(flags, &out[0]);
    if (error == 0 && (error = unix_stream_create(flags, &out[1])) < 0)
        file_put(out[0]);
    if (error == 0)
        connect_both(out[0]->private, out[1]->private, streams);
    put_streams(streams);
    return error;
}

int unix_stream_connect_new(struct unix_socket *socket, struct file **peer)
{
    struct stream *streams[2] = {NULL, NULL};
    int error = make_streams(streams);

    if (error == 0)
        error = unix_stream_create(0, peer);
    if (error == 0)
        connect_both(socket, (*peer)->private, streams);
    put_streams(streams);
    return error;
}

/* --- Sending --- */

/* The buffers from byte `skip` on, in turn; a short write ends the call.
 * `done` bytes went before (with the descriptors). */
static long send_parts(struct unix_socket *socket, const struct socket_io *io, size_t skip, long done,
                       bool nonblocking)
{
    for (uint32_t index = 0; index < io->count; index++) {
        const struct freeport_iovec *part = &io->parts[index];
        if (skip >= part->length) {
            skip -= part->length;
            continue;
        }
        size_t length = part->length - skip < IO_MAX ? part->length - skip : IO_MAX;
        const char *buffer = (const char *)(uintptr_t)part->base + skip;
        long moved =
            socket->writing ? stream_write(socket->out, buffer, length, nonblocking) : -IPC_ERR_PEER_CLOSED;
        skip = 0;
        if (moved < 0)
            return done > 0 ? done : (moved == -IPC_ERR_PEER_CLOSED ? -EPIPE : posix_result(moved));
        done += moved;
        if ((size_t)moved < length)
            break;
    }
    return done;
}

/* The first bytes of the message (of its first non-empty buffer) with its
 * descriptors: how many went, or -errno. No bytes: the descriptors have
 * nothing to ride and are not sent, as on Linux. */
static long send_rights(struct unix_socket *socket, const struct socket_message *message, bool nonblocking)
{
    for (uint32_t index = 0; index < message->io.count; index++) {
        const struct freeport_iovec *part = &message->io.parts[index];
        if (part->length > 0)
            return unix_stream_rights_send(socket, (const void *)(uintptr_t)part->base, part->length,
                                           message->rights, nonblocking);
    }
    return 0;
}

long unix_stream_send(struct file *file, const struct socket_message *message, int msg_flags)
{
    struct unix_socket *socket = file->private;
    bool nonblocking = (file->flags & FP_O_NONBLOCK) || (msg_flags & FP_MSG_DONTWAIT);
    long done = 0;

    if (socket->state != UNIX_SOCKET_CONNECTED)
        return -ENOTCONN;
    if (message->rights)
        done = send_rights(socket, message, nonblocking);
    if (done >= 0)
        done = send_parts(socket, &message->io, (size_t)done, done, nonblocking);
    if (done == -EPIPE && !(msg_flags & FP_MSG_NOSIGNAL))
        signal_send(process_current(), FP_SIGPIPE); /* its default action ends the process */
    return done;
}

/* --- Receiving --- */

/* Up to `limit` bytes into the buffers in turn, without waiting (the
 * bytes are there); a short read ends the call, a peek fills the first
 * buffer only. */
static long receive_parts(struct unix_socket *socket, const struct socket_io *io, size_t limit, bool peek)
{
    long done = 0;

    for (uint32_t index = 0; index < io->count && (size_t)done < limit; index++) {
        const struct freeport_iovec *part = &io->parts[index];
        size_t length = part->length < limit - (size_t)done ? part->length : limit - (size_t)done;
        void *buffer = (void *)(uintptr_t)part->base;
        length = length < IO_MAX ? length : IO_MAX;
        long moved = peek ? stream_peek(socket->in, buffer, length, true)
                          : stream_read(socket->in, buffer, length, true);
        if (moved < 0)
            return done > 0 ? done : posix_result(moved);
        done += moved;
        if ((size_t)moved < length || peek)
            break;
    }
    return done;
}

long unix_stream_receive(struct file *file, struct socket_message *message, int msg_flags)
{
    struct unix_socket *socket = file->private;
    bool nonblocking = (file->flags & FP_O_NONBLOCK) || (msg_flags & FP_MSG_DONTWAIT);
    bool peek = msg_flags & FP_MSG_PEEK, here;

    if (socket->state != UNIX_SOCKET_CONNECTED)
        return -ENOTCONN;
    if (!socket->reading || message->io.length == 0)
        return 0;
    int ready = stream_wait_for_bytes(socket->in, nonblocking);
    if (ready <= 0)
        return posix_result(ready);
    /* From here on nothing sleeps: the bytes, and the tags of any
     * descriptors sent with them, stay as they are. */
    size_t limit = unix_stream_rights_limit(socket, &here);
    long moved = receive_parts(socket, &message->io, limit, peek);
    if (moved > 0 && here)
        message->rights = unix_stream_rights_take(socket, peek);
    return moved;
}

void unix_stream_shutdown(struct unix_socket *socket, int how)
{
    if (how != FP_SHUT_WR && socket->reading) {
        socket->reading = false;
        stream_close_end(socket->in, STREAM_READ);
    }
    if (how != FP_SHUT_RD && socket->writing) {
        socket->writing = false;
        stream_close_end(socket->out, STREAM_WRITE);
    }
}

/* --- File operations --- */

static int stream_ioctl(struct file *file, unsigned long request, void *argument)
{
    struct unix_socket *socket = file->private;

    if (request != FP_FIONREAD)
        return -ENOTTY;
    *(int32_t *)argument = socket->in ? (int32_t)stream_available(socket->in) : 0;
    return 0;
}

static void stream_close(struct file *file)
{
    struct unix_socket *socket = file->private;

    if (socket->state == UNIX_SOCKET_CONNECTED) {
        unix_stream_shutdown(socket, FP_SHUT_RDWR);
        ipc_object_put(&socket->in->object);
        ipc_object_put(&socket->out->object);
    }
    unix_socket_release(socket);
}

/* Connected, as Linux: POLLIN with bytes to read or at the end; POLLOUT
 * with room for an atomic write (or when a write would fail at once);
 * POLLHUP once neither direction can carry anything. Every change of
 * these comes with a notification of one of the two streams, which the
 * wait watches. */
static int stream_poll(struct file *file, int wanted, struct file_poll_wait *wait)
{
    struct unix_socket *socket = file->private;
    int events = 0;

    if (socket->state != UNIX_SOCKET_CONNECTED)
        return unix_socket_poll_unconnected(socket, wait);
    bool read_ended = !socket->reading || socket->in->write.ends == 0;
    bool write_ended = !socket->writing || socket->out->read.ends == 0;
    if (stream_available(socket->in) > 0 || read_ended)
        events |= FP_POLLIN;
    if (write_ended || byte_ring_room(&socket->out->ring) >= STREAM_ATOMIC_MAX)
        events |= FP_POLLOUT;
    if (read_ended && write_ended)
        events |= FP_POLLHUP;
    wait->object = &socket->in->object;
    wait->events = IPC_EVENT_PEER_CLOSED | ((wanted & FP_POLLIN) ? IPC_EVENT_READABLE : 0);
    wait->also_object = &socket->out->object;
    wait->also_events = IPC_EVENT_PEER_CLOSED | ((wanted & FP_POLLOUT) ? IPC_EVENT_WRITABLE : 0);
    return events;
}

static const struct file_ops stream_file_ops = {
    .read = unix_socket_file_read,
    .write = unix_socket_file_write,
    .ioctl = stream_ioctl,
    .close = stream_close,
    .poll = stream_poll,
};
