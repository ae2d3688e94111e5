/*
 * usercopy.c - copying between kernel buffers and the current process's
 * user memory, with every byte checked first.
 *
 * Layer: processes, on user_memory.c. The kernel never dereferences a user
 * pointer: user_memory_read/write ask the current address space where each
 * page lives (the region must allow the access; a page not touched yet is
 * made, a shared copy-on-write page is copied before a write) and copy
 * through the direct map. So a bad pointer can only ever produce -EFAULT,
 * never a kernel page fault. A copy checks the whole range before moving a
 * byte, so a failed copy changes nothing in its destination.
 *
 * Invariants: called from system calls of a user thread (a kernel thread
 * has no user memory: always -EFAULT); nothing else changes the address
 * space between the check and the copy (no preemption in the kernel, one
 * thread per process).
 */
#include "proc/usercopy.h"
#include "proc/process.h"
#include "proc/user_memory.h"
#include "errno.h"
#include "lib/string.h"

static struct user_memory *current_memory(void)
{
    struct process *process = process_current();

    return process ? process->memory : NULL;
}

int copy_from_user(void *kernel_dest, const void *user_src, size_t length)
{
    struct user_memory *memory = current_memory();

    if (length == 0)
        return 0;
    return memory ? user_memory_read(memory, kernel_dest, (uintptr_t)user_src, length) : -EFAULT;
}

int copy_to_user(void *user_dest, const void *kernel_src, size_t length)
{
    struct user_memory *memory = current_memory();

    if (length == 0)
        return 0;
    return memory ? user_memory_write(memory, (uintptr_t)user_dest, kernel_src, length) : -EFAULT;
}

int copy_to_process(struct process *process, void *user_dest, const void *kernel_src, size_t length)
{
    if (length == 0)
        return 0;
    return process->memory ? user_memory_write(process->memory, (uintptr_t)user_dest, kernel_src, length)
                           : -EFAULT;
}

/* Page by page: a string may end just before an unmapped page. */
long strncpy_from_user(char *kernel_dest, const char *user_src, size_t size)
{
    uintptr_t address = (uintptr_t)user_src;
    size_t copied = 0;

    while (copied < size) {
        size_t to_page_end = PAGE_SIZE - address % PAGE_SIZE;
        size_t chunk = size - copied < to_page_end ? size - copied : to_page_end;
        if (copy_from_user(kernel_dest + copied, (const void *)address, chunk) < 0)
            return -EFAULT;
        const char *nul = memchr(kernel_dest + copied, 0, chunk);
        if (nul)
            return nul - kernel_dest;
        copied += chunk;
        address += chunk;
    }
    return -ENAMETOOLONG;
}
