/*
 * userland/libc/memory.c - the address space: sbrk (newlib's malloc grows the
 * heap with it), mmap, munmap, mprotect, posix_memalign, getpagesize.
 *
 * Layer: libfreeport. SYS_brk moves the end of the heap and returns where it
 * is afterwards, so a refused move shows as an unchanged break. The cached
 * break is inherited by fork() along with the heap and starts over at exec.
 */
#include <errno.h>
#include <malloc.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>
#include "syscall.h"

#define PAGE_SIZE 4096

static uintptr_t current_break;

void *sbrk(ptrdiff_t increment)
{
    if (current_break == 0)
        current_break = (uintptr_t)SYSCALL(SYS_brk, 0);
    uintptr_t old_break = current_break;
    uintptr_t new_break = old_break + (uintptr_t)increment;
    if (increment != 0 && (uintptr_t)SYSCALL(SYS_brk, new_break) != new_break) {
        errno = ENOMEM;
        return (void *)-1;
    }
    current_break = new_break;
    return (void *)old_break;
}

void *mmap(void *address, size_t length, int protection, int flags, int fd, off_t offset)
{
    return (void *)syscall_result(SYSCALL(SYS_mmap, address, length, protection, flags, fd, offset));
}

int munmap(void *address, size_t length)
{
    return syscall_result(SYSCALL(SYS_munmap, address, length));
}

int mprotect(void *address, size_t length, int protection)
{
    return syscall_result(SYSCALL(SYS_mprotect, address, length, protection));
}

int posix_memalign(void **memory, size_t alignment, size_t size)
{
    if (alignment % sizeof(void *) != 0 || (alignment & (alignment - 1)) != 0)
        return EINVAL;
    void *block = memalign(alignment, size);
    if (block == NULL)
        return ENOMEM;
    *memory = block;
    return 0;
}

int getpagesize(void)
{
    return PAGE_SIZE;
}
