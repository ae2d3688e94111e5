/*
 * user_memory.c - user address spaces: regions, lazily made pages, fork's
 * copy-on-write, the break.
 *
 * Layer: processes (see user_memory.h for the rules). Page flags follow
 * from the region: PAGE_USER | PAGE_OWNED, PAGE_EXEC for FP_PROT_EXEC,
 * PAGE_WRITE for FP_PROT_WRITE unless the frame is shared, PAGE_COW when it
 * is shared in a writable region. Regions with FP_PROT_NONE have no pages.
 * Shared regions (shared_id != 0) are the exception: mapped whole by
 * user_memory_map_shared, writable if their protection says so whatever
 * the frame's owner count, skipped by fork and refused by mprotect.
 *
 * Invariants: every present user page lies inside a region whose
 * protection allows reading; resident_pages counts them. Called only by the
 * owning process's thread (or by fork/exec/exit for it), so no lock.
 */
#include "proc/user_memory.h"
#include "proc/memory_region.h"
#include "arch/arch.h"
#include "errno.h"
#include "lib/string.h"
#include "mm/frame.h"
#include "mm/heap.h"
#include "selftest.h"
#include "uapi/freeport/abi.h"

static bool is_user_range(uintptr_t start, size_t length)
{
    return start >= USER_MIN_ADDRESS && start < USER_STACK_TOP && start % PAGE_SIZE == 0 && length > 0 &&
           length % PAGE_SIZE == 0 && length <= USER_STACK_TOP - start;
}

/* The page flags for a frame of a region with `protection`. */
static unsigned page_flags(unsigned protection, bool shared)
{
    unsigned flags = PAGE_USER | PAGE_OWNED;

    if (protection & FP_PROT_EXEC)
        flags |= PAGE_EXEC;
    if (protection & FP_PROT_WRITE)
        flags |= shared ? PAGE_COW : PAGE_WRITE;
    return flags;
}

struct user_memory *user_memory_create(void)
{
    struct user_memory *memory = kzalloc(sizeof(*memory));

    if (!memory)
        return NULL;
    list_init(&memory->regions);
    if (address_space_create(&memory->pages) < 0) {
        kfree(memory);
        return NULL;
    }
    return memory;
}

void user_memory_destroy(struct user_memory *memory)
{
    address_space_destroy(&memory->pages);
    region_free_all(&memory->regions);
    kfree(memory);
}

/* The mapped pages of [start, end), skipping what was never touched
 * (a region may span terabytes of which few pages exist). */
#define for_each_mapped_page(page, memory, start, end)                                                       \
    for (uintptr_t page = paging_next_mapped(&(memory)->pages, (start), (end)); page < (end);                \
         page = paging_next_mapped(&(memory)->pages, page + PAGE_SIZE, (end)))

/* Unmap every page in [start, end) and give up its frame (device memory
 * is not a frame: it is only unmapped). */
static void release_pages(struct user_memory *memory, uintptr_t start, uintptr_t end)
{
    for_each_mapped_page(page, memory, start, end) {
        uint64_t frame;
        unsigned flags;
        paging_translate(&memory->pages, page, &frame, &flags);
        paging_unmap(&memory->pages, page);
        if (flags & PAGE_OWNED)
            frame_release(frame);
        memory->resident_pages--;
    }
}

/* Share the parent's (mapped) page at `page` with the child,
 * copy-on-write if the region is writable. */
static int share_page(struct user_memory *parent, struct user_memory *child, uintptr_t page,
                      unsigned protection)
{
    uint64_t frame;
    unsigned flags;

    paging_translate(&parent->pages, page, &frame, &flags);
    int error = paging_map(&child->pages, page, frame, page_flags(protection, true));
    if (error)
        return error;
    frame_share(frame);
    child->resident_pages++;
    return paging_protect(&parent->pages, page, page_flags(protection, true));
}

static int share_region(struct user_memory *parent, struct user_memory *child,
                        const struct memory_region *region)
{
    for_each_mapped_page(page, parent, region->start, region->end) {
        int error = share_page(parent, child, page, region->protection);
        if (error)
            return error;
    }
    return 0;
}

