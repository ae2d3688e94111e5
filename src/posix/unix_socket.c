/*
 * unix_socket.c - what every Unix socket type shares: the struct's
 * lifetime, making sockets of each type, connecting a pair, one sendmsg
 * and recvmsg dispatched by type, read and write, shutdown, names (see
 * unix_socket.h).
 *
 * Layer: POSIX, on the types' files (unix_stream.c, unix_dgram.c,
 * unix_seqpacket.c), unix_record.c (every socket's port) and the file
 * layer's files and vnodes.
 * Invariants: `references` counts the file's reference (until its close)
 * and each other socket's `peer` pointing here; every socket has its
 * port from creation until the struct goes (closed from the file's close
 * on, so that sockets still pointing here, and their pollers, see it
 * closed rather than gone).
 * Locking: system calls only, one CPU, no preemption in the kernel.
 */
#include "posix/unix_socket.h"
#include "errno.h"
#include "ipc/port.h"
#include "lib/string.h"
#include "mm/heap.h"
#include "posix/file_rights.h"
#include "posix/unix_dgram.h"
#include "posix/unix_listen.h"
#include "posix/unix_record.h"
#include "posix/unix_seqpacket.h"
#include "posix/unix_stream.h"
#include "proc/process.h"
#include "uapi/freeport/abi.h"
#include "uapi/freeport/ipc.h"
#include "uapi/freeport/socket.h"

#define SOCKET_DEVICE 4 /* stat's st_dev for unnamed sockets (anonymous pipes are 3) */

static uint64_t socket_next_ino = 1;

/* --- The struct and the file --- */

static void socket_vnode_release(struct vnode *vnode)
{
    kfree(vnode);
}

static const struct vnode_ops socket_vnode_ops = {
    .release = socket_vnode_release,
};

void unix_socket_get(struct unix_socket *socket)
{
    socket->references++;
}

void unix_socket_put(struct unix_socket *socket)
{
    if (--socket->references > 0)
        return;
    unix_record_release(socket);
    kfree(socket->name);
    kfree(socket->peer_name);
    kfree(socket);
}

static int32_t current_pid(void)
{
    return process_current() ? process_current()->pid : 0;
}

int unix_socket_open(int type, int flags, const struct file_ops *ops, struct file **file)
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
    int error = file_open_with_ops(vnode, FP_O_RDWR | flags, ops, socket, file);
    vnode_put(vnode); /* the file holds its own reference */
    if (error) {
        kfree(socket);
        return error;
    }
    socket->type = type;
    socket->references = 1;
    socket->pid = current_pid();
    socket->record_limit = UNIX_RECORD_MAX;
    error = unix_record_open(socket);
    if (error)
        file_put(*file); /* its close knows a socket without a port */
    return error;
}

void unix_socket_release(struct unix_socket *socket)
{
    socket->closed = true;
    unix_listen_close(socket);
    if (socket->peer && !socket->peer->closed)
        unix_record_wake(socket->peer);
    if (socket->peer)
        unix_socket_put(socket->peer);
    socket->peer = NULL;
    if (socket->queue)
        unix_record_stop(socket);
    unix_socket_put(socket);
}

/* Every socket's file is on a vnode unix_socket_open made. */
struct unix_socket *unix_socket_of(const struct file *file)
{
    return file->vnode->ops == &socket_vnode_ops ? file->private : NULL;
}

/* --- Making and connecting --- */

int unix_socket_create(int type, int flags, struct file **out)
{
    if (type == FP_SOCK_DGRAM)
        return unix_dgram_create(flags, out);
    if (type == FP_SOCK_SEQPACKET)
        return unix_seqpacket_create(flags, out);
    return unix_stream_create(flags, out);
}

int unix_socket_pair(int type, int flags, struct file *out[2])
{
    if (type == FP_SOCK_DGRAM)
        return unix_dgram_pair(flags, out);
    if (type == FP_SOCK_SEQPACKET)
        return unix_seqpacket_pair(flags, out);
    return unix_stream_pair(flags, out);
}

