/*
 * frame.c - the physical frame allocator: the buddy algorithm (mm/buddy.c)
 * applied to all usable RAM, with frame number = physical address / 4 KiB.
 *
 * Layer: core (memory), below paging and the heap. frame_init() removes
 * the reserved areas from the usable RAM it is given, places the buddy's
 * descriptor array (12 bytes per frame, from frame 0 to the top of RAM) in
 * the lowest free memory below BOOT_DIRECT_MAP_END, where the boot page
 * tables already reach it, and adds what is left as free memory.
 *
 * Locking: single CPU; every buddy call runs with interrupts off
 * (arch_irq_save), so an interrupt handler may allocate too. With several
 * CPUs a spinlock taken in the same places would join it.
 */
#include "mm/frame.h"
#include "mm/fault_inject.h"
#include "mm/layout.h"
#include "mm/physmap.h"
#include "arch/arch.h"
#include "bootinfo.h"
#include "kcheck.h"
#include "panic.h"
#include "printk.h"
#include "selftest.h"

#define RESERVATIONS_MAX (3 + BOOTINFO_MODULES_MAX)

/* What frame_init kept out of the allocator, for the boot log and tests. */
struct reservation {
    const char *what;
    uint64_t start, end;
};

extern char _kernel_phys_start[], _kernel_phys_end[];

static struct buddy frame_buddy;
static struct reservation reservations[RESERVATIONS_MAX];
static size_t reservation_count;

static void note_reservation(const char *what, uint64_t start, uint64_t end)
{
    reservations[reservation_count++] = (struct reservation){what, start, end};
    printk("memory: reserved 0x%lx-0x%lx %s\n", (unsigned long)start, (unsigned long)end, what);
}

static void reserve(struct physmap *free_memory, const char *what, uint64_t start, uint64_t end)
{
    if (physmap_remove(free_memory, start, end) < 0)
        panic("memory: memory map too fragmented to reserve the %s", what);
    note_reservation(what, start, end);
}

/* One descriptor per frame from 0 to the top of free memory, stored in
 * free memory the boot page tables map. */
static void place_descriptors(struct physmap *free_memory)
{
    size_t frames = physmap_end(free_memory) / PAGE_SIZE;
    uint64_t size = buddy_metadata_size(frames), start;

    if (frames > BUDDY_MAX_PAGES || !physmap_take(free_memory, size, BOOT_DIRECT_MAP_END, &start))
        panic("memory: no room below 1 GiB for %lu KiB of frame descriptors", (unsigned long)(size >> 10));
    note_reservation("frame descriptors", start, start + PAGE_ROUND_UP(size));
    buddy_init(&frame_buddy, PHYS_TO_VIRT(start), frames);
}

void frame_init(const struct physmap *ram, const struct boot_info *boot_info)
{
    static struct physmap free_memory;

    free_memory = *ram;
    reserve(&free_memory, "low memory", 0, LOW_MEMORY_END);
    reserve(&free_memory, "kernel image", (uintptr_t)_kernel_phys_start, (uintptr_t)_kernel_phys_end);
    for (size_t i = 0; i < boot_info->module_count; i++)
        reserve(&free_memory, "boot module", boot_info->modules[i].start, boot_info->modules[i].end);
    place_descriptors(&free_memory);
    for (size_t i = 0; i < free_memory.count; i++) {
        const struct phys_range *range = &free_memory.ranges[i];
        int error =
            buddy_add_range(&frame_buddy, range->start / PAGE_SIZE, (range->end - range->start) / PAGE_SIZE);
        if (error)
            panic("memory: adding 0x%lx-0x%lx: %s", (unsigned long)range->start, (unsigned long)range->end,
                  buddy_error_string(error));
    }
}

/* Every allocation comes here; an injected failure (fault_inject.h) looks
 * exactly like exhaustion. */
