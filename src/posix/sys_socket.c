/*
 * sys_socket.c - the Unix socket system calls that make and name
 * sockets and connections: socket (and socketpair), bind, listen,
 * connect, accept4, getsockname/getpeername, shutdown. Moving data is
 * sys_socket_msg.c's (sendmsg, recvmsg), options sys_socket_option.c's.
 *
 * Layer: POSIX (system-call side), on unix_socket.c, unix_listen.c and
 * the types' files. Each call that takes a descriptor holds its file for
 * the call's length (socket_args_file) and answers ENOTSOCK for a file
 * that is not a socket. A datagram socket cannot listen or accept
 * (EOPNOTSUPP); its connect picks a default peer (unix_dgram.c).
 */
#include "errno.h"
#include "fs/fd_table.h"
#include "posix/fd_pair.h"
#include "posix/socket_args.h"
#include "posix/syscalls.h"
#include "posix/unix_dgram.h"
#include "posix/unix_listen.h"
#include "uapi/freeport/socket.h"

#define SOCKET_TYPE_FLAGS (FP_SOCK_NONBLOCK | FP_SOCK_CLOEXEC)

/* One new socket (`pair_fds` NULL; the result is its descriptor) or a
 * connected pair (into `pair_fds`; the result is 0). */
long sys_socket(int domain, int type, int protocol, int *pair_fds)
{
    struct file *sockets[2];
    bool close_on_exec = type & FP_SOCK_CLOEXEC;
    int kind = type & ~SOCKET_TYPE_FLAGS;

    if (domain != FP_AF_UNIX)
        return -EAFNOSUPPORT;
    if ((kind != FP_SOCK_STREAM && kind != FP_SOCK_DGRAM && kind != FP_SOCK_SEQPACKET) || protocol != 0)
        return -EPROTONOSUPPORT;
    if (pair_fds) {
        int error = unix_socket_pair(kind, type & FP_SOCK_NONBLOCK, sockets);
        return error ? error : fd_pair_install(sockets, close_on_exec, pair_fds);
    }
    struct fd_table *table = fd_table_current();
    int error = table ? unix_socket_create(kind, type & FP_SOCK_NONBLOCK, &sockets[0]) : -EINVAL;
    if (error)
        return error;
    int fd = fd_install(table, sockets[0], 0, close_on_exec);
    if (fd < 0)
        file_put(sockets[0]);
    return fd;
}

/* bind and connect: `operation` on the socket `fd` and the path in the
 * user's address. */
static long on_address(int fd, const void *user_address, uint32_t length,
                       int (*operation)(struct unix_socket *socket, const char *path))
{
    char path[SOCKET_PATH_SIZE];
    long result;
    struct file *file = socket_args_file(fd, &result);

    if (file == NULL)
        return result;
    result = socket_args_address_in(user_address, length, path);
    if (result == 0)
        result = operation(unix_socket_of(file), path);
    file_put(file);
    return result;
}

long sys_bind(int fd, const void *user_address, uint32_t length)
{
    return on_address(fd, user_address, length, unix_listen_bind);
}

/* A stream or seqpacket socket connects to a listener, a datagram socket
 * picks its peer. */
static int connect_to(struct unix_socket *socket, const char *path)
{
    if (socket->type == FP_SOCK_DGRAM)
        return unix_dgram_connect(socket, path);
    return unix_listen_connect(socket, path);
}

long sys_connect(int fd, const void *user_address, uint32_t length)
{
    return on_address(fd, user_address, length, connect_to);
}

/* socket_args_file for listen and accept4: a datagram socket has no
 * connections to queue (-EOPNOTSUPP). */
static struct file *connection_socket_file(int fd, long *error)
{
    struct file *file = socket_args_file(fd, error);

    if (file && unix_socket_of(file)->type == FP_SOCK_DGRAM) {
        file_put(file);
        *error = -EOPNOTSUPP;
        return NULL;
    }
    return file;
}

long sys_listen(int fd, int backlog)
{
    long result;
    struct file *file = connection_socket_file(fd, &result);

    if (file == NULL)
        return result;
    result = unix_listen_start(unix_socket_of(file), backlog);
    file_put(file);
    return result;
}

/* The first waiting connection as the lowest free descriptor. It leaves
 * the queue only once it has one: a failure (a bad address buffer,
 * EMFILE) leaves it first in line. */
static long accept_first(struct unix_socket *listener, bool nonblocking, void *user_address,
                         uint32_t *user_length, int flags)
{
    struct fd_table *table = fd_table_current();
    struct file *connection;
    long result = table ? unix_listen_first(listener, nonblocking, &connection) : -EINVAL;

    if (result == 0)
        result = socket_args_address_out(unix_socket_of(connection)->peer_name, user_address, user_length);
    if (result == 0 && (result = fd_install(table, file_get(connection), 0, flags & FP_SOCK_CLOEXEC)) < 0)
        file_put(connection);
    if (result >= 0) {
        connection->flags |= flags & FP_SOCK_NONBLOCK;
        unix_listen_take(listener);
    }
    return result;
}

long sys_accept4(int fd, void *user_address, uint32_t *user_length, int flags)
{
    long result;
    struct file *file = connection_socket_file(fd, &result);

    if (file == NULL)
        return result;
    if (flags & ~SOCKET_TYPE_FLAGS)
        result = -EINVAL;
    else
        result =
            accept_first(unix_socket_of(file), file->flags & FP_O_NONBLOCK, user_address, user_length, flags);
    file_put(file);
    return result;
}

/* getsockname (`peer` 0) and getpeername (`peer` 1, -ENOTCONN when not
 * connected). */
long sys_sockname(int fd, int peer, void *user_address, uint32_t *user_length)
{
    long result;
    struct file *file = socket_args_file(fd, &result);

    if (file == NULL)
        return result;
    const struct unix_socket *socket = unix_socket_of(file);
    if (peer && socket->state != UNIX_SOCKET_CONNECTED)
        result = -ENOTCONN;
    else if (user_address == NULL || user_length == NULL)
        result = -EFAULT;
    else
        result = socket_args_address_out(peer ? socket->peer_name : socket->name, user_address, user_length);
    file_put(file);
    return result;
}

long sys_shutdown(int fd, int how)
{
    long result;
    struct file *file = socket_args_file(fd, &result);

    if (file == NULL)
        return result;
    result = unix_socket_shutdown(file, how);
    file_put(file);
    return result;
}
