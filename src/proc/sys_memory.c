/*
 * sys_memory.c - brk, mmap, munmap, mprotect: a process shapes its own
 * address space (user_memory.h).
 *
 * Layer: processes (system-call side). Anonymous private mappings
 * (MAP_PRIVATE | MAP_ANONYMOUS, optionally MAP_FIXED) have their pages
 * zero-filled on first touch. The one file mapping is a device's memory
 * (MAP_SHARED of a file whose operations have mmap: the claimed VGA
 * screen), mapped at once and, like IPC's shared regions, not inherited
 * by fork nor changed by mprotect. W^X holds here as for programs: a
 * range cannot be writable and executable at once (-EACCES).
 */
#include "proc/process.h"
#include "proc/syscall.h"
#include "proc/user_memory.h"
#include "errno.h"
#include "fs/fd_table.h"
#include "fs/file.h"

#define MAP_FLAGS_KNOWN (FP_MAP_PRIVATE | FP_MAP_SHARED | FP_MAP_ANONYMOUS | FP_MAP_FIXED)
#define DEVICE_MAPPING  (UINT64_C(1) << 63) /* device mappings' shared ids: apart from IPC's */
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
    bool anonymous =
        (flags & (FP_MAP_PRIVATE | FP_MAP_SHARED | FP_MAP_ANONYMOUS)) == (FP_MAP_PRIVATE | FP_MAP_ANONYMOUS);
    bool device = (flags & (FP_MAP_PRIVATE | FP_MAP_SHARED | FP_MAP_ANONYMOUS)) == FP_MAP_SHARED;

    if ((flags & ~MAP_FLAGS_KNOWN) || !(anonymous || device))
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

/* The device memory behind `fd` for a mapping of `size` bytes at
 * `offset` with `protection`: 0 and its physical address, or -errno
 * (-EBADF; -ENODEV: not a device with memory; -EACCES: not readable, or
 * writing a file not open for it; or the device's own refusal). */
static long device_memory(int fd, int64_t offset, size_t size, int protection, uint64_t *physical)
{
    struct file *file = fd_current_file(fd);
    long error;

    if (!file)
        return -EBADF;
    if (!file->ops || !file->ops->mmap)
        error = -ENODEV;
    else if (!(protection & FP_PROT_READ) || !file_readable(file) ||
             ((protection & FP_PROT_WRITE) && !file_writable(file)))
        error = -EACCES;
    else
        error = file->ops->mmap(file, (uint64_t)offset, size, physical);
    file_put(file);
    return error;
}

static long map_pages(struct user_memory *memory, uintptr_t address, size_t size, int protection, int flags,
                      uint64_t physical)
{
    static uint64_t last_device_mapping;

    if (!(flags & FP_MAP_SHARED))
        return user_memory_map(memory, address, size, (unsigned)protection);
    return user_memory_map_device(memory, address, physical, size / PAGE_SIZE, (unsigned)protection,
                                  DEVICE_MAPPING | ++last_device_mapping);
}

long sys_mmap(uintptr_t address, size_t length, int protection, int flags, int fd, int64_t offset)
{
    struct user_memory *memory = current_memory();
    size_t size = page_length(length);
    long error = check_map_request(address, protection, flags, offset);
    uint64_t physical = 0;

    if (error)
        return error;
    if (!size)
        return length ? -ENOMEM : -EINVAL;
    if ((flags & FP_MAP_SHARED) && (error = device_memory(fd, offset, size, protection, &physical)) < 0)
        return error;
    if (flags & FP_MAP_FIXED) {
        error = user_memory_unmap(memory, address, size);
        if (error)
            return error;
    } else if (!(address = choose_address(memory, address, size))) {
        return -ENOMEM;
    }
    error = map_pages(memory, address, size, protection, flags, physical);
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
