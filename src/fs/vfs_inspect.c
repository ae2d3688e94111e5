/*
 * vfs_inspect.c - questions about the namespace that change nothing: stat,
 * access, getcwd.
 *
 * Layer: files (VFS), above path resolution. getcwd has no stored path to
 * read: it climbs from the working directory through ".." to "/", finding
 * each directory's name by its inode number in its parent, and crossing
 * mount points upwards as path resolution does.
 */
#include "errno.h"
#include "fs/mount.h"
#include "fs/path_name.h"
#include "fs/vfs.h"
#include "lib/string.h"
#include "mm/heap.h"

int vfs_stat(const char *path, struct freeport_stat *out)
{
    struct vnode *vnode;
    int error = path_resolve(path, &vnode);

    if (error)
        return error;
    vnode_stat(vnode, out);
    vnode_put(vnode);
    return 0;
}

int vfs_access(const char *path, int mode)
{
    struct vnode *vnode;
    int error;

    if (mode & ~(FP_R_OK | FP_W_OK | FP_X_OK))
        return -EINVAL;
    error = path_resolve(path, &vnode);
    if (error)
        return error;
    if ((mode & FP_X_OK) && vnode->type != VNODE_DIRECTORY && !(vnode->permissions & 0111))
        error = -EACCES;
    vnode_put(vnode);
    return error;
}

/* The name `child` has in `dir` (borrowed, valid until `dir` changes). */
static const char *name_in(struct vnode *dir, const struct vnode *child)
{
    struct vnode_dirent entry;
    uint64_t cursor = 0;

    while (dir->ops->readdir(dir, &cursor, &entry) > 0)
        if (entry.ino == child->ino && !path_name_is_dot_or_dotdot(entry.name))
            return entry.name;
    return NULL;
}

/* Put "/name" in front of the path being built at path[*start..]. */
static int prepend(char *path, size_t *start, const char *name)
{
    size_t length = strlen(name);

    if (length + 1 > *start)
        return -ENAMETOOLONG;
    *start -= length + 1;
    path[*start] = '/';
    memcpy(path + *start + 1, name, length);
    return 0;
}

/* Build the path of `dir` at the end of `path` (FS_PATH_MAX bytes); its
 * first byte's index in *start. Takes over the reference on `dir`. `up`
 * is borrowed: `dir` itself, or a covered directory the mount table holds. */
static int build_path(struct vnode *dir, char *path, size_t *start)
{
    struct vnode *up, *parent;
    int error = 0;

    *start = FS_PATH_MAX - 1;
    path[*start] = '\0';
    while (error == 0 && (up = mount_cross_up(dir)) != vfs_root()) {
        error = up->ops->lookup(up, "..", &parent);
        if (error)
            break;
        const char *name = name_in(parent, up);
        error = name ? prepend(path, start, name) : -ENOENT;
        vnode_put(dir);
        dir = parent;
    }
    vnode_put(dir);
    if (error == 0 && *start == FS_PATH_MAX - 1)
        path[--*start] = '/';
    return error;
}

long vfs_getcwd(char *buffer, size_t size)
{
    char *path = kmalloc(FS_PATH_MAX);
    size_t start;
    long result;

    if (path == NULL)
        return -ENOMEM;
    result = build_path(vnode_get(path_current_directory()), path, &start);
    if (result == 0) {
        result = (long)(FS_PATH_MAX - start);
        if ((size_t)result > size)
            result = -ERANGE;
        else
            memcpy(buffer, path + start, (size_t)result);
    }
    kfree(path);
    return result;
}
