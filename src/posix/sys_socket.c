/*
 * sys_socket.c - the Unix socket system calls: socket (and socketpair),
 * bind, listen, connect, accept4, getsockname/getpeername, sendto,
 * recvfrom, shutdown, getsockopt.
 *
 * Layer: POSIX (system-call side), on unix_socket.c and unix_listen.c.
 * Each call that takes a descriptor holds its file for the call's length
 * (fd_current_file) and answers ENOTSOCK for a file that is not a socket.
 * Addresses are struct sockaddr_un: a family (FP_AF_UNIX) and a path of
 * at most 107 bytes, NUL-terminated within the given length or not; an
 * empty path (Linux's abstract names, autobind) is EINVAL. A stream
 * socket's peer is fixed, so sendto's address must be absent (EISCONN)
 * and recvfrom reports none (address length 0).
 */
#include "errno.h"
#include "fs/fd_table.h"
#include "lib/string.h"
#include "posix/fd_pair.h"
#include "posix/syscalls.h"
#include "posix/unix_listen.h"
#include "proc/usercopy.h"
#include "uapi/freeport/socket.h"

#define SOCKET_TYPE_FLAGS (FP_SOCK_NONBLOCK | FP_SOCK_CLOEXEC)
#define SEND_FLAGS        (FP_MSG_DONTWAIT | FP_MSG_NOSIGNAL)
#define RECV_FLAGS        (FP_MSG_DONTWAIT | FP_MSG_PEEK)
#define IO_MAX            0x7ffff000 /* one call moves at most this, as read and write */
#define FAMILY_SIZE       2          /* sun_family, before sun_path */
#define PATH_SIZE         108        /* sun_path */

struct address {
    uint16_t family;
    char path[PATH_SIZE];
};
_Static_assert(sizeof(struct address) == FAMILY_SIZE + PATH_SIZE, "struct sockaddr_un's layout");

/* One new socket (`pair_fds` NULL; the result is its descriptor) or a
 * connected pair (into `pair_fds`; the result is 0). */
long sys_socket(int domain, int type, int protocol, int *pair_fds)
{
    struct file *sockets[2];
    bool close_on_exec = type & FP_SOCK_CLOEXEC;

    if (domain != FP_AF_UNIX)
        return -EAFNOSUPPORT;
    if ((type & ~SOCKET_TYPE_FLAGS) != FP_SOCK_STREAM || protocol != 0)
        return -EPROTONOSUPPORT;
    if (pair_fds) {
        int error = unix_socket_pair(FP_SOCK_STREAM, type & FP_SOCK_NONBLOCK, sockets);
        return error ? error : fd_pair_install(sockets, close_on_exec, pair_fds);
    }
    struct fd_table *table = fd_table_current();
    int error = table ? unix_socket_create(FP_SOCK_STREAM, type & FP_SOCK_NONBLOCK, &sockets[0]) : -EINVAL;
    if (error)
        return error;
    int fd = fd_install(table, sockets[0], 0, close_on_exec);
    if (fd < 0)
        file_put(sockets[0]);
    return fd;
}

/* The socket open on `fd`, held: NULL and *error (-EBADF, -ENOTSOCK). */
static struct file *socket_file(int fd, long *error)
{
    struct file *file = fd_current_file(fd);

    *error = file == NULL ? -EBADF : -ENOTSOCK;
    if (file && unix_socket_of(file) == NULL) {
        file_put(file);
        file = NULL;
    }
    return file;
}

/* The path of a user's struct sockaddr_un of `length` bytes, into `path`
 * (PATH_SIZE bytes, NUL-terminated): 0, -EINVAL, -EFAULT, -EAFNOSUPPORT. */
static long address_in(const void *user_address, uint32_t length, char *path)
{
    struct address address;

    if (length <= FAMILY_SIZE || length > sizeof(address))
        return -EINVAL;
    if (copy_from_user(&address, user_address, length) < 0)
        return -EFAULT;
    if (address.family != FP_AF_UNIX)
        return -EAFNOSUPPORT;
    size_t path_length = strnlen(address.path, length - FAMILY_SIZE);
    if (path_length == 0 || path_length == PATH_SIZE)
        return -EINVAL; /* empty, or no room left for the NUL */
    memcpy(path, address.path, path_length);
    path[path_length] = '\0';
    return 0;
}

/* Give the user `name` (NULL: unnamed) as a struct sockaddr_un, cut to the
 * length it offers in *user_length, which then says the whole length.
 * Both pointers NULL: nothing asked. 0 or -EFAULT. */
static long address_out(const char *name, void *user_address, uint32_t *user_length)
{
    struct address address = {.family = FP_AF_UNIX};
    uint32_t offered, length = FAMILY_SIZE;

    if (user_address == NULL && user_length == NULL)
        return 0;
    if (copy_from_user(&offered, user_length, sizeof(offered)) < 0)
        return -EFAULT;
    if (name) {
        length += (uint32_t)strlen(name) + 1;
        memcpy(address.path, name, length - FAMILY_SIZE);
    }
    if (copy_to_user(user_address, &address, offered < length ? offered : length) < 0 ||
        copy_to_user(user_length, &length, sizeof(length)) < 0)
        return -EFAULT;
    return 0;
}

