/*
 * unix_socket.h - AF_UNIX stream sockets: a socket is an open file on an
 * unnamed VNODE_SOCKET vnode. Once connected, its bytes travel through
 * native byte streams (ipc/stream.h), one stream per direction: what one
 * socket writes to its `out` its peer reads from its `in`. A socketpair is
 * born connected; otherwise a socket is bound to a path and listens
 * (unix_listen.c), or connects to such a path.
 *
 * Layer: POSIX, on native IPC's streams and the file layer's files and
 * paths; like pipe.c it adds no IPC of its own, only what POSIX adds to
 * the bytes: names, the rendezvous of connect and accept, shutdown, the
 * MSG_* flags, SIGPIPE, socket options.
 *
 * States: UNCONNECTED (new, perhaps bound) -> LISTENING (listen) or
 * CONNECTED (connect, or born so: socketpair, accept); never back.
 * Ends: a connected socket holds a read end on `in` and a write end on
 * `out` until it shuts that direction down or closes. Shutting down
 * reading makes the peer's writes fail with EPIPE; shutting down writing
 * gives the peer end of file once it has read what was sent.
 */
#ifndef FREEPORT_POSIX_UNIX_SOCKET_H
#define FREEPORT_POSIX_UNIX_SOCKET_H

#include "fs/file.h"

struct unix_listener;

enum unix_socket_state { UNIX_SOCKET_UNCONNECTED, UNIX_SOCKET_LISTENING, UNIX_SOCKET_CONNECTED };

struct unix_socket {
    int type; /* FP_SOCK_STREAM */
    enum unix_socket_state state;
    bool reading;                   /* CONNECTED: holds a read end on `in` */
    bool writing;                   /* CONNECTED: holds a write end on `out` */
    struct stream *in;              /* CONNECTED: the bytes the peer sends (a reference) */
    struct stream *out;             /* CONNECTED: the bytes this socket sends (a reference) */
    char *name;                     /* the path it is bound to (or accepted on); NULL: unnamed */
    char *peer_name;                /* CONNECTED: the peer's name; NULL: unnamed */
    struct vnode *bound;            /* bound: the name's vnode (a reference), NULL otherwise */
    struct unix_listener *listener; /* LISTENING: the connections waiting for accept */
};

/* A new unconnected socket of `type` (FP_SOCK_STREAM), its file opened
 * with status flags `flags` (FP_O_NONBLOCK): 0 or -ENOMEM. */
int unix_socket_create(int type, int flags, struct file **out);

/* A connected pair of new sockets of `type`: 0, or -ENOMEM with nothing
 * left behind. */
int unix_socket_pair(int type, int flags, struct file *out[2]);

/* The socket `file` is, or NULL if it is not a socket. */
struct unix_socket *unix_socket_of(const struct file *file);

/* For unix_listen.c: connect the unconnected `socket` to two new streams
 * and make its peer, the server's end of the connection, in *peer (named
 * `server_name`, its peer socket's name; a file no descriptor holds yet):
 * 0, or -ENOMEM with nothing changed. */
int unix_socket_connect_new_peer(struct unix_socket *socket, const char *server_name, struct file **peer);

/* send/recv with FP_MSG_* flags: bytes moved or -errno (EPIPE, with
 * SIGPIPE unless FP_MSG_NOSIGNAL; EAGAIN; EINTR; EFAULT; ENOTCONN). */
long unix_socket_send(struct file *file, const void *user_buffer, size_t length, int msg_flags);
long unix_socket_recv(struct file *file, void *user_buffer, size_t length, int msg_flags);

/* FP_SHUT_RD, FP_SHUT_WR or FP_SHUT_RDWR: 0, -EINVAL or -ENOTCONN. */
int unix_socket_shutdown(struct file *file, int how);

/* The FP_SOL_SOCKET option `name`: 0 and *value, or -ENOPROTOOPT. */
int unix_socket_option(const struct file *file, int level, int name, int *value);

/* For unix_listen.c: a copy of a name on the heap (NULL stays NULL):
 * 0 or -ENOMEM. */
int unix_socket_copy_name(const char *name, char **out);

#endif
