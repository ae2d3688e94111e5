/*
 * mount.h - the mount table: which file system's root appears where.
 *
 * Layer: files (VFS core). The root file system is mounted first, on no
 * directory; every later mount covers a directory of an earlier one
 * (devfs on /dev). Path resolution crosses mounts both ways through the
 * vnodes' mounted_here and root_of links. Mounts are never undone, so the
 * table holds a reference on each covered directory and each root forever.
 */
#ifndef FREEPORT_FS_MOUNT_H
#define FREEPORT_FS_MOUNT_H

#include "fs/vnode.h"

#define MOUNT_MAX 8

struct mount {
    const char *fs_name;   /* "ramfs", "devfs": read by nobody but GDB (p mount_table) */
    struct vnode *covered; /* the directory it hides; NULL for the root */
    struct vnode *root;    /* the file system's root directory */
};

/* Mount the file system whose root is `root` on `directory` (NULL: as the
 * root of everything). 0, -ENOTDIR, -EBUSY (already a mount point or
 * root already mounted), -ENOMEM (table full). */
int mount_attach(struct vnode *directory, struct vnode *root, const char *fs_name);

/* The root directory "/" (borrowed: vnode_get() it to keep it). */
struct vnode *vfs_root(void);

/* Trade a reference on `vnode` for one on what a path lookup should see
 * there: the root of the file system mounted on it, if any. */
struct vnode *mount_cross_down(struct vnode *vnode);

/* The directory ".." should be looked up in: `dir` itself, or, if `dir`
 * is the root of a mounted file system, the directory it covers (borrowed). */
struct vnode *mount_cross_up(struct vnode *dir);

#endif
