/*
 * unix_listen.h - the names and the rendezvous of Unix stream sockets:
 * bind a socket to a path, listen on it, connect to it, accept.
 *
 * Layer: POSIX, on unix_socket.c and the file layer's paths. A bound
 * socket holds its name's vnode and the vnode points back at it
 * (vnode->bound_socket) until the socket closes; unlinking the path
 * removes the name, so later connects find nothing (ENOENT) while the
 * socket lives on. connect() never waits: the connection is made at once,
 * the server's end queued on the listener for accept (ECONNREFUSED when
 * the queue is full), so a non-blocking connect completes immediately.
 */
#ifndef FREEPORT_POSIX_UNIX_LISTEN_H
#define FREEPORT_POSIX_UNIX_LISTEN_H

#include "posix/unix_socket.h"

#define UNIX_LISTEN_BACKLOG_MAX 128 /* SOMAXCONN: listen's backlog is clamped to 1..this */

/* Bind to `path` (a kernel string): 0, -EINVAL (already bound or
 * connected), -EADDRINUSE (the path exists), the path's errors, -ENOMEM. */
int unix_listen_bind(struct unix_socket *socket, const char *path);

/* Listen with room for `backlog` waiting connections: 0, -EDESTADDRREQ
 * (not bound), -EINVAL (connected), -ENOMEM. Again: a new backlog. */
int unix_listen_start(struct unix_socket *socket, int backlog);

/* Connect to the socket bound to `path`: 0, -EISCONN, -EINVAL
 * (listening), -ENOENT... (the path), -ECONNREFUSED (not a socket, not
 * listening, or its queue is full), -ENOMEM. */
int unix_listen_connect(struct unix_socket *socket, const char *path);

/* Take the first waiting connection (`nonblocking`: -EAGAIN instead of
 * sleeping; -EINTR; -EINVAL: not listening): its file in *out, owned by
 * the caller, who gives it to a descriptor or back to the queue. */
int unix_listen_accept(struct unix_socket *socket, bool nonblocking, struct file **out);

/* An accept that failed afterwards (no descriptor, a bad address buffer)
 * puts its connection back first in the queue: nothing is lost. */
void unix_listen_put_back(struct unix_socket *socket, struct file *connection);

/* A socket closes: drop its name and its waiting connections. */
void unix_listen_close(struct unix_socket *socket);

#endif
