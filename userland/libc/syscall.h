/*
 * userland/libc/syscall.h - how the C library enters the kernel.
 *
 * Layer: libfreeport (user space), private to userland/libc/. Every stub in
 * this directory is `return syscall_result(SYSCALL(SYS_x, args...));`, or a
 * conversion around it.
 *
 * The convention is <freeport/syscall.h>'s: number in %rax, arguments in
 * %rdi %rsi %rdx %r10 %r8 %r9, result in %rax (-4095..-1 is -errno), %rcx and
 * %r11 clobbered. Unused argument registers are passed as 0.
 */
#ifndef USERLAND_LIBC_SYSCALL_H
#define USERLAND_LIBC_SYSCALL_H

#include <errno.h>
#include <freeport/syscall.h>
#include <freeport/abi.h>

static inline long syscall6(long number, long a1, long a2, long a3, long a4, long a5, long a6)
{
    register long r10 __asm__("r10") = a4;
    register long r8 __asm__("r8") = a5;
    register long r9 __asm__("r9") = a6;
    long result;

    __asm__ volatile("syscall"
                     : "=a"(result)
                     : "a"(number), "D"(a1), "S"(a2), "d"(a3), "r"(r10), "r"(r8), "r"(r9)
                     : "rcx", "r11", "memory");
    return result;
}

/* SYSCALL(SYS_write, fd, buffer, length): zero to six arguments, any scalar or pointer. */
#define SYSCALL(...) SYSCALL_PAD(__VA_ARGS__, 0, 0, 0, 0, 0, 0)
#define SYSCALL_PAD(number, a1, a2, a3, a4, a5, a6, ...)                                                     \
    syscall6((number), (long)(a1), (long)(a2), (long)(a3), (long)(a4), (long)(a5), (long)(a6))

/* The POSIX convention: a kernel error becomes errno and -1. */
static inline long syscall_result(long result)
{
    if (result < 0 && result >= -4095) {
        errno = (int)-result;
        return -1;
    }
    return result;
}

#endif
