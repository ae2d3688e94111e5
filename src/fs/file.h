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

struct file {
    struct vnode *vnode; /* a reference */
    uint64_t offset;     /* regular files and directories (the readdir cursor) */
    int flags;           /* FP_O_ACCMODE bits | FILE_STATUS_FLAGS bits */
    uint32_t refcount;
};

/* A new file on `vnode` (which gets its own reference): 0 or -ENOMEM. */
int file_open_vnode(struct vnode *vnode, int flags, struct file **out);

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

bool file_readable(const struct file *file);
bool file_writable(const struct file *file);

/* Open files, for leak checks (SYS_kstat's `open_files`). */
uint64_t fs_count_open_files(void);

#endif