static int share_all_regions(struct user_memory *parent, struct user_memory *child)
{
    list_for_each(node, &parent->regions) {
        if (region_of(node)->shared_id)
            continue; /* not the child's: region_copy_private left it out */
        int error = share_region(parent, child, region_of(node));
        if (error)
            return error;
    }
    return 0;
}

struct user_memory *user_memory_fork(struct user_memory *parent)
{
    struct user_memory *child = user_memory_create();
    int error;

    if (!child)
        return NULL;
    child->break_start = parent->break_start;
    child->break_end = parent->break_end;
    error = region_copy_private(&child->regions, &parent->regions);
    if (!error)
        error = share_all_regions(parent, child);
    if (error) {
        user_memory_destroy(child);
        return NULL;
    }
    return child;
}

bool user_memory_is_free(struct user_memory *memory, uintptr_t start, size_t length)
{
    struct memory_region *region = region_first_ending_after(&memory->regions, start);

    return !region || region->start >= start + length;
}

int user_memory_map(struct user_memory *memory, uintptr_t start, size_t length, unsigned protection)
{
    if (!is_user_range(start, length))
        return -EINVAL;
    if (!user_memory_is_free(memory, start, length))
        return -EEXIST;
    return region_insert(&memory->regions, start, start + length, protection, 0);
}

/* Cut regions so that start and end are boundaries. */
static int split_range(struct user_memory *memory, uintptr_t start, uintptr_t end)
{
    int error = region_split_at(&memory->regions, start);

    return error ? error : region_split_at(&memory->regions, end);
}

/* Remove the regions and pages of [start, end), a checked user range. */
static int remove_range(struct user_memory *memory, uintptr_t start, uintptr_t end)
{
    struct memory_region *region;
    int error = split_range(memory, start, end);

    if (error)
        return error;
    while ((region = region_first_ending_after(&memory->regions, start)) && region->start < end) {
        release_pages(memory, region->start, region->end);
        region_remove(region);
    }
    return 0;
}

int user_memory_unmap(struct user_memory *memory, uintptr_t start, size_t length)
{
    if (!is_user_range(start, length))
        return -EINVAL;
    return remove_range(memory, start, start + length);
}

/* Is [start, end) covered by private regions without a hole? -ENOMEM
 * for a hole, -EACCES for a shared region. */
static int check_protectable(struct user_memory *memory, uintptr_t start, uintptr_t end)
{
    while (start < end) {
        struct memory_region *region = region_find(&memory->regions, start);
        if (!region)
            return -ENOMEM;
        if (region->shared_id)
            return -EACCES;
        start = region->end;
    }
    return 0;
}

/* Give the present pages of `region` the flags of its (new) protection. */
static void reprotect_pages(struct user_memory *memory, struct memory_region *region)
{
    for_each_mapped_page(page, memory, region->start, region->end) {
        uint64_t frame;
        unsigned flags;
        paging_translate(&memory->pages, page, &frame, &flags);
        paging_protect(&memory->pages, page, page_flags(region->protection, frame_owners(frame) > 1));
    }
}

int user_memory_protect(struct user_memory *memory, uintptr_t start, size_t length, unsigned protection)
{
    uintptr_t end = start + length;
    int error;

    if (!is_user_range(start, length))
        return -EINVAL;
    error = check_protectable(memory, start, end);
    if (!error)
        error = split_range(memory, start, end);
    if (error)
        return error;
    for (struct memory_region *region = region_find(&memory->regions, start); region && region->start < end;
         region = region_first_ending_after(&memory->regions, region->end)) {
        region->protection = protection;
        if (protection == FP_PROT_NONE)
            release_pages(memory, region->start, region->end);
        else
            reprotect_pages(memory, region);
    }
    return 0;
}

/* Map `frames` at `start` (a new region's pages): all or none. */
static int map_shared_pages(struct user_memory *memory, uintptr_t start, const uint64_t *frames, size_t count,
                            unsigned protection)
{
    for (size_t index = 0; index < count; index++) {
        int error = paging_map(&memory->pages, start + index * PAGE_SIZE, frames[index],
                               page_flags(protection, false));
        if (error) {
            release_pages(memory, start, start + index * PAGE_SIZE);
            return error;
        }
        frame_share(frames[index]);
        memory->resident_pages++;
    }
    return 0;
}

