/*
 * unix_listen.h - the names and the rendezvous of Unix sockets: bind a
 * socket to a path, listen on it, connect to it, accept.
 *
 * Layer: POSIX, on unix_socket.c, native ports and the file layer's
 * paths. A bound socket holds its name's vnode and the vnode points back
 * at it (vnode->bound_socket) until the socket closes; unlinking the path
 * removes the name, so later connects find nothing (ENOENT) while the
 * socket lives on.
 *
 * A listening socket's queue of waiting connections is its own port (the
 * one every socket has, unix_record.h): each waiting connection is a
 * message carrying, as SCM_RIGHTS would, the server end's file
 * (file_rights.h). So accept waits the way a receive does, poll sees a
 * waiting connection as the port's READABLE, listen's backlog is the
 * port's depth limit, and a listener closing with connections queued
 * discards them like any message, closing their server ends (the clients
 * see end of file). connect() never waits: the connection is made at
 * once and queued (ECONNREFUSED when the queue is full), so a
 * non-blocking connect completes immediately.
 */
#ifndef FREEPORT_POSIX_UNIX_LISTEN_H
#define FREEPORT_POSIX_UNIX_LISTEN_H

#include "posix/unix_socket.h"

#define UNIX_LISTEN_BACKLOG_MAX 128 /* SOMAXCONN: listen's backlog is clamped to 1..this */

/* Bind to `path` (a kernel string): 0, -EINVAL (already bound, or a
 * connected stream socket), -EADDRINUSE (the path exists), the path's
 * errors, -ENOMEM. */
int unix_listen_bind(struct unix_socket *socket, const char *path);

/* Listen with room for `backlog` waiting connections: 0, -EDESTADDRREQ
 * (not bound), -EINVAL (connected). Again: a new backlog. */
int unix_listen_start(struct unix_socket *socket, int backlog);

/* Connect to the socket bound to `path`: 0, -EISCONN, -EINVAL
 * (listening), -ENOENT... (the path), -EPROTOTYPE (a socket of another
 * type), -ECONNREFUSED (not a socket, not listening, or its queue is
 * full), -ENOMEM. */
int unix_listen_connect(struct unix_socket *socket, const char *path);

/* The first waiting connection's file in *out, left queued (valid while
 * the caller does not sleep): 0, -EAGAIN (`nonblocking` and none), -EINTR,
 * -EINVAL (not listening). */
int unix_listen_first(struct unix_socket *socket, bool nonblocking, struct file **out);

/* Take that first connection off the queue, once the caller holds its
 * own reference to the file. */
void unix_listen_take(struct unix_socket *socket);

/* A socket closes: its name goes (its queue goes with its port). */
void unix_listen_close(struct unix_socket *socket);

#endif
