/*
 * userland/libc/stat.c - stat, fstat, lstat: struct freeport_stat to newlib's
 * struct stat.
 *
 * Layer: libfreeport. The kernel fills the fixed-width struct freeport_stat
 * (<freeport/abi.h>); the mode bits are the same in both (abi_check.c), only
 * the field types and names differ.
 */
#include <sys/stat.h>
#include "syscall.h"

static int stat_from_kernel(long result, const struct freeport_stat *kernel, struct stat *status)
{
    if (result < 0)
        return syscall_result(result);
    *status = (struct stat){
        .st_dev = kernel->dev,
        .st_ino = kernel->ino,
        .st_mode = kernel->mode,
        .st_nlink = kernel->nlink,
        .st_uid = kernel->uid,
        .st_gid = kernel->gid,
        .st_rdev = kernel->rdev,
        .st_size = kernel->size,
        .st_atim = {kernel->atime.tv_sec, kernel->atime.tv_nsec},
        .st_mtim = {kernel->mtime.tv_sec, kernel->mtime.tv_nsec},
        .st_ctim = {kernel->ctime.tv_sec, kernel->ctime.tv_nsec},
        .st_blksize = kernel->blksize,
        .st_blocks = kernel->blocks,
    };
    return 0;
}

int stat(const char *restrict path, struct stat *restrict status)
{
    struct freeport_stat kernel;
    return stat_from_kernel(SYSCALL(SYS_stat, path, &kernel), &kernel, status);
}

int lstat(const char *restrict path, struct stat *restrict status)
{
    struct freeport_stat kernel;
    return stat_from_kernel(SYSCALL(SYS_lstat, path, &kernel), &kernel, status);
}

int fstat(int fd, struct stat *status)
{
    struct freeport_stat kernel;
    return stat_from_kernel(SYSCALL(SYS_fstat, fd, &kernel), &kernel, status);
}