/* Device pages: mapped without PAGE_OWNED, so neither release_pages nor
 * address_space_destroy ever frees them. */
static int map_device_pages(struct user_memory *memory, uintptr_t start, uint64_t physical, size_t count,
                            unsigned protection)
{
    unsigned flags = PAGE_USER | ((protection & FP_PROT_WRITE) ? PAGE_WRITE : 0);

    for (size_t index = 0; index < count; index++) {
        int error =
            paging_map(&memory->pages, start + index * PAGE_SIZE, physical + index * PAGE_SIZE, flags);
        if (error) {
            release_pages(memory, start, start + index * PAGE_SIZE);
            return error;
        }
        memory->resident_pages++;
    }
    return 0;
}

/* Where a shared region's pages come from: RAM frames (frames != NULL,
 * shared with their other owners) or device memory from `physical` on. */
struct shared_pages {
    const uint64_t *frames;
    uint64_t physical;
};

static int add_shared_region(struct user_memory *memory, uintptr_t start, size_t count, unsigned protection,
                             uint64_t shared_id, const struct shared_pages *pages)
{
    size_t length = count * PAGE_SIZE;
    int error;

    if (!shared_id || count > USER_SPACE_END / PAGE_SIZE || (protection & ~FP_PROT_WRITE) != FP_PROT_READ ||
        !is_user_range(start, length))
        return -EINVAL;
    if (!user_memory_is_free(memory, start, length))
        return -EEXIST;
    error = region_insert(&memory->regions, start, start + length, protection, shared_id);
    if (error)
        return error;
    error = pages->frames ? map_shared_pages(memory, start, pages->frames, count, protection)
                          : map_device_pages(memory, start, pages->physical, count, protection);
    if (error)
        remove_range(memory, start, start + length);
    return error;
}

int user_memory_map_shared(struct user_memory *memory, uintptr_t start, const uint64_t *frames, size_t count,
                           unsigned protection, uint64_t shared_id)
{
    struct shared_pages pages = {frames, 0};

    return frames ? add_shared_region(memory, start, count, protection, shared_id, &pages) : -EINVAL;
}

int user_memory_map_device(struct user_memory *memory, uintptr_t start, uint64_t physical, size_t count,
                           unsigned protection, uint64_t shared_id)
{
    struct shared_pages pages = {NULL, physical};

    return physical % PAGE_SIZE ? -EINVAL
                                : add_shared_region(memory, start, count, protection, shared_id, &pages);
}

void user_memory_unmap_shared(struct user_memory *memory, uint64_t shared_id)
{
    list_for_each_safe(node, &memory->regions) {
        struct memory_region *region = region_of(node);
        if (region->shared_id == shared_id) {
            release_pages(memory, region->start, region->end);
            region_remove(region);
        }
    }
}

uintptr_t user_memory_find_free(struct user_memory *memory, size_t length)
{
    uintptr_t candidate = USER_MMAP_BASE;

    if (length == 0 || length > USER_STACK_BASE - USER_MMAP_BASE)
        return 0;
    list_for_each(node, &memory->regions) {
        struct memory_region *region = region_of(node);
        if (region->end <= candidate)
            continue;
        if (region->start >= candidate + length)
            break;
        candidate = region->end;
    }
    return candidate + length <= USER_STACK_BASE ? candidate : 0;
}

int user_memory_set_break(struct user_memory *memory, uintptr_t new_break)
{
    uintptr_t old_end = PAGE_ROUND_UP(memory->break_end), new_end;
    int error = 0;

    if (new_break < memory->break_start || new_break > USER_MMAP_BASE)
        return -ENOMEM;
    new_end = PAGE_ROUND_UP(new_break);
    if (new_end > old_end)
        error = user_memory_map(memory, old_end, new_end - old_end, FP_PROT_READ | FP_PROT_WRITE);
    else if (new_end < old_end)
        error = user_memory_unmap(memory, new_end, old_end - new_end);
    if (error)
        return -ENOMEM;
    memory->break_end = new_break;
    return 0;
}

