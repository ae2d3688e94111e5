/*
 * path.h - path resolution: from a string to a vnode.
 *
 * Layer: files (VFS). An absolute path starts at "/", a relative one at
 * the current process's working directory ("/" for kernel threads).
 * Resolution crosses mount points both ways: down into the root of a file
 * system mounted on a directory, and up through ".." from a file system's
 * root into the directory it covers ("/dev/.." is "/"; "/.." is "/").
 * There are no symbolic links, hence no ELOOP.
 * Errors: -ENOENT (a component is missing, or the path is empty),
 * -ENOTDIR (a component used as a directory is not one, or a trailing '/'
 * follows a non-directory), -ENAMETOOLONG (a component over FS_NAME_MAX
 * bytes, a path of FS_PATH_MAX bytes or more).
 */
#ifndef FREEPORT_FS_PATH_H
#define FREEPORT_FS_PATH_H

#include <stdbool.h>
#include "fs/vnode.h"

/* The parent directory of a path's last component, and that component. */
struct path_parent {
    struct vnode *dir;          /* a reference: vnode_put() it */
    char name[FS_NAME_MAX + 1]; /* "." when the path has no component ("/") */
    bool must_be_directory;     /* the path ended with '/' */
};

/* The vnode `path` names, with a new reference. */
int path_resolve(const char *path, struct vnode **out);

/* Resolve all but the last component (which need not exist). */
int path_resolve_parent(const char *path, struct path_parent *out);

/* One step of a walk: `name` in directory `dir`, with "." and ".." and
 * mount crossings handled. A new reference in *out. */
int path_step(struct vnode *dir, const char *name, struct vnode **out);

/* Where relative paths start: the current process's working directory,
 * or "/" (borrowed: vnode_get() it to keep it). */
struct vnode *path_current_directory(void);

#endif
