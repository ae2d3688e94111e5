/*
 * initrd.h - unpacking the initrd boot module into the root file system.
 *
 * Layer: files, above the VFS (it unpacks through vfs_open/vfs_mknod like
 * any other writer) and the pure cpio reader.
 */
#ifndef FREEPORT_FS_INITRD_H
#define FREEPORT_FS_INITRD_H

struct boot_info;

/* Unpack the module named "initrd" (else the first module) into "/".
 * Each entry that cannot be unpacked is reported and skipped; a malformed
 * archive is reported and its rest skipped. Never fails the boot. */
void initrd_unpack(const struct boot_info *boot_info);

#endif
