/*
 * unix_listen.c - binding, listening, connecting and accepting (see
 * unix_listen.h).
 *
 * Layer: POSIX, on unix_socket.c (which makes the connection's two
 * sockets and streams) and the file layer's paths.
 * Invariants: vnode->bound_socket is the socket holding `bound` on that
 * vnode, or NULL; a listener's queue holds `count` accepted-side socket
 * files (each its one reference) from pending[head] on, in the order the
 * connects came; count <= limit, except for the one a failed accept puts
 * back (so the array has one spare slot; an accept does not sleep between
 * taking a connection and putting it back).
 */
#include "posix/unix_listen.h"
#include "errno.h"
#include "fs/vfs.h"
#include "mm/heap.h"
#include "proc/process.h"
#include "proc/waitqueue.h"

#define QUEUE_SLOTS (UNIX_LISTEN_BACKLOG_MAX + 1)

struct unix_listener {
    uint32_t limit;              /* connections that may wait: listen's backlog */
    uint32_t count;              /* connections waiting */
    uint32_t head;               /* the first of them */
    struct wait_queue accepting; /* threads in accept, waiting for a connection */
    struct file *pending[QUEUE_SLOTS];
};

int unix_listen_bind(struct unix_socket *socket, const char *path)
{
    struct process *process = process_current();
    uint32_t permissions = 0777 & ~(process ? process->umask : 0);
    struct path_parent parent;
    struct vnode *vnode;
    char *name;

    if (socket->bound || socket->state != UNIX_SOCKET_UNCONNECTED)
        return -EINVAL;
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
    if (socket->listener == NULL) {
        socket->listener = kzalloc(sizeof(*socket->listener));
        if (socket->listener == NULL)
            return -ENOMEM;
        wait_queue_init(&socket->listener->accepting);
    }
    socket->listener->limit = backlog < 1                         ? 1
                              : backlog > UNIX_LISTEN_BACKLOG_MAX ? UNIX_LISTEN_BACKLOG_MAX
                                                                  : (uint32_t)backlog;
    socket->state = UNIX_SOCKET_LISTENING;
    return 0;
}

/* The listening socket bound to `vnode` with room in its queue, or NULL. */
static struct unix_socket *listening_at(const struct vnode *vnode)
{
    struct unix_socket *server = vnode->type == VNODE_SOCKET ? vnode->bound_socket : NULL;

    if (server == NULL || server->state != UNIX_SOCKET_LISTENING)
        return NULL;
    return server->listener->count < server->listener->limit ? server : NULL;
}

int unix_listen_connect(struct unix_socket *socket, const char *path)
{
    struct vnode *vnode;
    struct file *peer;

    if (socket->state == UNIX_SOCKET_CONNECTED)
        return -EISCONN;
    if (socket->state == UNIX_SOCKET_LISTENING)
        return -EINVAL;
    int error = path_resolve(path, &vnode);
    if (error)
        return error;
    struct unix_socket *server = listening_at(vnode);
    error = server ? unix_socket_connect_new_peer(socket, server->name, &peer) : -ECONNREFUSED;
    if (error == 0) {
        struct unix_listener *listener = server->listener;
        listener->pending[(listener->head + listener->count) % QUEUE_SLOTS] = peer;
        listener->count++;
        wait_queue_wake_all(&listener->accepting);
    }
    vnode_put(vnode);
    return error;
}

int unix_listen_accept(struct unix_socket *socket, bool nonblocking, struct file **out)
{
    struct unix_listener *listener = socket->listener;

    if (socket->state != UNIX_SOCKET_LISTENING)
        return -EINVAL;
    while (listener->count == 0) {
        if (nonblocking)
            return -EAGAIN;
        if (wait_queue_sleep(&listener->accepting) < 0)
            return -EINTR;
    }
    *out = listener->pending[listener->head];
    listener->head = (listener->head + 1) % QUEUE_SLOTS;
    listener->count--;
    return 0;
}

void unix_listen_put_back(struct unix_socket *socket, struct file *connection)
{
    struct unix_listener *listener = socket->listener;

    listener->head = (listener->head + QUEUE_SLOTS - 1) % QUEUE_SLOTS;
    listener->pending[listener->head] = connection;
    listener->count++;
}

void unix_listen_close(struct unix_socket *socket)
{
    struct unix_listener *listener = socket->listener;

    if (socket->bound) {
        socket->bound->bound_socket = NULL;
        vnode_put(socket->bound);
    }
    if (listener == NULL)
        return;
    for (; listener->count > 0; listener->count--) {
        file_put(listener->pending[listener->head]);
        listener->head = (listener->head + 1) % QUEUE_SLOTS;
    }
    kfree(listener);
}
