/*
 * path.c - path resolution (see path.h): a walk, one component at a time,
 * holding a reference on the directory it stands in.
 *
 * Layer: files (VFS), above vnodes and the mount table, using the pure
 * component scanner in path_name.c. Invariant of the walk: `current` is
 * always one reference owned by the walk, given to the caller at the end
 * or dropped on an error.
 */
#include "errno.h"
#include "fs/mount.h"
#include "fs/path.h"
#include "fs/path_name.h"
#include "lib/string.h"
#include "proc/process.h"

_Static_assert(PATH_NAME_MAX == FS_NAME_MAX, "one limit for names");

struct vnode *path_current_directory(void)
{
    struct process *process = process_current();

    if (process == NULL || process->cwd == NULL)
        return vfs_root();
    return process->cwd;
}

static struct vnode *start_directory(const char *path)
{
    return vnode_get(path[0] == '/' ? vfs_root() : path_current_directory());
}

int path_step(struct vnode *dir, const char *name, struct vnode **out)
{
    struct vnode *child;

    if (dir->type != VNODE_DIRECTORY)
        return -ENOTDIR;
    if (strcmp(name, ".") == 0) {
        *out = vnode_get(dir);
        return 0;
    }
    if (strcmp(name, "..") == 0) {
        dir = mount_cross_up(dir);
        if (dir == vfs_root()) {
            *out = vnode_get(dir);
            return 0;
        }
    }
    int error = dir->ops->lookup(dir, name, &child);
    if (error)
        return error;
    *out = mount_cross_down(child);
    return 0;
}

static int check_length(const char *path)
{
    if (path[0] == '\0')
        return -ENOENT;
    return strnlen(path, FS_PATH_MAX) == FS_PATH_MAX ? -ENAMETOOLONG : 0;
}

/* Walk `path` from its start. With `last` non-NULL, stop before the last
 * component and copy it there ("." if there is none). */
static int walk(const char *path, struct vnode **out, char *last)
{
    char name[FS_NAME_MAX + 1];
    const char *cursor = path;
    struct vnode *current = start_directory(path), *next;
    long length;

    while ((length = path_name_next(&cursor, name)) > 0) {
        if (last && path_name_is_last(cursor))
            break;
        int error = path_step(current, name, &next);
        vnode_put(current);
        if (error)
            return error;
        current = next;
    }
    if (length < 0 || (last && current->type != VNODE_DIRECTORY)) {
        vnode_put(current);
        return length < 0 ? (int)length : -ENOTDIR;
    }
    if (last)
        strlcpy(last, length > 0 ? name : ".", FS_NAME_MAX + 1);
    *out = current;
    return 0;
}

int path_resolve(const char *path, struct vnode **out)
{
    int error = check_length(path);

    if (error == 0)
        error = walk(path, out, NULL);
    if (error == 0 && path_name_has_trailing_slash(path) && (*out)->type != VNODE_DIRECTORY) {
        vnode_put(*out);
        error = -ENOTDIR;
    }
    return error;
}

int path_resolve_parent(const char *path, struct path_parent *out)
{
    int error = check_length(path);

    if (error)
        return error;
    out->must_be_directory = path_name_has_trailing_slash(path);
    return walk(path, &out->dir, out->name);
}
