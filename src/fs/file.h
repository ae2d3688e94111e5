/*
 * file.h - open files: what open() makes and a descriptor points to.
 *
 * Layer: files (VFS), above vnodes, below the descriptor table. A struct
 * file is one open of a vnode: the offset, the access mode and the status
 * flags (FP_O_APPEND, FP_O_NONBLOCK). dup() and fork() share it, offset
 * included, so `refcount` counts the descriptors (in every process) and
 * kernel users pointing at it; the last file_put() closes it and drops its
 * vnode reference.
 *
 * A file whose bytes are not its vnode's (a pipe or FIFO end) also has
 * `ops`: a higher layer (src/posix/) made it with file_open_with_ops() and
 * the system calls go to those operations instead of the vnode's. The
 * vnode still says what the file is (fstat: S_IFIFO) and has no offset.
 *
 * For kernel code (the ELF loader): vfs_open_path() (vfs.h) opens a path,
 * file_read_at() reads at an offset without moving the file's own offset,
 * file_stat() says what the file is, file_put() closes it.
 */
#ifndef FREEPORT_FS_FILE_H
#define FREEPORT_FS_FILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "fs/vnode.h"

/* Flags a file keeps: the access mode and the changeable status flags. */
#define FILE_STATUS_FLAGS (FP_O_APPEND | FP_O_NONBLOCK)

struct file;

/* What poll sleeps on until a file's answer may change: an object of the
 * layer that made the file (an IPC object, opaque here) and the events of
 * that object to wait for. object NULL or events 0: nothing asked for can
 * change. A file whose answer rests on two objects (a stream socket reads
 * one stream and writes another) names the second in `also`. */
struct file_poll_wait {
    void *object;
    uint32_t events;
    void *also_object;
    uint32_t also_events;
};

/* The operations of a file whose bytes are not its vnode's. Unlike vnode
 * operations, read and write take the user's buffer itself and copy with
 * proc/usercopy.h: a pipe write of PIPE_BUF bytes must arrive whole, not in
 * bounce-buffer chunks. `flags` are the file's, with FP_O_NONBLOCK added
 * when the caller must not sleep (the later buffers of a readv). Results
 * are bytes moved or -errno, like the system calls'. */
struct file_ops {
    long (*read)(struct file *file, void *user_buffer, size_t length, int flags);
    long (*write)(struct file *file, const void *user_buffer, size_t length, int flags);
    /* `argument` is a kernel copy, as for vnodes; NULL: -ENOTTY. */
    int (*ioctl)(struct file *file, unsigned long request, void *argument);
    /* The last reference is gone; the vnode is still held. */
    void (*close)(struct file *file);
    /* poll: see file_poll. NULL: always ready, like a vnode's file. */
    int (*poll)(struct file *file, int wanted, struct file_poll_wait *wait);
    /* mmap of a device's memory (the VGA text buffer): the physical address
     * of bytes [offset, offset + length), contiguous, or -errno. NULL:
     * the file cannot be mapped (-ENODEV). */
    int (*mmap)(struct file *file, uint64_t offset, size_t length, uint64_t *physical);
};

struct file {
    struct vnode *vnode; /* a reference */
    uint64_t offset;     /* regular files and directories (the readdir cursor) */
    int flags;           /* FP_O_ACCMODE bits | FILE_STATUS_FLAGS bits */
    uint32_t refcount;
    const struct file_ops *ops; /* NULL: the vnode's operations */
    void *private;              /* the ops' own state (a pipe end's stream) */
};

/* A new file on `vnode` (which gets its own reference): 0 or -ENOMEM. */
int file_open_vnode(struct vnode *vnode, int flags, struct file **out);

/* The same, for a file with its own operations and their state. */
int file_open_with_ops(struct vnode *vnode, int flags, const struct file_ops *ops, void *private,
                       struct file **out);

struct file *file_get(struct file *file);
void file_put(struct file *file);

/* Read or write at the file's offset and advance it (writes with
 * FP_O_APPEND go to the end first). Bytes moved, 0 at end of file, or
 * -EBADF (not open for it), -EISDIR, -EINVAL (no such operation), -EAGAIN,
 * -EINTR, -ENOSPC, -EFBIG. */
long file_read(struct file *file, void *buffer, size_t length);
long file_write(struct file *file, const void *buffer, size_t length);

/* Read at `offset`, leaving the file's offset alone. */
long file_read_at(struct file *file, void *buffer, size_t length, uint64_t offset);

/* lseek: the new offset, -ESPIPE (not a regular file or directory),
 * -EINVAL (bad whence or a negative result), -EOVERFLOW. */
int64_t file_seek(struct file *file, int64_t offset, int whence);

/* Fill `buffer` with struct freeport_dirent records from the file's
 * offset on and advance it: bytes filled, 0 at the end, -ENOTDIR, or
 * -EINVAL when not even one record fits. (dirent.c) */
long file_getdents(struct file *file, void *buffer, size_t length);

void file_stat(const struct file *file, struct freeport_stat *out);

/* The FP_POLL* events (uapi abi.h) true of the file now, and in `wait`
 * what to sleep on until one of those `wanted` (or POLLERR, POLLHUP) may
 * become true. A file without a poll operation
 * (regular files, directories, /dev/null and the like) is always ready
 * for what its access mode allows: FP_POLLIN if readable, FP_POLLOUT if
 * writable, and never needs a wait. */
int file_poll(struct file *file, int wanted, struct file_poll_wait *wait);

bool file_readable(const struct file *file);
bool file_writable(const struct file *file);

/* Open files, for leak checks (SYS_kstat's `open_files`). */
uint64_t fs_count_open_files(void);

#endif
