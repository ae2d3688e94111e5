/*
 * sys_memory.c - brk, mmap, munmap, mprotect: a process shapes its own
 * address space (user_memory.h).
 *
 * Layer: processes (system-call side). Only anonymous private mappings
 * exist (MAP_PRIVATE | MAP_ANONYMOUS, optionally MAP_FIXED); their pages
 * are zero-filled on first touch. W^X holds here as for programs: a range
 * cannot be writable and executable at once (-EACCES).
 */
#include "proc/process.h"
#include "proc/syscall.h"
#include "proc/user_memory.h"
#include "errno.h"

#define MAP_FLAGS_KNOWN (FP_MAP_PRIVATE | FP_MAP_ANONYMOUS | FP_MAP_FIXED)
#define PROT_ALL        (FP_PROT_READ | FP_PROT_WRITE | FP_PROT_EXEC)

static struct user_memory *current_memory(void)
{
    return process_current()->memory;
}

long sys_brk(uintptr_t address)
{
    struct user_memory *memory = current_memory();

    if (address)
        user_memory_set_break(memory, address);
    return (long)memory->break_end;
}

static int check_protection(int protection)
{
    if (protection & ~PROT_ALL)
        return -EINVAL;
    if ((protection & FP_PROT_WRITE) && (protection & FP_PROT_EXEC))
        return -EACCES;
    return 0;
}

/* `length` rounded up to whole pages, or 0 if it is 0 or absurd. */
static size_t page_length(size_t length)
{
    return length == 0 || length > USER_SPACE_END ? 0 : PAGE_ROUND_UP(length);
}

static int check_map_request(uintptr_t address, int protection, int flags, int64_t offset)
{
    if ((flags & ~MAP_FLAGS_KNOWN) || !(flags & FP_MAP_PRIVATE) || !(flags & FP_MAP_ANONYMOUS))
        return -EINVAL;
    if (offset % (int64_t)PAGE_SIZE || ((flags & FP_MAP_FIXED) && address % PAGE_SIZE))
        return -EINVAL;
    return check_protection(protection);
}

/* Where a mapping without MAP_FIXED goes: the hint if that range is free,
 * else the lowest free range from USER_MMAP_BASE up (0: none). */
static uintptr_t choose_address(struct user_memory *memory, uintptr_t hint, size_t length)
{
    hint = PAGE_ROUND_DOWN(hint);
    if (hint >= USER_MIN_ADDRESS && hint < USER_STACK_BASE && length <= USER_STACK_BASE - hint &&
        user_memory_is_free(memory, hint, length))
        return hint;
    return user_memory_find_free(memory, length);
}

long sys_mmap(uintptr_t address, size_t length, int protection, int flags, int fd, int64_t offset)
{
    struct user_memory *memory = current_memory();
    size_t size = page_length(length);
    int error = check_map_request(address, protection, flags, offset);

    (void)fd; /* anonymous mappings ignore it */
    if (error)
        return error;
    if (!size)
        return length ? -ENOMEM : -EINVAL;
    if (flags & FP_MAP_FIXED) {
        error = user_memory_unmap(memory, address, size);
        if (error)
            return error;
    } else if (!(address = choose_address(memory, address, size))) {
        return -ENOMEM;
    }
    error = user_memory_map(memory, address, size, (unsigned)protection);
    return error ? error : (long)address;
}

long sys_munmap(uintptr_t address, size_t length)
{
    size_t size = page_length(length);

    if (address % PAGE_SIZE || !size)
        return -EINVAL;
    return user_memory_unmap(current_memory(), address, size);
}

long sys_mprotect(uintptr_t address, size_t length, int protection)
{
    size_t size = page_length(length);
    int error = check_protection(protection);

    if (error)
        return error;
    if (address % PAGE_SIZE)
        return -EINVAL;
    if (length == 0)
        return 0;
    if (!size)
        return -ENOMEM;
    return user_memory_protect(current_memory(), address, size, (unsigned)protection);
}
