/*
 * userland/libc/path.c - calls that name files: mkdir, rmdir, unlink, rename,
 * link, mknod, mkfifo, chdir, getcwd, umask, access.
 *
 * Layer: libfreeport. One system call each, except link(): Freeport's file
 * systems have no hard links yet, so it fails with ENOSYS. mkfifo is mknod
 * of an S_IFIFO node.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>
#include "syscall.h"

int mkdir(const char *path, mode_t mode)
{
    return syscall_result(SYSCALL(SYS_mkdir, path, mode));
}

int rmdir(const char *path)
{
    return syscall_result(SYSCALL(SYS_rmdir, path));
}

int unlink(const char *path)
{
    return syscall_result(SYSCALL(SYS_unlink, path));
}

int rename(const char *old_path, const char *new_path)
{
    return syscall_result(SYSCALL(SYS_rename, old_path, new_path));
}

int link(const char *existing_path, const char *new_path)
{
    (void)existing_path;
    (void)new_path;
    errno = ENOSYS;
    return -1;
}

int mknod(const char *path, mode_t mode, dev_t device)
{
    return syscall_result(SYSCALL(SYS_mknod, path, mode, device));
}

int mkfifo(const char *path, mode_t mode)
{
    return mknod(path, S_IFIFO | (mode & 07777), 0);
}

int chdir(const char *path)
{
    return syscall_result(SYSCALL(SYS_chdir, path));
}

/* getcwd(NULL, size) allocates the buffer (size 0: PATH_MAX), as glibc and BSDs do. */
char *getcwd(char *buffer, size_t size)
{
    char *allocated = NULL;
    if (buffer == NULL) {
        size = size > 0 ? size : PATH_MAX;
        buffer = allocated = malloc(size);
        if (buffer == NULL)
            return NULL;
    }
    if (syscall_result(SYSCALL(SYS_getcwd, buffer, size)) < 0) {
        free(allocated);
        return NULL;
    }
    return buffer;
}

mode_t umask(mode_t mask)
{
    return (mode_t)SYSCALL(SYS_umask, mask);
}

int access(const char *path, int mode)
{
    return syscall_result(SYSCALL(SYS_access, path, mode));
}
