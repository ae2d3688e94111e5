/*
 * unix_socket.h - AF_UNIX sockets: a socket is an open file on an unnamed
 * VNODE_SOCKET vnode. This file and unix_socket.c hold what every type
 * shares: the struct, making sockets, connecting a pair, one sendmsg and
 * recvmsg dispatched by type, read and write, shutdown. The types are
 * unix_stream.h (bytes on native streams), unix_dgram.h and
 * unix_seqpacket.h (records on native ports, unix_record.h); names and
 * connections are unix_listen.h's, options unix_option.h's.
 *
 * Layer: POSIX, on native IPC's streams and ports and the file layer's
 * files and paths; it adds no IPC of its own, only what POSIX adds:
 * names, the rendezvous of connect and accept, shutdown, the MSG_* flags,
 * SIGPIPE, socket options, descriptor passing.
 *
 * Every socket has a port (`queue`), only the kernel holds it: the
 * records waiting for a datagram or seqpacket socket, the descriptors
 * waiting with a stream socket's bytes, or a listener's connections.
 * States: UNCONNECTED (new, perhaps bound) -> LISTENING (listen) or
 * CONNECTED (connect, or born so: socketpair, accept); a datagram socket
 * is CONNECTED once it has a default peer, and may connect again.
 * Lifetime: the struct lives while its file is open or another socket
 * points at it (`peer`); `closed` says the file has gone, and with it the
 * streams, the port and the name.
 */
#ifndef FREEPORT_POSIX_UNIX_SOCKET_H
#define FREEPORT_POSIX_UNIX_SOCKET_H

#include "fs/file.h"

struct file_rights;
struct freeport_iovec;
struct port;

#define UNIX_NAME_MAX 108 /* a name's bytes with its NUL (sun_path) */

enum unix_socket_state { UNIX_SOCKET_UNCONNECTED, UNIX_SOCKET_LISTENING, UNIX_SOCKET_CONNECTED };

struct unix_socket {
    int type;            /* FP_SOCK_STREAM, FP_SOCK_DGRAM or FP_SOCK_SEQPACKET */
    uint32_t references; /* the file's, and one per socket whose peer it is */
    bool closed;         /* its file has closed; the rest lives for those still pointing at it */
    enum unix_socket_state state;
    bool reading;             /* not shut down for reading (stream: holds a read end on `in`) */
    bool writing;             /* not shut down for writing (stream: holds a write end on `out`) */
    struct stream *in;        /* STREAM, CONNECTED: the bytes the peer sends (a reference) */
    struct stream *out;       /* STREAM, CONNECTED: the bytes this socket sends (a reference) */
    char *name;               /* the path it is bound to (or accepted on); NULL: unnamed */
    char *peer_name;          /* CONNECTED: the peer's name; NULL: unnamed */
    struct vnode *bound;      /* bound: the name's vnode (a reference), NULL otherwise */
    struct port *queue;       /* records, descriptors or connections waiting (a reference) */
    struct unix_socket *peer; /* CONNECTED: the other end, where sends go (a reference) */
    uint32_t record_limit;    /* DGRAM, SEQPACKET: SO_SNDBUF, the largest record it sends */
    int32_t pid;              /* its creator, or listen's caller: what SO_PEERCRED tells a peer */
    int32_t peer_pid;         /* CONNECTED: the peer's pid at connect or socketpair */
};

/* The user's buffers of one call: a kernel copy of its vector. */
struct socket_io {
    const struct freeport_iovec *parts;
    uint32_t count;
    size_t length; /* the parts' total */
};

/* One sendmsg or recvmsg, as the system call layer passes it down. */
struct socket_message {
    struct socket_io io;
    const char *to;           /* sendmsg to a datagram socket: the path, or NULL (others ignore it) */
    char from[UNIX_NAME_MAX]; /* recvmsg: the sender's name; "" when unnamed */
    int flags_out;            /* recvmsg: FP_MSG_TRUNC when data was cut */
    /* SCM_RIGHTS. sendmsg: the descriptors to pass (the caller keeps its
     * reference), or NULL; recvmsg: those that came with the data (a
     * reference for the caller), or NULL. */
    struct file_rights *rights;
};

