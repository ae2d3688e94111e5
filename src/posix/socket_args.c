/*
 * socket_args.c - descriptors and addresses of the socket system calls
 * (see socket_args.h).
 *
 * Layer: POSIX (system-call side). Every user pointer goes through
 * copy_from_user/copy_to_user.
 */
#include "posix/socket_args.h"
#include "errno.h"
#include "fs/fd_table.h"
#include "lib/string.h"
#include "proc/usercopy.h"
#include "uapi/freeport/socket.h"

#define FAMILY_SIZE 2 /* sun_family, before sun_path */

struct address {
    uint16_t family;
    char path[SOCKET_PATH_SIZE];
};
_Static_assert(sizeof(struct address) == FAMILY_SIZE + SOCKET_PATH_SIZE, "struct sockaddr_un's layout");
_Static_assert(SOCKET_PATH_SIZE == UNIX_NAME_MAX, "a socket's name fits sun_path");

struct file *socket_args_file(int fd, long *error)
{
    struct file *file = fd_current_file(fd);

    *error = file == NULL ? -EBADF : -ENOTSOCK;
    if (file && unix_socket_of(file) == NULL) {
        file_put(file);
        file = NULL;
    }
    return file;
}

long socket_args_address_in(const void *user_address, uint32_t length, char *path)
{
    struct address address;

    if (length <= FAMILY_SIZE || length > sizeof(address))
        return -EINVAL;
    if (copy_from_user(&address, user_address, length) < 0)
        return -EFAULT;
    if (address.family != FP_AF_UNIX)
        return -EAFNOSUPPORT;
    size_t path_length = strnlen(address.path, length - FAMILY_SIZE);
    if (path_length == 0 || path_length == SOCKET_PATH_SIZE)
        return -EINVAL; /* empty, or no room left for the NUL */
    memcpy(path, address.path, path_length);
    path[path_length] = '\0';
    return 0;
}

long socket_args_address_write(const char *name, void *user_address, uint32_t offered)
{
    struct address address = {.family = FP_AF_UNIX};
    uint32_t length = FAMILY_SIZE;

    if (name) {
        length += (uint32_t)strlen(name) + 1;
        memcpy(address.path, name, length - FAMILY_SIZE);
    }
    if (copy_to_user(user_address, &address, offered < length ? offered : length) < 0)
        return -EFAULT;
    return length;
}

long socket_args_address_out(const char *name, void *user_address, uint32_t *user_length)
{
    uint32_t offered;

    if (user_address == NULL && user_length == NULL)
        return 0;
    if (copy_from_user(&offered, user_length, sizeof(offered)) < 0)
        return -EFAULT;
    long length = socket_args_address_write(name, user_address, offered);
    if (length < 0 || copy_to_user(user_length, &length, sizeof(uint32_t)) < 0)
        return -EFAULT;
    return 0;
}
