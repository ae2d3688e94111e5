/*
 * devfs.h - the device file system mounted on /dev.
 *
 * Layer: files (a file system under the VFS). A fixed set of character
 * devices (devices.h) in one directory; nothing can be created, removed
 * or renamed there (-EROFS). Its vnodes live for ever.
 */
#ifndef FREEPORT_FS_DEVFS_H
#define FREEPORT_FS_DEVFS_H

#include "fs/vnode.h"

/* Set up the devices; the root directory with a reference. */
struct vnode *devfs_create_root(void);

/* The root directory (no new reference): /dev/pts's "..". */
struct vnode *devfs_root(void);

#endif
