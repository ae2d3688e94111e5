/*
 * sys_socket_option.c - getsockopt and setsockopt.
 *
 * Layer: POSIX (system-call side), on unix_option.c, which says what each
 * option means. getsockopt needs room for an int at least (EINVAL), writes
 * at most the caller's length (a struct ucred cut short, as Linux) and
 * sets it to the size written; setsockopt's values are ints (a shorter
 * length is EINVAL).
 */
#include "errno.h"
#include "posix/socket_args.h"
#include "posix/syscalls.h"
#include "posix/unix_option.h"
#include "proc/usercopy.h"

long sys_getsockopt(int fd, int level, int name, void *user_value, uint32_t *user_length)
{
    union unix_option_value value;
    uint32_t offered, size;
    long result;
    struct file *file = socket_args_file(fd, &result);

    if (file == NULL)
        return result;
    result = copy_from_user(&offered, user_length, sizeof(offered)) < 0 ? -EFAULT : 0;
    if (result == 0 && offered < sizeof(int32_t))
        result = -EINVAL;
    if (result == 0)
        result = unix_option_get(unix_socket_of(file), level, name, &value, &size);
    file_put(file);
    if (result)
        return result;
    if (offered < size)
        size = offered;
    if (copy_to_user(user_value, &value, size) < 0 || copy_to_user(user_length, &size, sizeof(size)) < 0)
        return -EFAULT;
    return 0;
}

long sys_setsockopt(int fd, int level, int name, const void *user_value, uint32_t length)
{
    int32_t value;
    long result;
    struct file *file = socket_args_file(fd, &result);

    if (file == NULL)
        return result;
    if (length < sizeof(value))
        result = -EINVAL;
    else if (copy_from_user(&value, user_value, sizeof(value)) < 0)
        result = -EFAULT;
    else
        result = unix_option_set(unix_socket_of(file), level, name, value);
    file_put(file);
    return result;
}
