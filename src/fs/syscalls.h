/*
 * syscalls.h - the file system calls, kernel side.
 *
 * Layer: files (system-call side), above the VFS and descriptor tables.
 * The processes layer's syscall table calls these with the raw register
 * arguments; pointers are user addresses, validated here through
 * usercopy.h only (a bad one gets -EFAULT). Each returns its result (>= 0)
 * or a negative errno. Semantics are POSIX's, with the limits and
 * differences listed in docs/filesystem.md. One family per file:
 *   sys_file.c   descriptors and I/O      sys_path.c   the namespace
 *   sys_stat.c   stat, lstat, fstat       sys_dir.c    getdents
 */
#ifndef FREEPORT_FS_SYSCALLS_H
#define FREEPORT_FS_SYSCALLS_H

#include <stddef.h>
#include <stdint.h>
#include "uapi/freeport/abi.h"

#define FS_IOV_MAX 1024 /* readv/writev vector length limit */

/* sys_file.c */
long sys_open(const char *path, int flags, uint32_t mode);
long sys_close(int fd);
long sys_read(int fd, void *buffer, size_t length);
long sys_write(int fd, const void *buffer, size_t length);
long sys_lseek(int fd, int64_t offset, int whence);
long sys_readv(int fd, const struct freeport_iovec *vector, int count);
long sys_writev(int fd, const struct freeport_iovec *vector, int count);
long sys_dup(int fd);
long sys_dup2(int fd, int new_fd);
long sys_fcntl(int fd, int command, long argument);
long sys_ioctl(int fd, unsigned long request, void *argument);

/* sys_stat.c */
long sys_stat(const char *path, struct freeport_stat *status);
long sys_lstat(const char *path, struct freeport_stat *status);
long sys_fstat(int fd, struct freeport_stat *status);

/* sys_path.c */
long sys_mkdir(const char *path, uint32_t mode);
long sys_mknod(const char *path, uint32_t mode, uint64_t device);
long sys_rmdir(const char *path);
long sys_unlink(const char *path);
long sys_rename(const char *old_path, const char *new_path);
long sys_chdir(const char *path);
long sys_getcwd(char *buffer, size_t size);
long sys_umask(uint32_t mask);
long sys_access(const char *path, int mode);

/* sys_dir.c */
long sys_getdents(int fd, void *buffer, size_t length);

/* device_claim.c */
long sys_device_claim(int device);

#endif