/* A write to a page shared copy-on-write: keep the frame if nobody else
 * owns it any more, else map a private copy in its place. */
static int break_copy_on_write(struct user_memory *memory, uintptr_t page, uint64_t frame,
                               unsigned protection, uint64_t *result)
{
    if (frame_owners(frame) == 1) {
        *result = frame;
        return paging_protect(&memory->pages, page, page_flags(protection, false));
    }
    uint64_t copy = frame_alloc();
    if (!copy)
        return -ENOMEM;
    memcpy(PHYS_TO_VIRT(copy), PHYS_TO_VIRT(frame), PAGE_SIZE);
    paging_unmap(&memory->pages, page);
    frame_release(frame);
    *result = copy;
    /* Cannot fail: the page table that held `frame` is still there. */
    return paging_map(&memory->pages, page, copy, page_flags(protection, false));
}

/* A first touch of a region's page: a zeroed frame. */
static int populate_zeroed(struct user_memory *memory, uintptr_t page, uint64_t *result)
{
    uint64_t frame = frame_alloc();
    int error;

    if (!frame)
        return -ENOMEM;
    memset(PHYS_TO_VIRT(frame), 0, PAGE_SIZE);
    error = user_memory_populate(memory, page, frame);
    if (error) {
        frame_free(frame);
        return error;
    }
    *result = frame;
    return 0;
}

int user_memory_page(struct user_memory *memory, uintptr_t address, bool write, uint64_t *frame)
{
    struct memory_region *region = region_find(&memory->regions, address);
    uintptr_t page = PAGE_ROUND_DOWN(address);
    unsigned flags;

    if (!region || region->protection == FP_PROT_NONE || (write && !(region->protection & FP_PROT_WRITE)))
        return -EFAULT;
    if (paging_translate(&memory->pages, page, frame, &flags) < 0)
        return region->shared_id ? -EFAULT : populate_zeroed(memory, page, frame);
    if (write && (flags & PAGE_COW))
        return break_copy_on_write(memory, page, *frame, region->protection, frame);
    return 0;
}

int user_memory_populate(struct user_memory *memory, uintptr_t address, uint64_t frame)
{
    struct memory_region *region = region_find(&memory->regions, address);
    int error;

    if (!region || region->protection == FP_PROT_NONE)
        return -EFAULT;
    error = paging_map(&memory->pages, address, frame, page_flags(region->protection, false));
    if (!error)
        memory->resident_pages++;
    return error;
}

/* Make every page of [address, address + length) ready for the access. */
static int prepare_range(struct user_memory *memory, uintptr_t address, size_t length, bool write)
{
    uint64_t frame;

    if (address >= USER_SPACE_END || length > USER_SPACE_END - address)
        return -EFAULT;
    for (uintptr_t page = PAGE_ROUND_DOWN(address); page < address + length; page += PAGE_SIZE)
        if (user_memory_page(memory, page, write, &frame) < 0)
            return -EFAULT;
    return 0;
}

/* Where `address` is in the kernel's direct map; the bytes up to the end
 * of its page follow it there. The page must have been prepared. */
static uint8_t *direct_map_address(struct user_memory *memory, uintptr_t address)
{
    uint64_t frame;
    unsigned flags;

    paging_translate(&memory->pages, address, &frame, &flags);
    return PHYS_TO_VIRT(frame);
}

static size_t bytes_to_page_end(uintptr_t address, size_t length)
{
    size_t to_page_end = PAGE_SIZE - address % PAGE_SIZE;

    return length < to_page_end ? length : to_page_end;
}

/* Copies `length` bytes between the direct-map address `user` and the
 * kernel buffer `kernel`, towards the user if `to_user`. */
static void copy_bytes(uint8_t *user, uint8_t *kernel, size_t length, bool to_user)
{
    if (to_user)
        memcpy(user, kernel, length);
    else
        memcpy(kernel, user, length);
}