static uint64_t allocate(unsigned order, size_t limit_frame)
{
    size_t frame;

    if (fault_inject_should_fail(FAULT_SITE_FRAMES))
        return 0;
    int enabled = arch_irq_save();
    bool found = buddy_alloc(&frame_buddy, order, limit_frame, &frame);

    arch_irq_restore(enabled);
    return found ? (uint64_t)frame * PAGE_SIZE : 0;
}

uint64_t frame_alloc(void)
{
    return allocate(0, BUDDY_MAX_PAGES);
}

uint64_t frame_alloc_order(unsigned order)
{
    return allocate(order, BUDDY_MAX_PAGES);
}

uint64_t frame_alloc_below(uint64_t limit)
{
    return allocate(0, limit / PAGE_SIZE);
}

void frame_free(uint64_t physical)
{
    frame_free_order(physical, 0);
}

void frame_free_order(uint64_t physical, unsigned order)
{
    int enabled, error;

    if (physical % PAGE_SIZE)
        panic("frame_free(0x%lx): not a frame address", (unsigned long)physical);
    enabled = arch_irq_save();
    if (frame_is_allocated(physical) && frame_buddy.pages[physical / PAGE_SIZE].extra_owners)
        panic("frame_free(0x%lx): the frame is still shared", (unsigned long)physical);
    error = buddy_free(&frame_buddy, physical / PAGE_SIZE, order);
    arch_irq_restore(enabled);
    if (error)
        panic("frame_free(0x%lx, order %u): %s", (unsigned long)physical, order, buddy_error_string(error));
}

/* The descriptor of an allocated single frame; panics on anything else
 * (sharing a free or reserved frame is a kernel bug). */
static struct buddy_page *owned_frame(uint64_t physical, const char *operation)
{
    if (!frame_is_allocated(physical) || frame_buddy.pages[physical / PAGE_SIZE].order != 0)
        panic("%s(0x%lx): not an allocated single frame", operation, (unsigned long)physical);
    return &frame_buddy.pages[physical / PAGE_SIZE];
}

void frame_share(uint64_t physical)
{
    int enabled = arch_irq_save();
    struct buddy_page *page = owned_frame(physical, "frame_share");

    if (page->extra_owners == FRAME_MAX_OWNERS - 1)
        panic("frame_share(0x%lx): more than %d owners", (unsigned long)physical, FRAME_MAX_OWNERS);
    page->extra_owners++;
    arch_irq_restore(enabled);
}

void frame_release(uint64_t physical)
{
    int enabled = arch_irq_save();
    struct buddy_page *page = owned_frame(physical, "frame_release");

    if (page->extra_owners > 0)
        page->extra_owners--;
    else
        frame_free(physical);
    arch_irq_restore(enabled);
}

unsigned frame_owners(uint64_t physical)
{
    int enabled = arch_irq_save();
    unsigned owners = owned_frame(physical, "frame_owners")->extra_owners + 1u;

    arch_irq_restore(enabled);
    return owners;
}

bool frame_is_allocated(uint64_t physical)
{
    return physical % PAGE_SIZE == 0 && buddy_is_allocated(&frame_buddy, physical / PAGE_SIZE);
}

void frame_check(struct freeport_kcheck *report)
{
    size_t where;
    int enabled = arch_irq_save();
    int error = buddy_check(&frame_buddy, &where);

    arch_irq_restore(enabled);
    if (error)
        kcheck_problem(report, FP_KCHECK_FRAMES, "%s (frame 0x%lx)", buddy_error_string(error),
                       (unsigned long)where * PAGE_SIZE);
}

struct frame_stats frame_stats(void)
{
    int enabled = arch_irq_save();
    struct frame_stats stats = {frame_buddy.total_pages, frame_buddy.free_pages,
                                frame_buddy.total_pages - frame_buddy.free_pages};

    arch_irq_restore(enabled);
    return stats;
}

