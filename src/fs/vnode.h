/*
 * vnode.h - the VFS's file object: one vnode per file, directory or device,
 * whatever file system holds it, and the operations a file system gives it.
 *
 * Layer: files, the bottom of the VFS. Above: paths (path.c), open files
 * (file.c). Below: each file system (ramfs, devfs) embeds a struct vnode in
 * its own node and fills in a struct vnode_ops.
 *
 * Lifetime: a vnode lives while it has references (`refcount`: open files,
 * working directories, a path walk in progress, a mount) or names
 * (`nlink`: directory entries). vnode_put() dropping the last reference of
 * a vnode with no names destroys it (ops->release frees the file system's
 * node). So an unlinked file stays readable until its last file is closed.
 *
 * Operations take kernel buffers, never user pointers; names are single
 * components (no '/'), NUL-terminated, neither "." nor ".." except for
 * lookup. An absent operation means "not supported": the VFS answers with
 * the errno POSIX gives for that case. Kernel code is not preempted (the
 * scheduler switches only in wait_queue_sleep or at return to user mode),
 * so no vnode needs a lock.
 */
#ifndef FREEPORT_FS_VNODE_H
#define FREEPORT_FS_VNODE_H

#include <stddef.h>
#include <stdint.h>
#include "uapi/freeport/abi.h"

#define FS_NAME_MAX 255  /* bytes in one path component */
#define FS_PATH_MAX 4096 /* bytes in a path, its NUL included */

enum vnode_type {
    VNODE_REGULAR,
    VNODE_DIRECTORY,
    VNODE_CHAR_DEVICE,
    VNODE_FIFO,   /* a named FIFO, or an anonymous pipe's vnode: opened by the POSIX layer */
    VNODE_SOCKET, /* a Unix socket's name: bind() makes it, connect() finds the socket by it */
};

struct vnode;
struct mount;
struct stream;
struct unix_socket;
struct file;

/* One directory entry, as readdir reports it. `name` points into the file
 * system and is valid until the directory next changes. */
struct vnode_dirent {
    uint64_t ino;
    enum vnode_type type;
    const char *name;
};

struct vnode_ops {
    /* Directories. lookup returns a new reference in *out; so does create,
     * which makes a vnode of `type` (a directory too) with `permissions`. */
    int (*lookup)(struct vnode *dir, const char *name, struct vnode **out);
    int (*create)(struct vnode *dir, const char *name, enum vnode_type type, uint32_t permissions,
                  struct vnode **out);
    int (*unlink)(struct vnode *dir, const char *name); /* not a directory */
    int (*rmdir)(struct vnode *dir, const char *name);  /* an empty directory */
    int (*rename)(struct vnode *old_dir, const char *old_name, struct vnode *new_dir, const char *new_name);
    /* The first entry at or after *cursor ("." is 0, ".." is 1): 1 and
     * *cursor moved past it, or 0 at the end. */
    int (*readdir)(struct vnode *dir, uint64_t *cursor, struct vnode_dirent *out);

    /* Contents. `flags` are the open file's FP_O_* flags (FP_O_NONBLOCK). */
    long (*read)(struct vnode *vnode, void *buffer, size_t length, uint64_t offset, int flags);
    long (*write)(struct vnode *vnode, const void *buffer, size_t length, uint64_t offset, int flags);
    int (*truncate)(struct vnode *vnode, uint64_t size);
    /* `argument` is a kernel copy of the request's structure (sys_ioctl
     * copies it in and out); -ENOTTY for an unknown request. */
    int (*ioctl)(struct vnode *vnode, unsigned long request, void *argument);

    /* A device that makes its own open files (terminals: file_ops and a
     * count of opens): the new file in *out. NULL: an ordinary file on
     * the vnode (file_open_vnode). */
    int (*open)(struct vnode *vnode, int flags, struct file **out);

    /* The vnode dies: free the file system's node holding it. */
    void (*release)(struct vnode *vnode);
};

struct vnode {
    enum vnode_type type;
    uint32_t permissions; /* mode & 07777 */
    uint32_t refcount;
    uint32_t nlink;
    uint64_t ino;
    uint64_t device;      /* stat's dev: which file system */
    uint64_t rdev;        /* character devices: major << 8 | minor */
    uint64_t size;        /* bytes (regular files) */
    uint64_t blocks;      /* 512-byte units of storage held */
    uint64_t access_tick; /* arch_ticks() of the last read */
    uint64_t modify_tick; /* ... of the last change of contents */
    uint64_t change_tick; /* ... of the last change of contents or attributes */
    const struct vnode_ops *ops;
    struct mount *mounted_here; /* a file system is mounted on this directory */
    struct mount *root_of;      /* this vnode is the root of that mount */
    /* VNODE_FIFO: the byte stream its open ends share, NULL while none is
     * open. Owned by the POSIX layer (posix/pipe.c); opaque here. */
    struct stream *fifo_stream;
    /* VNODE_SOCKET: the socket bound to this name, NULL once it has
     * closed (or for a name mknod made). Owned by posix/unix_listen.c. */
    struct unix_socket *bound_socket;
};

/* Fill in a vnode for a file system that just made it: one reference (the
 * caller's), no names, times now. Counts it in fs_count_vnodes(). */
void vnode_init(struct vnode *vnode, enum vnode_type type, uint32_t permissions, const struct vnode_ops *ops);

struct vnode *vnode_get(struct vnode *vnode);
void vnode_put(struct vnode *vnode);

/* Record a read, a change of contents (modify and change times), or a
 * change of attributes (links, mode). */
void vnode_touch_accessed(struct vnode *vnode);
void vnode_touch_modified(struct vnode *vnode);
void vnode_touch_changed(struct vnode *vnode);

/* FP_S_IF* | permissions, and the FP_DT_* of a type. */
uint32_t vnode_mode(const struct vnode *vnode);
uint8_t vnode_dirent_type(enum vnode_type type);

void vnode_stat(const struct vnode *vnode, struct freeport_stat *out);

/* Live vnodes, for leak checks (SYS_kstat's `vnodes`). */
uint64_t fs_count_vnodes(void);

#endif