/* Copies between user [address, address + length) and `kernel`, all or
 * nothing: every page is made ready (faulted in, copy-on-write broken for
 * writes) before the first byte moves. Most buffers a system call copies lie
 * in one page; those take one lookup, where the general path walks the page
 * tables twice per page. */
static int copy_user(struct user_memory *memory, uintptr_t address, uint8_t *kernel, size_t length, bool to_user)
{
    uint64_t frame;

    if (length && address < USER_SPACE_END && length <= PAGE_SIZE - address % PAGE_SIZE) {
        if (user_memory_page(memory, address, to_user, &frame) < 0)
            return -EFAULT;
        copy_bytes((uint8_t *)PHYS_TO_VIRT(frame) + address % PAGE_SIZE, kernel, length, to_user);
        return 0;
    }
    if (prepare_range(memory, address, length, to_user) < 0)
        return -EFAULT;
    for (size_t chunk; length; kernel += chunk, address += chunk, length -= chunk) {
        chunk = bytes_to_page_end(address, length);
        copy_bytes(direct_map_address(memory, address), kernel, chunk, to_user);
    }
    return 0;
}

int user_memory_read(struct user_memory *memory, void *kernel_dest, uintptr_t address, size_t length)
{
    return copy_user(memory, address, kernel_dest, length, false);
}

int user_memory_write(struct user_memory *memory, uintptr_t address, const void *kernel_src, size_t length)
{
    return copy_user(memory, address, (uint8_t *)kernel_src, length, true);
}

#define TEST_REGION 0x400000UL

/* After fork both spaces read the same bytes from one shared frame; a
 * write gives the writer a private copy; the other keeps the original; and
 * destroying both gives every frame back. */
SELFTEST(user_memory_fork_copies_on_write)
{
    struct frame_stats before = frame_stats();
    struct user_memory *parent = user_memory_create(), *child;
    char seen[6] = {0};
    uint64_t parent_frame, child_frame;

    SELFTEST_ASSERT(parent &&
                    user_memory_map(parent, TEST_REGION, 2 * PAGE_SIZE, FP_PROT_READ | FP_PROT_WRITE) == 0);
    SELFTEST_ASSERT(user_memory_write(parent, TEST_REGION + 100, "hello", 6) == 0);
    SELFTEST_ASSERT(parent->resident_pages == 1); /* the second page was never touched */
    child = user_memory_fork(parent);
    SELFTEST_ASSERT(child && child->resident_pages == 1);
    SELFTEST_ASSERT(user_memory_page(parent, TEST_REGION, false, &parent_frame) == 0);
    SELFTEST_ASSERT(user_memory_page(child, TEST_REGION, false, &child_frame) == 0);
    SELFTEST_ASSERT(parent_frame == child_frame && frame_owners(parent_frame) == 2);
    SELFTEST_ASSERT(user_memory_write(child, TEST_REGION + 100, "HELLO", 6) == 0);
    SELFTEST_ASSERT(user_memory_page(child, TEST_REGION, false, &child_frame) == 0);
    SELFTEST_ASSERT(child_frame != parent_frame && frame_owners(parent_frame) == 1);
    SELFTEST_ASSERT(user_memory_read(parent, seen, TEST_REGION + 100, 6) == 0 && seen[0] == 'h');
    SELFTEST_ASSERT(user_memory_read(child, seen, TEST_REGION + 100, 6) == 0 && seen[0] == 'H');
    user_memory_destroy(child);
    user_memory_destroy(parent);
    SELFTEST_ASSERT(frame_stats().free == before.free);
}

/* A copy that runs past the end of a region fails before writing a byte;
 * read-only regions refuse writes; there is nothing below USER_MIN_ADDRESS. */