/* Start a message: no destination, no flags, no rights; `io` is the
 * caller's to set, `from` recvmsg's. Field by field: zeroing `from` on
 * every call would cost more than the rest of a small one. */
static inline void socket_message_start(struct socket_message *message)
{
    message->to = NULL;
    message->flags_out = 0;
    message->rights = NULL;
}

/* A new unconnected socket of `type` (FP_SOCK_STREAM, _DGRAM, _SEQPACKET), its
 * file opened with status flags `flags` (FP_O_NONBLOCK): 0 or -ENOMEM. */
int unix_socket_create(int type, int flags, struct file **out);

/* A connected pair of new sockets of `type`: 0, or -ENOMEM with nothing
 * left behind. */
int unix_socket_pair(int type, int flags, struct file *out[2]);

/* For the types: a new socket file of `type` with file operations `ops`,
 * holding the file's reference on a new struct unix_socket with its port:
 * 0 or -ENOMEM. */
int unix_socket_open(int type, int flags, const struct file_ops *ops, struct file **out);

/* For the types' close: what every close ends with. The name goes, the
 * peer is woken and let go, the port is closed (what it held discarded;
 * the port itself goes with the struct), and the file's reference on the
 * struct dropped. */
void unix_socket_release(struct unix_socket *socket);

/* Commit a connection: each of the two sockets holds the other as its
 * peer, CONNECTED, knowing its pid (SO_PEERCRED). */
void unix_socket_link(struct unix_socket *one, struct unix_socket *other);

/* poll of a stream or seqpacket socket not connected (listening or not). */
int unix_socket_poll_unconnected(struct unix_socket *socket, struct file_poll_wait *wait);

/* References on a socket's struct beyond its file's (a connected
 * datagram socket's on its peer); the last put frees it and its names. */
void unix_socket_get(struct unix_socket *socket);
void unix_socket_put(struct unix_socket *socket);

/* The socket `file` is, or NULL if it is not a socket. */
struct unix_socket *unix_socket_of(const struct file *file);

/* For unix_listen.c: connect the unconnected stream or seqpacket `socket`
 * to a new peer, the server's end of the connection, in *peer (named as
 * `listener`, with its credentials; a file no descriptor holds yet): 0,
 * or -ENOMEM with nothing changed. */
int unix_socket_connect_new_peer(struct unix_socket *socket, const struct unix_socket *listener,
                                 struct file **peer);

/* sendmsg and recvmsg with FP_MSG_* flags, on any type: bytes moved or
 * -errno (EPIPE, with SIGPIPE unless FP_MSG_NOSIGNAL; EAGAIN; EINTR;
 * EFAULT; ENOTCONN; and each type's own). A stream moves the buffers in
 * turn, stopping at the first short transfer; a record type gathers them
 * into one record, or scatters one record across them. */
long unix_socket_sendmsg(struct file *file, struct socket_message *message, int msg_flags);
long unix_socket_recvmsg(struct file *file, struct socket_message *message, int msg_flags);

/* Every type's read and write: recv and send of one buffer, without
 * flags (a non-blocking file does not wait). */
long unix_socket_file_read(struct file *file, void *user_buffer, size_t length, int flags);
long unix_socket_file_write(struct file *file, const void *user_buffer, size_t length, int flags);

/* FP_SHUT_RD, FP_SHUT_WR or FP_SHUT_RDWR: 0, -EINVAL or -ENOTCONN. */
int unix_socket_shutdown(struct file *file, int how);

/* For unix_listen.c: a copy of a name on the heap (NULL stays NULL):
 * 0 or -ENOMEM. */
int unix_socket_copy_name(const char *name, char **out);

#endif
