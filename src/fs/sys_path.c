/*
 * sys_path.c - the namespace calls: mkdir, mknod, rmdir, unlink, rename,
 * chdir, getcwd, umask, access.
 *
 * Layer: files (system-call side), on the VFS. Each copies its path(s) in
 * (user_path_copy), applies the process's umask to new nodes, calls the
 * VFS, and frees the copies on every path.
 */
#include "errno.h"
#include "fs/syscalls.h"
#include "fs/user_path.h"
#include "fs/vfs.h"
#include "mm/heap.h"
#include "proc/process.h"
#include "proc/usercopy.h"

#define PERMISSION_BITS 07777

static uint32_t current_umask(void)
{
    struct process *process = process_current();
    return process ? process->umask : 0;
}

static long make_node(const char *user_path, enum vnode_type type, uint32_t mode)
{
    char *path;
    long result = user_path_copy(user_path, &path);

    if (result)
        return result;
    result = vfs_mknod(path, type, mode & PERMISSION_BITS & ~current_umask());
    kfree(path);
    return result;
}

long sys_mkdir(const char *path, uint32_t mode)
{
    return make_node(path, VNODE_DIRECTORY, mode);
}

/* Regular files, FIFOs and sockets; devices live only in devfs. */
long sys_mknod(const char *path, uint32_t mode, uint64_t device)
{
    (void)device;
    switch (mode & FP_S_IFMT) {
    case 0:
    case FP_S_IFREG: return make_node(path, VNODE_REGULAR, mode);
    case FP_S_IFIFO: return make_node(path, VNODE_FIFO, mode);
    case FP_S_IFSOCK: return make_node(path, VNODE_SOCKET, mode);
    case FP_S_IFCHR:
    case FP_S_IFBLK: return -EPERM;
    default: return -EINVAL;
    }
}

/* Copy the path in and run `operation` on it. */
static long on_path(const char *user_path, int (*operation)(const char *))
{
    char *path;
    long result = user_path_copy(user_path, &path);

    if (result)
        return result;
    result = operation(path);
    kfree(path);
    return result;
}

long sys_rmdir(const char *path)
{
    return on_path(path, vfs_rmdir);
}

long sys_unlink(const char *path)
{
    return on_path(path, vfs_unlink);
}

long sys_rename(const char *user_old_path, const char *user_new_path)
{
    char *old_path, *new_path;
    long result = user_path_copy(user_old_path, &old_path);

    if (result)
        return result;
    result = user_path_copy(user_new_path, &new_path);
    if (result == 0) {
        result = vfs_rename(old_path, new_path);
        kfree(new_path);
    }
    kfree(old_path);
    return result;
}

/* Swap the process's working directory for `path`'s vnode. */
static int change_directory(const char *path)
{
    struct process *process = process_current();
    struct vnode *dir;
    int error = process ? path_resolve(path, &dir) : -ESRCH;

    if (error)
        return error;
    if (dir->type != VNODE_DIRECTORY) {
        vnode_put(dir);
        return -ENOTDIR;
    }
    if (process->cwd)
        vnode_put(process->cwd);
    process->cwd = dir;
    return 0;
}

long sys_chdir(const char *path)
{
    return on_path(path, change_directory);
}

long sys_getcwd(char *user_buffer, size_t size)
{
    char *buffer;
    long result;

    if (size == 0)
        return -EINVAL;
    buffer = kmalloc(FS_PATH_MAX);
    if (buffer == NULL)
        return -ENOMEM;
    result = vfs_getcwd(buffer, size < FS_PATH_MAX ? size : FS_PATH_MAX);
    if (result > 0 && copy_to_user(user_buffer, buffer, (size_t)result) < 0)
        result = -EFAULT;
    kfree(buffer);
    return result;
}

long sys_umask(uint32_t mask)
{
    struct process *process = process_current();
    uint32_t previous = current_umask();

    if (process)
        process->umask = mask & 0777;
    return previous;
}

long sys_access(const char *user_path, int mode)
{
    char *path;
    long result = user_path_copy(user_path, &path);

    if (result)
        return result;
    result = vfs_access(path, mode);
    kfree(path);
    return result;
}
