/*
 * unix_socket.c - Unix stream sockets: making them (alone, in pairs, or
 * as the server's end of a new connection), their file operations, send
 * and receive with MSG_* flags, shutdown and options (see unix_socket.h).
 *
 * Layer: POSIX, on ipc/stream.c. The stream copies with usercopy itself,
 * so a socket's read and write hand it the user's buffer, as a pipe's do.
 * Invariants: a CONNECTED socket holds one reference on each of `in` and
 * `out` from its connecting to its close, plus a read end on `in` while
 * `reading` and a write end on `out` while `writing`; both flags only go
 * from true to false (shutdown, then close drops what is left). Making a
 * connection allocates everything first and then commits, so a failure
 * leaves both sockets as they were.
 */
#include "posix/unix_socket.h"
#include "errno.h"
#include "ipc/stream.h"
#include "lib/string.h"
#include "mm/heap.h"
#include "posix/errno_map.h"
#include "posix/unix_listen.h"
#include "proc/process.h"
#include "proc/signal.h"
#include "uapi/freeport/ipc.h"
#include "uapi/freeport/socket.h"

#define SOCKET_DEVICE 4 /* stat's st_dev for unnamed sockets (anonymous pipes are 3) */

static uint64_t socket_next_ino = 1;

static long receive(struct unix_socket *socket, void *user_buffer, size_t length, bool nonblocking, bool peek)
{
    if (socket->state != UNIX_SOCKET_CONNECTED)
        return -ENOTCONN;
    if (!socket->reading)
        return 0;
    if (peek)
        return posix_result(stream_peek(socket->in, user_buffer, length, nonblocking));
    return posix_result(stream_read(socket->in, user_buffer, length, nonblocking));
}

/* A broken connection is EPIPE, and SIGPIPE to the sender unless it asked
 * for none (its default action ends the process). */
static long send(struct unix_socket *socket, const void *user_buffer, size_t length, bool nonblocking,
                 bool signal)
{
    long result = -IPC_ERR_PEER_CLOSED;

    if (socket->state != UNIX_SOCKET_CONNECTED)
        return -ENOTCONN;
    if (socket->writing)
        result = stream_write(socket->out, user_buffer, length, nonblocking);
    if (result == -IPC_ERR_PEER_CLOSED && signal)
        signal_send(process_current(), FP_SIGPIPE);
    return posix_result(result);
}

static long socket_read(struct file *file, void *user_buffer, size_t length, int flags)
{
    return receive(file->private, user_buffer, length, flags & FP_O_NONBLOCK, false);
}

static long socket_write(struct file *file, const void *user_buffer, size_t length, int flags)
{
    return send(file->private, user_buffer, length, flags & FP_O_NONBLOCK, true);
}

static int socket_ioctl(struct file *file, unsigned long request, void *argument)
{
    struct unix_socket *socket = file->private;

    if (request != FP_FIONREAD)
        return -ENOTTY;
    *(int32_t *)argument = socket->in ? (int32_t)stream_available(socket->in) : 0;
    return 0;
}

static void shut(struct unix_socket *socket, bool reading, bool writing)
{
    if (reading && socket->reading) {
        socket->reading = false;
        stream_close_end(socket->in, STREAM_READ);
    }
    if (writing && socket->writing) {
        socket->writing = false;
        stream_close_end(socket->out, STREAM_WRITE);
    }
}

static void socket_close(struct file *file)
{
    struct unix_socket *socket = file->private;

    if (socket->state == UNIX_SOCKET_CONNECTED) {
        shut(socket, true, true);
        ipc_object_put(&socket->in->object);
        ipc_object_put(&socket->out->object);
    }
    unix_listen_close(socket);
    kfree(socket->name);
    kfree(socket->peer_name);
    kfree(socket);
}

static const struct file_ops socket_file_ops = {
    .read = socket_read,
    .write = socket_write,
    .ioctl = socket_ioctl,
    .close = socket_close,
};

static void socket_vnode_release(struct vnode *vnode)
{
    kfree(vnode);
}

static const struct vnode_ops socket_vnode_ops = {
    .release = socket_vnode_release,
};

/* An unconnected socket file on a new unnamed vnode: 0, or -ENOMEM with
 * nothing made. */
static int socket_open(int type, int flags, struct file **file)
{
    struct unix_socket *socket = kzalloc(sizeof(*socket));
    struct vnode *vnode = socket ? kmalloc(sizeof(*vnode)) : NULL;

    if (vnode == NULL) {
        kfree(socket);
        return -ENOMEM;
    }
    vnode_init(vnode, VNODE_SOCKET, 0777, &socket_vnode_ops);
    vnode->device = SOCKET_DEVICE;
    vnode->ino = socket_next_ino++;
    int error = file_open_with_ops(vnode, FP_O_RDWR | flags, &socket_file_ops, socket, file);
    vnode_put(vnode); /* the file holds its own reference */
    if (error) {
        kfree(socket);
        return error;
    }
    socket->type = type;
    return 0;
}

