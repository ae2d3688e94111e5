/*
 * sys_stat.c - stat, lstat, fstat: struct freeport_stat out to user space.
 *
 * Layer: files (system-call side). There are no symbolic links, so lstat
 * is stat.
 */
#include "errno.h"
#include "fs/fd_table.h"
#include "fs/syscalls.h"
#include "fs/user_path.h"
#include "fs/vfs.h"
#include "mm/heap.h"
#include "proc/usercopy.h"

static long copy_status_out(struct freeport_stat *user_status, const struct freeport_stat *status)
{
    return copy_to_user(user_status, status, sizeof(*status)) < 0 ? -EFAULT : 0;
}

long sys_stat(const char *user_path, struct freeport_stat *user_status)
{
    struct freeport_stat status;
    char *path;
    long result = user_path_copy(user_path, &path);

    if (result)
        return result;
    result = vfs_stat(path, &status);
    kfree(path);
    return result ? result : copy_status_out(user_status, &status);
}

long sys_lstat(const char *user_path, struct freeport_stat *user_status)
{
    return sys_stat(user_path, user_status);
}

long sys_fstat(int fd, struct freeport_stat *user_status)
{
    struct freeport_stat status;
    struct file *file = fd_current_file(fd);

    if (file == NULL)
        return -EBADF;
    file_stat(file, &status);
    file_put(file);
    return copy_status_out(user_status, &status);
}
