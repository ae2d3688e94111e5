/*
 * vfs_open.c - open(): find or create the vnode, check the flags against
 * its type, make the struct file.
 *
 * Layer: files (VFS). Every path out of vfs_open() drops the references it
 * took: the parent directory always, the vnode unless a file now holds it.
 * A FIFO is opened by the POSIX layer, which registers its opener at boot
 * (it may sleep until the other end opens); sockets cannot be opened.
 */
#include "errno.h"
#include "fs/vfs.h"

static vfs_fifo_opener fifo_opener;

void vfs_set_fifo_opener(vfs_fifo_opener opener)
{
    fifo_opener = opener;
}

/* Flags that contradict themselves, refused before anything is created. */
static bool flags_invalid(int flags)
{
    return (flags & FP_O_ACCMODE) == FP_O_ACCMODE || ((flags & FP_O_CREAT) && (flags & FP_O_DIRECTORY));
}

static int check_open(const struct vnode *vnode, int flags, bool must_be_directory)
{
    int access = flags & FP_O_ACCMODE;

    if (vnode->type != VNODE_DIRECTORY && ((flags & FP_O_DIRECTORY) || must_be_directory))
        return -ENOTDIR;
    if (vnode->type == VNODE_DIRECTORY && (access != FP_O_RDONLY || (flags & FP_O_CREAT)))
        return -EISDIR;
    if ((vnode->type == VNODE_FIFO && fifo_opener == NULL) || vnode->type == VNODE_SOCKET)
        return -ENXIO;
    return 0;
}

static int open_vnode(struct vnode *vnode, int flags, bool must_be_directory, struct file **out)
{
    int error = check_open(vnode, flags, must_be_directory);

    if (error == 0 && vnode->type == VNODE_FIFO)
        error = fifo_opener(vnode, flags, out);
    else if (error == 0 && vnode->ops->open)
        error = vnode->ops->open(vnode, flags, out);
    else if (error == 0)
        error = file_open_vnode(vnode, flags, out);
    if (error == 0 && (flags & FP_O_TRUNC) && file_writable(*out) && vnode->type == VNODE_REGULAR) {
        error = vnode->ops->truncate(vnode, 0);
        if (error)
            file_put(*out);
    }
    return error;
}

/* The vnode `parent` names, made (a regular file) if FP_O_CREAT asks. */
static int find_or_create(const struct path_parent *parent, int flags, uint32_t permissions,
                          struct vnode **out)
{
    int error = path_step(parent->dir, parent->name, out);

    if (error == -ENOENT && (flags & FP_O_CREAT))
        return vfs_create_in(parent, VNODE_REGULAR, permissions, out);
    if (error == 0 && (flags & FP_O_CREAT) && (flags & FP_O_EXCL)) {
        vnode_put(*out);
        return -EEXIST;
    }
    return error;
}

/* open(), and vfs_open_path() when `fifo_allowed` is false. */
static int open_path(const char *path, int flags, uint32_t permissions, bool fifo_allowed, struct file **out)
{
    struct path_parent parent;
    struct vnode *vnode;
    int error = flags_invalid(flags) ? -EINVAL : path_resolve_parent(path, &parent);

    if (error)
        return error;
    error = find_or_create(&parent, flags, permissions, &vnode);
    vnode_put(parent.dir);
    if (error)
        return error;
    if (vnode->type == VNODE_FIFO && !fifo_allowed)
        error = -ENXIO;
    else
        error = open_vnode(vnode, flags, parent.must_be_directory, out);
    vnode_put(vnode);
    return error;
}

int vfs_open(const char *path, int flags, uint32_t permissions, struct file **out)
{
    return open_path(path, flags, permissions, true, out);
}

int vfs_open_path(const char *path, int flags, struct file **out)
{
    return open_path(path, flags & ~FP_O_CREAT, 0, false, out);
}