SELFTEST(frame_sharing_frees_with_last_owner)
{
    struct frame_stats before = frame_stats();
    uint64_t frame = frame_alloc();

    SELFTEST_ASSERT(frame != 0 && frame_owners(frame) == 1);
    frame_share(frame);
    frame_share(frame);
    SELFTEST_ASSERT(frame_owners(frame) == 3);
    frame_release(frame);
    frame_release(frame);
    SELFTEST_ASSERT(frame_is_allocated(frame) && frame_owners(frame) == 1);
    frame_release(frame);
    SELFTEST_ASSERT(!frame_is_allocated(frame));
    SELFTEST_ASSERT(frame_stats().free == before.free);
}

static bool stats_equal(struct frame_stats a, struct frame_stats b)
{
    return a.total == b.total && a.free == b.free && a.used == b.used;
}

SELFTEST(frame_alloc_free_restores_counters)
{
    struct frame_stats before = frame_stats();
    uint64_t frames[64], block;

    for (size_t i = 0; i < 64; i++) {
        frames[i] = frame_alloc();
        SELFTEST_ASSERT(frames[i] != 0 && frames[i] % PAGE_SIZE == 0);
    }
    SELFTEST_ASSERT(frame_stats().free == before.free - 64);
    SELFTEST_ASSERT(frame_stats().used == before.used + 64);
    block = frame_alloc_order(3);
    SELFTEST_ASSERT(block != 0 && block % (8 * PAGE_SIZE) == 0);
    SELFTEST_ASSERT(frame_is_allocated(block) && !frame_is_allocated(block + PAGE_SIZE));
    frame_free_order(block, 3);
    for (size_t i = 0; i < 64; i++)
        frame_free(frames[i]);
    SELFTEST_ASSERT(stats_equal(frame_stats(), before));
}

/* While the exhaustion test holds every free block, each block's first
 * bytes link it to the next: the test needs no memory of its own. */
struct held_block {
    uint64_t next;
    unsigned order;
};

static uint64_t hold_every_free_block(void)
{
    uint64_t held = 0, block;

    for (int order = FRAME_MAX_ORDER; order >= 0; order--) {
        while ((block = frame_alloc_order((unsigned)order)) != 0) {
            struct held_block *link = PHYS_TO_VIRT(block);
            link->next = held;
            link->order = (unsigned)order;
            held = block;
        }
    }
    return held;
}

static bool held_blocks_avoid_reservations(uint64_t held)
{
    for (; held; held = ((struct held_block *)PHYS_TO_VIRT(held))->next) {
        uint64_t end = held + (PAGE_SIZE << ((struct held_block *)PHYS_TO_VIRT(held))->order);
        for (size_t i = 0; i < reservation_count; i++)
            if (held < reservations[i].end && end > reservations[i].start)
                return false;
    }
    return true;
}

static void release_held_blocks(uint64_t held)
{
    while (held) {
        struct held_block link = *(struct held_block *)PHYS_TO_VIRT(held);
        frame_free_order(held, link.order);
        held = link.next;
    }
}

SELFTEST(frame_exhaustion_returns_zero)
{
    struct frame_stats before = frame_stats();
    size_t largest_blocks = frame_buddy.free_blocks[FRAME_MAX_ORDER];
    uint64_t held = hold_every_free_block();
    bool exhausted = frame_alloc() == 0 && frame_alloc_order(FRAME_MAX_ORDER) == 0 && frame_stats().free == 0;
    bool reservations_kept = held_blocks_avoid_reservations(held);

    release_held_blocks(held);
    SELFTEST_ASSERT(exhausted);
    SELFTEST_ASSERT(reservations_kept);
    SELFTEST_ASSERT(stats_equal(frame_stats(), before));
    SELFTEST_ASSERT(frame_buddy.free_blocks[FRAME_MAX_ORDER] == largest_blocks);
}

SELFTEST(frame_check_passes_on_the_live_allocator)
{
    struct freeport_kcheck report = {0};
    uint64_t frame = frame_alloc_order(2);

    frame_check(&report);
    if (frame)
        frame_free_order(frame, 2);
    frame_check(&report);
    SELFTEST_ASSERT(frame != 0 && report.problems == 0);
}
