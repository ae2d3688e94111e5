/*
 * fs.h - bringing up the file layer at boot.
 *
 * Layer: files. kmain calls fs_init() once, after memory_init() and before
 * any process exists.
 */
#ifndef FREEPORT_FS_FS_H
#define FREEPORT_FS_FS_H

struct boot_info;

/* Mount a ramfs as "/", unpack the initrd into it, make /tmp, /var/run and
 * /dev if the initrd did not, and mount devfs on /dev. Reports on the
 * console; panics only if "/" itself cannot be made. */
void fs_init(const struct boot_info *boot_info);

#endif