SELFTEST(user_memory_copies_check_the_whole_range)
{
    struct frame_stats before = frame_stats();
    struct user_memory *memory = user_memory_create();
    char buffer[16] = "0123456789abcde", seen[16] = {0};
    uint64_t frame;

    SELFTEST_ASSERT(memory &&
                    user_memory_map(memory, TEST_REGION, PAGE_SIZE, FP_PROT_READ | FP_PROT_WRITE) == 0);
    SELFTEST_ASSERT(user_memory_map(memory, TEST_REGION + PAGE_SIZE, PAGE_SIZE, FP_PROT_READ) == 0);
    SELFTEST_ASSERT(user_memory_write(memory, TEST_REGION + 2 * PAGE_SIZE - 8, buffer, 16) == -EFAULT);
    SELFTEST_ASSERT(user_memory_write(memory, TEST_REGION + PAGE_SIZE - 8, buffer, 16) == -EFAULT);
    SELFTEST_ASSERT(user_memory_read(memory, seen, TEST_REGION + PAGE_SIZE - 8, 8) == 0 && seen[0] == 0);
    SELFTEST_ASSERT(user_memory_read(memory, seen, TEST_REGION + 2 * PAGE_SIZE - 8, 16) == -EFAULT);
    SELFTEST_ASSERT(user_memory_read(memory, seen, UINT64_MAX - 4, 16) == -EFAULT);
    SELFTEST_ASSERT(user_memory_page(memory, 0, false, &frame) == -EFAULT);
    SELFTEST_ASSERT(user_memory_map(memory, 0, PAGE_SIZE, FP_PROT_READ) == -EINVAL);
    SELFTEST_ASSERT(user_memory_map(memory, TEST_REGION, PAGE_SIZE, FP_PROT_READ) == -EEXIST);
    user_memory_destroy(memory);
    SELFTEST_ASSERT(frame_stats().free == before.free);
}

/* A shared region: its frames gain an owner and are writable at once (no
 * copy-on-write), a fork leaves it out, mprotect refuses it, a fault in it
 * never makes a fresh page, and unmapping it by id gives the owners back. */
SELFTEST(user_memory_shared_regions)
{
    struct frame_stats before = frame_stats();
    struct user_memory *memory = user_memory_create(), *child;
    uint64_t frames[2] = {frame_alloc(), frame_alloc()}, frame;
    char seen[4] = {0};

    SELFTEST_ASSERT(memory && frames[0] && frames[1]);
    SELFTEST_ASSERT(user_memory_map_shared(memory, TEST_REGION, frames, 2, FP_PROT_READ | FP_PROT_WRITE, 7) ==
                    0);
    SELFTEST_ASSERT(frame_owners(frames[0]) == 2 && memory->resident_pages == 2);
    SELFTEST_ASSERT(user_memory_map_shared(memory, TEST_REGION, frames, 1, FP_PROT_READ, 8) == -EEXIST);
    SELFTEST_ASSERT(user_memory_map_shared(memory, TEST_REGION + 4 * PAGE_SIZE, frames, 1, FP_PROT_EXEC, 8) ==
                    -EINVAL);
    SELFTEST_ASSERT(user_memory_write(memory, TEST_REGION + PAGE_SIZE, "abc", 4) == 0);
    SELFTEST_ASSERT(user_memory_page(memory, TEST_REGION + PAGE_SIZE, true, &frame) == 0 &&
                    frame == frames[1]);
    SELFTEST_ASSERT(memcmp(PHYS_TO_VIRT(frames[1]), "abc", 4) == 0); /* written in place, not copied */
    SELFTEST_ASSERT(user_memory_protect(memory, TEST_REGION, PAGE_SIZE, FP_PROT_READ) == -EACCES);
    child = user_memory_fork(memory);
    SELFTEST_ASSERT(child && child->resident_pages == 0);
    SELFTEST_ASSERT(user_memory_read(child, seen, TEST_REGION + PAGE_SIZE, 4) == -EFAULT);
    user_memory_destroy(child);
    user_memory_unmap_shared(memory, 7);
    SELFTEST_ASSERT(frame_owners(frames[0]) == 1 && frame_owners(frames[1]) == 1 &&
                    memory->resident_pages == 0);
    SELFTEST_ASSERT(user_memory_is_free(memory, TEST_REGION, 2 * PAGE_SIZE));
    user_memory_destroy(memory);
    frame_release(frames[0]);
    frame_release(frames[1]);
    SELFTEST_ASSERT(frame_stats().free == before.free);
}
