/*
 * vfs_names.c - changing the namespace: mknod/mkdir, unlink, rmdir, rename.
 *
 * Layer: files (VFS), above path resolution. The checks POSIX makes that
 * do not depend on the file system are made here, once: "." and "..",
 * mount points (EBUSY), file systems (EXDEV), the types of the old and new
 * names, and a directory moving under itself (EINVAL). The file system's
 * operation does the rest. Lookups here are the file system's own (no
 * mount crossing): a mount point is seen as the directory it covers.
 */
#include "errno.h"
#include "fs/path_name.h"
#include "fs/vfs.h"

int vfs_create_in(const struct path_parent *parent, enum vnode_type type, uint32_t permissions,
                  struct vnode **out)
{
    struct vnode *dir = parent->dir;

    if (path_name_is_dot_or_dotdot(parent->name))
        return -EEXIST;
    if (parent->must_be_directory && type != VNODE_DIRECTORY)
        return -EISDIR;
    if (dir->ops->create == NULL)
        return -EROFS;
    return dir->ops->create(dir, parent->name, type, permissions, out);
}

int vfs_mknod(const char *path, enum vnode_type type, uint32_t permissions)
{
    struct path_parent parent;
    struct vnode *vnode;
    int error = path_resolve_parent(path, &parent);

    if (error)
        return error;
    error = vfs_create_in(&parent, type, permissions, &vnode);
    if (error == 0)
        vnode_put(vnode);
    vnode_put(parent.dir);
    return error;
}

/* The vnode `parent->name` names in its own file system. */
static int lookup_here(const struct path_parent *parent, struct vnode **out)
{
    return parent->dir->ops->lookup(parent->dir, parent->name, out);
}

static int unlink_in(const struct path_parent *parent)
{
    struct vnode *vnode;
    int error = path_name_is_dot_or_dotdot(parent->name) ? -EISDIR : lookup_here(parent, &vnode);

    if (error)
        return error;
    if (vnode->type == VNODE_DIRECTORY)
        error = -EISDIR;
    else if (parent->must_be_directory)
        error = -ENOTDIR;
    else if (parent->dir->ops->unlink == NULL)
        error = -EROFS;
    else
        error = parent->dir->ops->unlink(parent->dir, parent->name);
    vnode_put(vnode);
    return error;
}

static int rmdir_in(const struct path_parent *parent)
{
    struct vnode *vnode;
    int error;

    if (path_name_is_dot_or_dotdot(parent->name))
        return parent->name[1] == '\0' ? -EINVAL : -ENOTEMPTY;
    error = lookup_here(parent, &vnode);
    if (error)
        return error;
    if (vnode->type != VNODE_DIRECTORY)
        error = -ENOTDIR;
    else if (vnode->mounted_here)
        error = -EBUSY;
    else if (parent->dir->ops->rmdir == NULL)
        error = -EROFS;
    else
        error = parent->dir->ops->rmdir(parent->dir, parent->name);
    vnode_put(vnode);
    return error;
}

/* Run `operation` on the parent of `path`, then drop the parent. */
static int on_parent(const char *path, int (*operation)(const struct path_parent *))
{
    struct path_parent parent;
    int error = path_resolve_parent(path, &parent);

    if (error)
        return error;
    error = operation(&parent);
    vnode_put(parent.dir);
    return error;
}

int vfs_unlink(const char *path)
{
    return on_parent(path, unlink_in);
}

int vfs_rmdir(const char *path)
{
    return on_parent(path, rmdir_in);
}

/* -EINVAL if `dir` is `source` or lies under it: walk ".." up to the root
 * of their file system. */
static int check_not_inside(struct vnode *source, struct vnode *dir)
{
    struct vnode *current = vnode_get(dir), *parent;

    while (current != source && current->ops->lookup(current, "..", &parent) == 0) {
        bool at_root = parent == current;
        vnode_put(current);
        current = parent;
        if (at_root)
            break;
    }
    int error = current == source ? -EINVAL : 0;
    vnode_put(current);
    return error;
}

/* What replacing `target` (may be NULL) by `source` must respect. */
static int check_rename(struct vnode *source, struct vnode *target, const struct path_parent *from,
                        const struct path_parent *to)
{
    bool source_is_dir = source->type == VNODE_DIRECTORY;

    if (source->mounted_here || (target && target->mounted_here))
        return -EBUSY;
    if (!source_is_dir && (from->must_be_directory || to->must_be_directory))
        return -ENOTDIR;
    if (target && target != source && source_is_dir != (target->type == VNODE_DIRECTORY))
        return source_is_dir ? -ENOTDIR : -EISDIR;
    return source_is_dir ? check_not_inside(source, to->dir) : 0;
}

static int rename_between(const struct path_parent *from, const struct path_parent *to)
{
    struct vnode *source, *target = NULL;
    int error;

    if (path_name_is_dot_or_dotdot(from->name) || path_name_is_dot_or_dotdot(to->name))
        return -EINVAL;
    if (from->dir->device != to->dir->device)
        return -EXDEV;
    error = lookup_here(from, &source);
    if (error)
        return error;
    if (lookup_here(to, &target) < 0)
        target = NULL;
    error = check_rename(source, target, from, to);
    if (error == 0 && from->dir->ops->rename == NULL)
        error = -EROFS;
    if (error == 0)
        error = from->dir->ops->rename(from->dir, from->name, to->dir, to->name);
    if (target)
        vnode_put(target);
    vnode_put(source);
    return error;
}

int vfs_rename(const char *old_path, const char *new_path)
{
    struct path_parent from, to;
    int error = path_resolve_parent(old_path, &from);

    if (error)
        return error;
    error = path_resolve_parent(new_path, &to);
    if (error == 0) {
        error = rename_between(&from, &to);
        vnode_put(to.dir);
    }
    vnode_put(from.dir);
    return error;
}
