/*
 * bench/os_freeport.c - what the benchmark does differently on Freeport.
 *
 * Layer: user program (the Freeport build of bench/; os_linux.c is its
 * counterpart). libfreeport's getpid() is one SYS_getpid call, never cached.
 */
#include <unistd.h>
#include "bench.h"

long os_null_syscall(void)
{
    return getpid();
}