/* Commit: `socket` reads `in` and writes `out` (taking references). */
static void connect_streams(struct unix_socket *socket, struct stream *in, struct stream *out)
{
    socket->state = UNIX_SOCKET_CONNECTED;
    socket->reading = socket->writing = true;
    socket->in = in;
    socket->out = out;
    ipc_object_get(&in->object);
    ipc_object_get(&out->object);
    stream_open_end(in, STREAM_READ);
    stream_open_end(out, STREAM_WRITE);
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

int unix_socket_create(int type, int flags, struct file **out)
{
    return socket_open(type, flags, out);
}

int unix_socket_pair(int type, int flags, struct file *out[2])
{
    struct stream *streams[2] = {NULL, NULL};
    int error = make_streams(streams);

    if (error == 0)
        error = socket_open(type, flags, &out[0]);
    if (error == 0 && (error = socket_open(type, flags, &out[1])) < 0)
        file_put(out[0]);
    if (error == 0) {
        connect_streams(out[0]->private, streams[1], streams[0]);
        connect_streams(out[1]->private, streams[0], streams[1]);
    }
    put_streams(streams);
    return error;
}

int unix_socket_copy_name(const char *name, char **out)
{
    size_t size = name ? strlen(name) + 1 : 0;

    *out = size ? kmalloc(size) : NULL;
    if (size && *out == NULL)
        return -ENOMEM;
    if (size)
        memcpy(*out, name, size);
    return 0;
}

int unix_socket_connect_new_peer(struct unix_socket *socket, const char *server_name, struct file **peer)
{
    struct stream *streams[2] = {NULL, NULL};
    char *names[3] = {NULL, NULL, NULL}; /* the client's peer, the server's name and its peer */
    int error = make_streams(streams);

    if (error == 0)
        error = unix_socket_copy_name(server_name, &names[0]);
    if (error == 0)
        error = unix_socket_copy_name(server_name, &names[1]);
    if (error == 0)
        error = unix_socket_copy_name(socket->name, &names[2]);
    if (error == 0)
        error = socket_open(socket->type, 0, peer);
    if (error) {
        for (int i = 0; i < 3; i++)
            kfree(names[i]);
    } else {
        struct unix_socket *server = (*peer)->private;
        socket->peer_name = names[0];
        server->name = names[1];
        server->peer_name = names[2];
        connect_streams(socket, streams[1], streams[0]);
        connect_streams(server, streams[0], streams[1]);
    }
    put_streams(streams);
    return error;
}

struct unix_socket *unix_socket_of(const struct file *file)
{
    return file->ops == &socket_file_ops ? file->private : NULL;
}

long unix_socket_send(struct file *file, const void *user_buffer, size_t length, int msg_flags)
{
    bool nonblocking = (file->flags & FP_O_NONBLOCK) || (msg_flags & FP_MSG_DONTWAIT);

    return send(file->private, user_buffer, length, nonblocking, !(msg_flags & FP_MSG_NOSIGNAL));
}

long unix_socket_recv(struct file *file, void *user_buffer, size_t length, int msg_flags)
{
    bool nonblocking = (file->flags & FP_O_NONBLOCK) || (msg_flags & FP_MSG_DONTWAIT);

    return receive(file->private, user_buffer, length, nonblocking, msg_flags & FP_MSG_PEEK);
}

int unix_socket_shutdown(struct file *file, int how)
{
    const struct unix_socket *socket = file->private;

    if (how != FP_SHUT_RD && how != FP_SHUT_WR && how != FP_SHUT_RDWR)
        return -EINVAL;
    if (socket->state != UNIX_SOCKET_CONNECTED)
        return -ENOTCONN;
    shut(file->private, how != FP_SHUT_WR, how != FP_SHUT_RD);
    return 0;
}

int unix_socket_option(const struct file *file, int level, int name, int *value)
{
    const struct unix_socket *socket = file->private;

    if (level != FP_SOL_SOCKET)
        return -ENOPROTOOPT;
    switch (name) {
    case FP_SO_TYPE: *value = socket->type; return 0;
    case FP_SO_ERROR: *value = 0; return 0; /* a Unix socket has no pending asynchronous error */
    case FP_SO_SNDBUF:
    case FP_SO_RCVBUF: *value = STREAM_CAPACITY; return 0;
    default: return -ENOPROTOOPT;
    }
}
