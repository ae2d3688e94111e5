/*
 * userland/libc/file.c - file descriptors: read, write, open, close, lseek,
 * readv, writev, dup, dup2, fcntl, ioctl, pipe and pipe2.
 *
 * Layer: libfreeport. Flags, commands and whence values are newlib's and pass
 * through untranslated (abi_check.c proves they equal the kernel's); struct
 * iovec has struct freeport_iovec's layout, so vectors pass through too.
 * read and write return _READ_WRITE_RETURN_TYPE, which newlib's x86_64-elf
 * headers make int (its libc.a was compiled so); the kernel's counts fit.
 */
#define _GNU_SOURCE /* pipe2 */
#include <fcntl.h>
#include <stdarg.h>
#include <sys/ioctl.h>
#include <sys/uio.h>
#include <unistd.h>
#include "syscall.h"

_READ_WRITE_RETURN_TYPE read(int fd, void *buffer, size_t length)
{
    return syscall_result(SYSCALL(SYS_read, fd, buffer, length));
}

_READ_WRITE_RETURN_TYPE write(int fd, const void *buffer, size_t length)
{
    return syscall_result(SYSCALL(SYS_write, fd, buffer, length));
}

int open(const char *path, int flags, ...)
{
    va_list arguments;
    va_start(arguments, flags);
    mode_t mode = (flags & O_CREAT) ? va_arg(arguments, int) : 0;
    va_end(arguments);
    return syscall_result(SYSCALL(SYS_open, path, flags, mode));
}

int close(int fd)
{
    return syscall_result(SYSCALL(SYS_close, fd));
}

off_t lseek(int fd, off_t offset, int whence)
{
    return syscall_result(SYSCALL(SYS_lseek, fd, offset, whence));
}

ssize_t readv(int fd, const struct iovec *vector, int count)
{
    return syscall_result(SYSCALL(SYS_readv, fd, vector, count));
}

ssize_t writev(int fd, const struct iovec *vector, int count)
{
    return syscall_result(SYSCALL(SYS_writev, fd, vector, count));
}

int dup(int fd)
{
    return syscall_result(SYSCALL(SYS_dup, fd));
}

int dup2(int fd, int new_fd)
{
    return syscall_result(SYSCALL(SYS_dup2, fd, new_fd));
}

/* Every fcntl command takes an int argument or none; reading one is harmless. */
int fcntl(int fd, int command, ...)
{
    va_list arguments;
    va_start(arguments, command);
    int argument = va_arg(arguments, int);
    va_end(arguments);
    return syscall_result(SYSCALL(SYS_fcntl, fd, command, argument));
}

int ioctl(int fd, unsigned long request, ...)
{
    va_list arguments;
    va_start(arguments, request);
    void *argument = va_arg(arguments, void *);
    va_end(arguments);
    return syscall_result(SYSCALL(SYS_ioctl, fd, request, argument));
}

int pipe2(int fds[2], int flags)
{
    return syscall_result(SYSCALL(SYS_pipe2, fds, flags));
}

int pipe(int fds[2])
{
    return pipe2(fds, 0);
}
