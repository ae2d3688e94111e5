/*
 * vfs.h - the file layer's operations on paths, for system calls and for
 * kernel code (the ELF loader, the initrd, self-tests).
 *
 * Layer: files (VFS), above paths, vnodes and open files. Paths are kernel
 * strings, resolved as path.h says; permissions are final (the system
 * calls apply the umask before calling). Everyone is root: permission
 * bits are stored and reported but only X_OK in vfs_access() looks at
 * them. Errors are negative errnos as POSIX gives them; a file system
 * without an operation (devfs has no create, unlink...) answers -EROFS.
 */
#ifndef FREEPORT_FS_VFS_H
#define FREEPORT_FS_VFS_H

#include <stddef.h>
#include <stdint.h>
#include "fs/file.h"
#include "fs/path.h"

/* open(): FP_O_* flags; `permissions` for FP_O_CREAT. A new file in *out.
 * A FIFO goes to the registered FIFO opener (-ENXIO while there is none);
 * a socket cannot be opened: -ENXIO. */
int vfs_open(const char *path, int flags, uint32_t permissions, struct file **out);

/* For kernel callers: open an existing file (no FP_O_CREAT), e.g.
 * vfs_open_path("/bin/init", FP_O_RDONLY, &file). A FIFO is -ENXIO: a
 * kernel caller never waits for a FIFO's other end. */
int vfs_open_path(const char *path, int flags, struct file **out);

/* Opening a FIFO vnode: the POSIX layer's (posix/fifo.c), registered once
 * at boot, since the file layer may not call up into it. It makes the
 * struct file in *out (it may sleep until the other end opens). */
typedef int (*vfs_fifo_opener)(struct vnode *fifo, int flags, struct file **out);
void vfs_set_fifo_opener(vfs_fifo_opener opener);

/* Make a node of `type` at `path`: mkdir is VNODE_DIRECTORY, mknod a
 * regular file, FIFO or socket. -EEXIST, -EISDIR (a trailing '/' on a
 * non-directory), -ENOENT, -ENOTDIR, -ENOSPC, -EROFS. */
int vfs_mknod(const char *path, enum vnode_type type, uint32_t permissions);

/* Create `parent->name` in `parent->dir`; a new reference in *out. */
int vfs_create_in(const struct path_parent *parent, enum vnode_type type, uint32_t permissions,
                  struct vnode **out);

int vfs_unlink(const char *path);
int vfs_rmdir(const char *path);
int vfs_rename(const char *old_path, const char *new_path);

int vfs_stat(const char *path, struct freeport_stat *out);

/* FP_F_OK or FP_R_OK | FP_W_OK | FP_X_OK: 0, -ENOENT..., -EACCES (X_OK on
 * a file with no execute bit), -EINVAL (other bits). */
int vfs_access(const char *path, int mode);

/* The current directory's absolute path in `buffer`: its length with the
 * NUL, -ERANGE (too small), -ENOENT (the directory was removed). */
long vfs_getcwd(char *buffer, size_t size);

#endif
