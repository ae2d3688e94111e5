/*
 * bench/os_linux.c - what the benchmark does differently on Linux.
 *
 * Layer: user program (the Linux build of bench/; os_freeport.c is its
 * counterpart). syscall(SYS_getpid) enters the kernel every time, whatever
 * the C library's getpid() caches.
 */
#include <sys/syscall.h>
#include <unistd.h>
#include "bench.h"

long os_null_syscall(void)
{
    return syscall(SYS_getpid);
}
