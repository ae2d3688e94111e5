/*
 * ramfs.h - the in-memory file system that holds "/".
 *
 * Layer: files (a file system under the VFS). Everything lives in kernel
 * memory and is gone at reboot: directories are lists of entries, regular
 * files are arrays of 4 KiB frames (holes read as zeros). FIFO and socket
 * nodes are names only. Files grow to at most RAMFS_MAX_FILE_SIZE.
 */
#ifndef FREEPORT_FS_RAMFS_H
#define FREEPORT_FS_RAMFS_H

#include "fs/vnode.h"

#define RAMFS_MAX_FILE_SIZE (1ULL << 30) /* 1 GiB: -EFBIG past it */

/* A new, empty ramfs: its root directory with one reference, or NULL when
 * memory is short. */
struct vnode *ramfs_create_root(void);

#endif
