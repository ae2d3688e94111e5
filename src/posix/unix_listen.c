/*
 * unix_listen.c - binding, listening, connecting and accepting (see
 * unix_listen.h).
 *
 * Layer: POSIX, on unix_socket.c (which makes the connection's server
 * end), file_rights.c and native ports (the queue of waiting
 * connections), and the file layer's paths.
 * Binding serves every socket type; the rest is for stream and seqpacket
 * sockets.
 * Invariants: vnode->bound_socket is the socket holding `bound` on that
 * vnode, or NULL; every message on a listening socket's queue carries one
 * capability to a struct file_rights holding one file, a server end that
 * no descriptor holds yet, in the order the connects came. A connect
 * allocates everything before it connects anything, and checks for room
 * first: queueing then cannot fail.
 * Locking: system calls only, one CPU, no preemption in the kernel.
 */
#include "posix/unix_listen.h"
#include "errno.h"
#include "fs/vfs.h"
#include "ipc/ipc_wait.h"
#include "ipc/port.h"
#include "mm/heap.h"
#include "posix/errno_map.h"
#include "posix/file_rights.h"
#include "proc/process.h"
#include "uapi/freeport/socket.h"

int unix_listen_bind(struct unix_socket *socket, const char *path)
{
    struct process *process = process_current();
    uint32_t permissions = 0777 & ~(process ? process->umask : 0);
    struct path_parent parent;
    struct vnode *vnode;
    char *name;

    if (socket->bound || (socket->state != UNIX_SOCKET_UNCONNECTED && socket->type != FP_SOCK_DGRAM))
        return -EINVAL; /* a connected datagram socket may still take a name */
    int error = unix_socket_copy_name(path, &name);
    if (error == 0)
        error = path_resolve_parent(path, &parent);
    if (error) {
        kfree(name);
        return error;
    }
    error = vfs_create_in(&parent, VNODE_SOCKET, permissions, &vnode);
    vnode_put(parent.dir);
    if (error) {
        kfree(name);
        return error == -EEXIST ? -EADDRINUSE : error;
    }
    vnode->bound_socket = socket;
    socket->bound = vnode;
    socket->name = name;
    return 0;
}

int unix_listen_start(struct unix_socket *socket, int backlog)
{
    if (socket->state == UNIX_SOCKET_CONNECTED)
        return -EINVAL;
    if (socket->bound == NULL)
        return -EDESTADDRREQ;
    socket->queue->queue.depth_limit = backlog < 1                         ? 1
                                       : backlog > UNIX_LISTEN_BACKLOG_MAX ? UNIX_LISTEN_BACKLOG_MAX
                                                                           : (uint32_t)backlog;
    socket->state = UNIX_SOCKET_LISTENING;
    socket->pid = process_current() ? process_current()->pid : 0; /* SO_PEERCRED: listen's caller */
    return 0;
}

/* The listening socket bound to `vnode` with room in its queue: 0,
 * -EPROTOTYPE (a socket of another type), -ECONNREFUSED. */
static int listening_at(const struct vnode *vnode, int type, struct unix_socket **out)
{
    struct unix_socket *server = vnode->type == VNODE_SOCKET ? vnode->bound_socket : NULL;

    *out = server;
    if (server && server->type != type)
        return -EPROTOTYPE;
    if (server == NULL || server->state != UNIX_SOCKET_LISTENING ||
        !msg_queue_has_room(&server->queue->queue, 0))
        return -ECONNREFUSED;
    return 0;
}

/* An empty message whose one capability names empty rights, for the
 * connection to come: 0 or -ENOMEM with nothing made. */
static int make_envelope(struct ipc_message **message, struct file_rights **rights)
{
    struct ipc_msg_header header = {0};
    int error = (int)posix_result(message_allocate(&header, message));

    if (error)
        return error;
    error = file_rights_create(rights);
    if (error == 0)
        error = file_rights_attach(*message, *rights);
    if (*rights)
        file_rights_put(*rights); /* the capability holds it, or it goes */
    if (error)
        message_destroy(*message);
    return error;
}

int unix_listen_connect(struct unix_socket *socket, const char *path)
{
    struct file_rights *rights = NULL;
    struct ipc_message *message;
    struct unix_socket *server;
    struct vnode *vnode;
    struct file *peer;

    if (socket->state == UNIX_SOCKET_CONNECTED)
        return -EISCONN;
    if (socket->state == UNIX_SOCKET_LISTENING)
        return -EINVAL;
    int error = path_resolve(path, &vnode);
    if (error)
        return error;
    error = listening_at(vnode, socket->type, &server);
    if (error == 0)
        error = make_envelope(&message, &rights);
    if (error == 0 && (error = unix_socket_connect_new_peer(socket, server, &peer)) < 0)
        message_destroy(message);
    if (error == 0) {
        file_rights_add(rights, peer);
        port_send_message(server->queue, message, 0); /* room was checked, and nothing slept since */
    }
    vnode_put(vnode);
    return error;
}

int unix_listen_first(struct unix_socket *socket, bool nonblocking, struct file **out)
{
    struct ipc_message *first = NULL;

    if (socket->state != UNIX_SOCKET_LISTENING)
        return -EINVAL;
    while (first == NULL) {
        int error = port_next_message(socket->queue, nonblocking ? 0 : IPC_DEADLINE_NEVER, &first);
        if (error)
            return (int)posix_result(error);
    }
    struct file_rights *rights = file_rights_take(first->caps[0]);
    *out = rights->files[0];
    file_rights_put(rights); /* the queued message still holds them */
    return 0;
}

void unix_listen_take(struct unix_socket *socket)
{
    struct ipc_message *first = msg_queue_peek(&socket->queue->queue);

    port_consume(socket->queue, first);
    message_destroy(first);
}

void unix_listen_close(struct unix_socket *socket)
{
    if (socket->bound) {
        socket->bound->bound_socket = NULL;
        vnode_put(socket->bound);
    }
}