/* bind and connect: `operation` on the socket `fd` and the path in the
 * user's address. */
static long on_address(int fd, const void *user_address, uint32_t length,
                       int (*operation)(struct unix_socket *socket, const char *path))
{
    char path[PATH_SIZE];
    long result;
    struct file *file = socket_file(fd, &result);

    if (file == NULL)
        return result;
    result = address_in(user_address, length, path);
    if (result == 0)
        result = operation(unix_socket_of(file), path);
    file_put(file);
    return result;
}

long sys_bind(int fd, const void *user_address, uint32_t length)
{
    return on_address(fd, user_address, length, unix_listen_bind);
}

long sys_connect(int fd, const void *user_address, uint32_t length)
{
    return on_address(fd, user_address, length, unix_listen_connect);
}

long sys_listen(int fd, int backlog)
{
    long result;
    struct file *file = socket_file(fd, &result);

    if (file == NULL)
        return result;
    result = unix_listen_start(unix_socket_of(file), backlog);
    file_put(file);
    return result;
}

/* The first waiting connection as the lowest free descriptor. A failure
 * after taking it (a bad address buffer, EMFILE) puts it back. */
long sys_accept4(int fd, void *user_address, uint32_t *user_length, int flags)
{
    struct fd_table *table = fd_table_current();
    struct file *connection;
    long result;
    struct file *file = socket_file(fd, &result);

    if (file == NULL)
        return result;
    struct unix_socket *listener = unix_socket_of(file);
    if ((flags & ~SOCKET_TYPE_FLAGS) || table == NULL)
        result = -EINVAL;
    else
        result = unix_listen_accept(listener, file->flags & FP_O_NONBLOCK, &connection);
    if (result == 0) {
        result = address_out(unix_socket_of(connection)->peer_name, user_address, user_length);
        if (result == 0)
            result = fd_install(table, connection, 0, flags & FP_SOCK_CLOEXEC);
        if (result < 0)
            unix_listen_put_back(listener, connection);
        else
            connection->flags |= flags & FP_SOCK_NONBLOCK;
    }
    file_put(file);
    return result;
}

/* getsockname (`peer` 0) and getpeername (`peer` 1, -ENOTCONN when not
 * connected). */
long sys_sockname(int fd, int peer, void *user_address, uint32_t *user_length)
{
    long result;
    struct file *file = socket_file(fd, &result);

    if (file == NULL)
        return result;
    const struct unix_socket *socket = unix_socket_of(file);
    if (peer && socket->state != UNIX_SOCKET_CONNECTED)
        result = -ENOTCONN;
    else if (user_address == NULL || user_length == NULL)
        result = -EFAULT;
    else
        result = address_out(peer ? socket->peer_name : socket->name, user_address, user_length);
    file_put(file);
    return result;
}

long sys_sendto(int fd, const void *buffer, size_t length, int flags, const void *address,
                uint32_t address_length)
{
    long result;
    struct file *file = socket_file(fd, &result);

    (void)address_length; /* no address is accepted, whatever its length */
    if (file == NULL)
        return result;
    if (flags & ~SEND_FLAGS)
        result = -EOPNOTSUPP;
    else if (address != NULL)
        result = -EISCONN;
    else
        result = unix_socket_send(file, buffer, length < IO_MAX ? length : IO_MAX, flags);
    file_put(file);
    return result;
}

long sys_recvfrom(int fd, void *buffer, size_t length, int flags, void *address, uint32_t *address_length)
{
    static const uint32_t unnamed = 0;
    long result;
    struct file *file = socket_file(fd, &result);

    (void)address; /* the peer is unnamed: nothing is written there */
    if (file == NULL)
        return result;
    if (flags & ~RECV_FLAGS)
        result = -EOPNOTSUPP;
    else if (address_length && copy_to_user(address_length, &unnamed, sizeof(unnamed)) < 0)
        result = -EFAULT;
    else
        result = unix_socket_recv(file, buffer, length < IO_MAX ? length : IO_MAX, flags);
    file_put(file);
    return result;
}

long sys_shutdown(int fd, int how)
{
    long result;
    struct file *file = socket_file(fd, &result);

    if (file == NULL)
        return result;
    result = unix_socket_shutdown(file, how);
    file_put(file);
    return result;
}

long sys_getsockopt(int fd, int level, int name, int *user_value, uint32_t *user_length)
{
    long result;
    struct file *file = socket_file(fd, &result);
    uint32_t length;
    int value;

    if (file == NULL)
        return result;
    result = copy_from_user(&length, user_length, sizeof(length)) < 0 ? -EFAULT : 0;
    if (result == 0 && length < sizeof(value))
        result = -EINVAL;
    if (result == 0)
        result = unix_socket_option(file, level, name, &value);
    file_put(file);
    if (result)
        return result;
    length = sizeof(value);
    if (copy_to_user(user_value, &value, sizeof(value)) < 0 ||
        copy_to_user(user_length, &length, sizeof(length)) < 0)
        return -EFAULT;
    return 0;
}