void unix_socket_link(struct unix_socket *one, struct unix_socket *other)
{
    unix_socket_get(one);
    unix_socket_get(other);
    one->peer = other;
    other->peer = one;
    one->state = other->state = UNIX_SOCKET_CONNECTED;
    one->peer_pid = other->pid;
    other->peer_pid = one->pid;
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

int unix_socket_connect_new_peer(struct unix_socket *socket, const struct unix_socket *listener,
                                 struct file **peer)
{
    char *names[3] = {NULL, NULL, NULL}; /* the client's peer, the server's name and its peer */
    int error = unix_socket_copy_name(listener->name, &names[0]);

    if (error == 0)
        error = unix_socket_copy_name(listener->name, &names[1]);
    if (error == 0)
        error = unix_socket_copy_name(socket->name, &names[2]);
    if (error == 0)
        error = socket->type == FP_SOCK_SEQPACKET ? unix_seqpacket_connect_new(socket, peer)
                                                  : unix_stream_connect_new(socket, peer);
    if (error) {
        for (int i = 0; i < 3; i++)
            kfree(names[i]);
        return error;
    }
    struct unix_socket *server = (*peer)->private;
    socket->peer_name = names[0];
    server->name = names[1];
    server->peer_name = names[2];
    server->pid = listener->pid;
    socket->peer_pid = listener->pid;
    server->peer_pid = socket->pid;
    return 0;
}

/* --- Every type: one sendmsg or recvmsg --- */

long unix_socket_sendmsg(struct file *file, struct socket_message *message, int msg_flags)
{
    struct unix_socket *socket = file->private;

    if (socket->type == FP_SOCK_DGRAM)
        return unix_dgram_send(file, message, msg_flags);
    if (socket->type == FP_SOCK_SEQPACKET)
        return unix_seqpacket_send(file, message, msg_flags);
    return unix_stream_send(file, message, msg_flags);
}

long unix_socket_recvmsg(struct file *file, struct socket_message *message, int msg_flags)
{
    struct unix_socket *socket = file->private;

    message->from[0] = '\0';
    if (socket->type == FP_SOCK_DGRAM)
        return unix_dgram_receive(file, message, msg_flags);
    if (socket->type == FP_SOCK_SEQPACKET)
        return unix_seqpacket_receive(file, message, msg_flags);
    return unix_stream_receive(file, message, msg_flags);
}

/* A message of the one buffer `part`. */
static void one_buffer(struct socket_message *message, const struct freeport_iovec *part)
{
    socket_message_start(message);
    message->io = (struct socket_io){part, 1, part->length};
}

/* Descriptors that came with the bytes have nowhere to go: closed. */
long unix_socket_file_read(struct file *file, void *user_buffer, size_t length, int flags)
{
    struct freeport_iovec part = {(uintptr_t)user_buffer, length};
    struct socket_message message;

    one_buffer(&message, &part);
    long result = unix_socket_recvmsg(file, &message, flags & FP_O_NONBLOCK ? FP_MSG_DONTWAIT : 0);

    if (message.rights)
        file_rights_put(message.rights);
    return result;
}

long unix_socket_file_write(struct file *file, const void *user_buffer, size_t length, int flags)
{
    struct freeport_iovec part = {(uintptr_t)user_buffer, length};
    struct socket_message message;

    one_buffer(&message, &part);
    return unix_socket_sendmsg(file, &message, flags & FP_O_NONBLOCK ? FP_MSG_DONTWAIT : 0);
}

/* A datagram socket may shut down whether connected or not, as on Linux. */
int unix_socket_shutdown(struct file *file, int how)
{
    struct unix_socket *socket = file->private;

    if (how != FP_SHUT_RD && how != FP_SHUT_WR && how != FP_SHUT_RDWR)
        return -EINVAL;
    if (socket->type == FP_SOCK_DGRAM) {
        unix_dgram_shutdown(socket, how);
        return 0;
    }
    if (socket->state != UNIX_SOCKET_CONNECTED)
        return -ENOTCONN;
    if (socket->type == FP_SOCK_SEQPACKET)
        unix_seqpacket_shutdown(socket, how);
    else
        unix_stream_shutdown(socket, how);
    return 0;
}

/* A connection type not connected, as Linux: a listener is POLLIN with a
 * connection waiting (a message on its port); otherwise POLLOUT and
 * POLLHUP, nothing to wait for. */
int unix_socket_poll_unconnected(struct unix_socket *socket, struct file_poll_wait *wait)
{
    if (socket->state != UNIX_SOCKET_LISTENING)
        return FP_POLLOUT | FP_POLLHUP;
    wait->object = &socket->queue->object;
    wait->events = IPC_EVENT_READABLE;
    return unix_record_queued(socket) ? FP_POLLIN : 0;
}
