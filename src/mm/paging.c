/*
 * paging.c - x86-64 4-level page tables: the kernel's, and address spaces.
 *
 * Layer: core (memory), above mm/frame.c; the privileged instructions are
 * behind arch/mmu.h. A virtual address splits into four 9-bit table
 * indexes and a 12-bit offset:
 *
 *   47      39 38      30 29      21 20      12 11         0
 *   | PML4    | PDPT     | PD       | PT       | offset    |
 *   level 3    level 2    level 1    level 0
 *
 * Each table is one 4 KiB frame of 512 entries, reached through the direct
 * map. An entry holds a physical address and flag bits (Intel SDM vol. 3A,
 * 4.5); a level-2 or level-1 entry with PTE_HUGE maps a 1 GiB or 2 MiB page
 * itself instead of pointing to a table. Intermediate entries are always
 * present|writable (|user in the user half): the leaf alone decides access.
 *
 * Invariants: the kernel half of every PML4 (entries 256..511) is a copy of
 * the kernel's, made when the address space is created and never changed
 * after paging_init(); the user half never holds huge pages.
 * TLB: a changed or removed entry is flushed with mmu_invalidate() when it
 * may be cached (the space is current, or the address is in the shared
 * kernel half); loading CR3 flushes the rest.
 */
#include <stdbool.h>
#include "mm/paging.h"
#include "mm/frame.h"
#include "mm/layout.h"
#include "mm/physmap.h"
#include "arch/mmu.h"
#include "errno.h"
#include "lib/string.h"
#include "panic.h"
#include "printk.h"
#include "selftest.h"

#define PTE_PRESENT (1ULL << 0)
#define PTE_WRITE   (1ULL << 1)
#define PTE_USER    (1ULL << 2)
#define PTE_HUGE    (1ULL << 7)
#define PTE_COW     (1ULL << 9) /* bits 9-11 are free for software */
#define PTE_OWNED   (1ULL << 10)
#define PTE_NO_EXEC (1ULL << 63)
#define PTE_ADDRESS 0x000ffffffffff000ULL

#define TABLE_ENTRIES     512
#define TOP_LEVEL         3
#define KERNEL_HALF_FIRST 256 /* first PML4 entry of the kernel half */

extern char _text_start[], _text_end[], _rodata_start[], _rodata_end[], _data_start[], _kernel_end[];

struct address_space kernel_address_space;

/* Tables must be reachable through the direct map: before the switch only
 * the boot stub's first GiB is. */
static uint64_t table_limit = BOOT_DIRECT_MAP_END;
static bool have_1g_pages;

/* The flags of paging.h and the entry bits that carry them (PAGE_EXEC is
 * the absence of PTE_NO_EXEC). */
static const struct {
    unsigned flag;
    uint64_t bit;
} flag_bits[] = {
    {PAGE_WRITE, PTE_WRITE},
    {PAGE_USER, PTE_USER},
    {PAGE_COW, PTE_COW},
    {PAGE_OWNED, PTE_OWNED},
};

static uint64_t *table_at(uint64_t physical)
{
    return PHYS_TO_VIRT(physical);
}

static uint64_t level_size(int level)
{
    return PAGE_SIZE << (9 * level);
}

static unsigned index_at(uintptr_t virt, int level)
{
    return (virt >> (PAGE_SHIFT + 9 * level)) % TABLE_ENTRIES;
}

static uint64_t entry_bits(unsigned flags)
{
    uint64_t bits = PTE_PRESENT | ((flags & PAGE_EXEC) ? 0 : PTE_NO_EXEC);

    for (size_t i = 0; i < sizeof(flag_bits) / sizeof(flag_bits[0]); i++)
        if (flags & flag_bits[i].flag)
            bits |= flag_bits[i].bit;
    return bits;
}

static unsigned entry_flags(uint64_t entry)
{
    unsigned flags = (entry & PTE_NO_EXEC) ? 0 : PAGE_EXEC;

    for (size_t i = 0; i < sizeof(flag_bits) / sizeof(flag_bits[0]); i++)
        if (entry & flag_bits[i].bit)
            flags |= flag_bits[i].flag;
    return flags;
}

/* A zeroed frame for a page table, or 0. */
static uint64_t table_alloc(void)
{
    uint64_t physical = frame_alloc_below(table_limit);

    if (physical)
        memset(table_at(physical), 0, PAGE_SIZE);
    return physical;
}

/* Point *slot at the entry for `virt` in its table at `level`, descending
 * from `root` and, if `create`, adding missing tables on the way.
 * 0, -EFAULT (a table is missing), -ENOMEM, or -EEXIST (a huge page). */
static int walk(uint64_t root, uintptr_t virt, int level, bool create, uint64_t **slot)
{
    uint64_t *table = table_at(root);

    for (int at = TOP_LEVEL; at > level; at--) {
        uint64_t *entry = &table[index_at(virt, at)];
        if (!(*entry & PTE_PRESENT)) {
            uint64_t physical = create ? table_alloc() : 0;
            if (!physical)
                return create ? -ENOMEM : -EFAULT;
            *entry = physical | PTE_PRESENT | PTE_WRITE | (virt < USER_SPACE_END ? PTE_USER : 0);
        } else if (*entry & PTE_HUGE) {
            return -EEXIST;
        }
        table = table_at(*entry & PTE_ADDRESS);
    }
    *slot = &table[index_at(virt, level)];
    return 0;
}

static bool is_canonical(uintptr_t virt)
{
    return virt < USER_SPACE_END || virt >= DIRECT_MAP_BASE;
}

static bool valid_page(uintptr_t virt, unsigned flags)
{
    if (virt % PAGE_SIZE || !is_canonical(virt))
        return false;
    return !(flags & PAGE_USER) || virt < USER_SPACE_END;
}

static void flush(const struct address_space *space, uintptr_t virt)
{
    if (virt >= USER_SPACE_END || space->root == mmu_current_root())
        mmu_invalidate(virt);
}

int paging_map(struct address_space *space, uintptr_t virt, uint64_t phys, unsigned flags)
{
    uint64_t *slot;
    int error;

    if (!valid_page(virt, flags) || (phys & ~PTE_ADDRESS))
        return -EINVAL;
    error = walk(space->root, virt, 0, true, &slot);
    if (error)
        return error;
    if (*slot & PTE_PRESENT)
        return -EEXIST;
    *slot = phys | entry_bits(flags);
    return 0;
}

uint64_t paging_unmap(struct address_space *space, uintptr_t virt)
{
    uint64_t *slot, old;

    if (!valid_page(virt, 0) || walk(space->root, virt, 0, false, &slot) || !(*slot & PTE_PRESENT))
        return 0;
    old = *slot;
    *slot = 0;
    flush(space, virt);
    return old & PTE_ADDRESS;
}

int paging_protect(struct address_space *space, uintptr_t virt, unsigned flags)
{
    uint64_t *slot;
    int error;

    if (!valid_page(virt, flags))
        return -EINVAL;
    error = walk(space->root, virt, 0, false, &slot);
    if (error)
        return error;
    if (!(*slot & PTE_PRESENT))
        return -EFAULT;
    *slot = (*slot & PTE_ADDRESS) | entry_bits(flags);
    flush(space, virt);
    return 0;
}

int paging_translate(const struct address_space *space, uintptr_t virt, uint64_t *phys, unsigned *flags)
{
    const uint64_t *table = table_at(space->root);

    if (!is_canonical(virt))
        return -EFAULT;
    for (int level = TOP_LEVEL; level >= 0; level--) {
        uint64_t entry = table[index_at(virt, level)], offset_mask = level_size(level) - 1;
        if (!(entry & PTE_PRESENT))
            return -EFAULT;
        if (level == 0 || (entry & PTE_HUGE)) {
            *phys = (entry & PTE_ADDRESS & ~offset_mask) | (virt & offset_mask);
            *flags = entry_flags(entry);
            return 0;
        }
        table = table_at(entry & PTE_ADDRESS);
    }
    return -EFAULT;
}

/* The first address of the next `level`-sized block after virt's, or 0 if
 * that wraps past the top of the address space. */
static uintptr_t next_block(uintptr_t virt, int level)
{
    return (virt & ~(level_size(level) - 1)) + level_size(level);
}

uintptr_t paging_next_mapped(const struct address_space *space, uintptr_t virt, uintptr_t end)
{
    virt = PAGE_ROUND_DOWN(virt);
    while (virt < end) {
        const uint64_t *table = table_at(space->root);
        int level = TOP_LEVEL;
        uint64_t entry;
        while ((entry = table[index_at(virt, level)]) & PTE_PRESENT) {
            if (level == 0 || (entry & PTE_HUGE))
                return virt;
            table = table_at(entry & PTE_ADDRESS);
            level--;
        }
        uintptr_t next = next_block(virt, level);
        if (next <= virt)
            break;
        virt = next;
    }
    return end;
}

int address_space_create(struct address_space *space)
{
    uint64_t root = table_alloc();

    if (!root)
        return -ENOMEM;
    memcpy(table_at(root) + KERNEL_HALF_FIRST, table_at(kernel_address_space.root) + KERNEL_HALF_FIRST,
           (TABLE_ENTRIES - KERNEL_HALF_FIRST) * sizeof(uint64_t));
    space->root = root;
    return 0;
}

/* Free the table at `physical` (of `level`) and its subtables, and give up
 * this space's share of the frames its level-0 entries map with PTE_OWNED
 * (a frame shared copy-on-write lives on in the other spaces). */
static void free_table(uint64_t physical, int level)
{
    const uint64_t *table = table_at(physical);

    for (unsigned i = 0; i < TABLE_ENTRIES; i++) {
        uint64_t entry = table[i];
        if (!(entry & PTE_PRESENT))
            continue;
        ASSERT(!(entry & PTE_HUGE));
        if (level > 0)
            free_table(entry & PTE_ADDRESS, level - 1);
        else if (entry & PTE_OWNED)
            frame_release(entry & PTE_ADDRESS);
    }
    frame_free(physical);
}

void address_space_destroy(struct address_space *space)
{
    const uint64_t *pml4 = table_at(space->root);

    ASSERT(space->root != mmu_current_root() && space->root != kernel_address_space.root);
    for (unsigned i = 0; i < KERNEL_HALF_FIRST; i++)
        if (pml4[i] & PTE_PRESENT)
            free_table(pml4[i] & PTE_ADDRESS, TOP_LEVEL - 1);
    frame_free(space->root);
    space->root = 0;
}

void address_space_switch(struct address_space *space)
{
    if (mmu_current_root() != space->root)
        mmu_load_root(space->root);
}

/* The biggest page (level) that starts at both addresses and fits. */
static int largest_level(uintptr_t virt, uint64_t phys, uint64_t size)
{
    for (int level = have_1g_pages ? 2 : 1; level > 0; level--)
        if (((virt | phys) & (level_size(level) - 1)) == 0 && size >= level_size(level))
            return level;
    return 0;
}

/* Map [phys, phys + size) at virt with the biggest pages that fit. */
static void map_range(uint64_t root, uintptr_t virt, uint64_t phys, uint64_t size, unsigned flags)
{
    while (size) {
        int level = largest_level(virt, phys, size);
        uint64_t *slot;
        if (walk(root, virt, level, true, &slot) < 0)
            panic("paging: out of memory for the kernel's page tables");
        *slot = phys | entry_bits(flags) | (level ? PTE_HUGE : 0);
        virt += level_size(level);
        phys += level_size(level);
        size -= level_size(level);
    }
}

static void map_kernel_section(uint64_t root, const char *start, const char *end, unsigned flags)
{
    uintptr_t first = PAGE_ROUND_DOWN((uintptr_t)start), last = PAGE_ROUND_UP((uintptr_t)end);

    map_range(root, first, KERNEL_TO_PHYS(first), last - first, flags);
}

/* Every PML4 entry of the kernel half gets its table now, so copying them
 * is all address_space_create() needs to share the kernel. */
static void create_kernel_half(uint64_t root)
{
    for (unsigned i = KERNEL_HALF_FIRST; i < TABLE_ENTRIES; i++) {
        uint64_t table = table_alloc();
        if (!table)
            panic("paging: out of memory for the kernel's page tables");
        table_at(root)[i] = table | PTE_PRESENT | PTE_WRITE;
    }
}

void paging_init(const struct physmap *ram)
{
    uint64_t root = table_alloc();

    if (!root)
        panic("paging: out of memory for the kernel's page tables");
    have_1g_pages = mmu_has_1g_pages();
    create_kernel_half(root);
    for (size_t i = 0; i < ram->count; i++)
        map_range(root, (uintptr_t)PHYS_TO_VIRT(ram->ranges[i].start), ram->ranges[i].start,
                  ram->ranges[i].end - ram->ranges[i].start, PAGE_WRITE);
    map_kernel_section(root, _text_start, _text_end, PAGE_EXEC);
    map_kernel_section(root, _rodata_start, _rodata_end, 0);
    map_kernel_section(root, _data_start, _kernel_end, PAGE_WRITE);
    kernel_address_space.root = root;
    mmu_load_root(root);
    table_limit = UINT64_MAX;
    printk("paging: direct map of %lu MiB in pages up to %s, kernel text RX, rodata R, data RW, "
           "nothing at 0\n",
           (unsigned long)(physmap_total(ram) >> 20), have_1g_pages ? "1 GiB" : "2 MiB");
}

#define TEST_PAGE 0x400000UL /* a user-half address no test space maps */

SELFTEST(paging_map_translate_unmap_roundtrip)
{
    struct frame_stats before = frame_stats();
    struct address_space space;
    uint64_t frame = frame_alloc(), phys;
    unsigned flags;

    SELFTEST_ASSERT(frame != 0 && address_space_create(&space) == 0);
    SELFTEST_ASSERT(paging_map(&space, TEST_PAGE, frame, PAGE_WRITE | PAGE_USER) == 0);
    SELFTEST_ASSERT(paging_map(&space, TEST_PAGE, frame, PAGE_WRITE) == -EEXIST);
    SELFTEST_ASSERT(paging_translate(&space, TEST_PAGE + 0x123, &phys, &flags) == 0);
    SELFTEST_ASSERT(phys == frame + 0x123 && flags == (PAGE_WRITE | PAGE_USER));
    SELFTEST_ASSERT(paging_translate(&space, (uintptr_t)paging_init, &phys, &flags) == 0);
    SELFTEST_ASSERT(phys == KERNEL_TO_PHYS((uintptr_t)paging_init));
    SELFTEST_ASSERT(paging_unmap(&space, TEST_PAGE) == frame);
    SELFTEST_ASSERT(paging_translate(&space, TEST_PAGE, &phys, &flags) == -EFAULT);
    SELFTEST_ASSERT(paging_unmap(&space, TEST_PAGE) == 0);
    address_space_destroy(&space);
    frame_free(frame);
    SELFTEST_ASSERT(frame_stats().free == before.free);
}

/* Two pages 1 GiB apart in an otherwise empty space are found, and the
 * empty gigabyte between them is skipped without a page-by-page walk. */
SELFTEST(paging_next_mapped_skips_empty_tables)
{
    struct address_space space;
    uint64_t frame = frame_alloc();
    uintptr_t second = TEST_PAGE + (1UL << 30);

    SELFTEST_ASSERT(frame != 0 && address_space_create(&space) == 0);
    SELFTEST_ASSERT(paging_map(&space, TEST_PAGE, frame, PAGE_USER) == 0);
    SELFTEST_ASSERT(paging_map(&space, second, frame, PAGE_USER) == 0);
    uintptr_t first_found = paging_next_mapped(&space, 0, USER_SPACE_END);
    uintptr_t second_found = paging_next_mapped(&space, TEST_PAGE + PAGE_SIZE, USER_SPACE_END);
    uintptr_t none = paging_next_mapped(&space, second + PAGE_SIZE, USER_SPACE_END);
    uintptr_t bounded = paging_next_mapped(&space, TEST_PAGE + PAGE_SIZE, second);
    address_space_destroy(&space);
    frame_free(frame);
    SELFTEST_ASSERT(first_found == TEST_PAGE && second_found == second);
    SELFTEST_ASSERT(none == USER_SPACE_END && bounded == second);
}

SELFTEST(paging_rejects_bad_requests)
{
    struct address_space space;
    uint64_t frame = frame_alloc();
    int unaligned, misaligned_frame, noncanonical, user_kernel, over_direct_map, absent;

    SELFTEST_ASSERT(frame != 0 && address_space_create(&space) == 0);
    unaligned = paging_map(&space, TEST_PAGE + 1, frame, 0);
    misaligned_frame = paging_map(&space, TEST_PAGE, frame + 1, 0);
    noncanonical = paging_map(&space, USER_SPACE_END, frame, 0);
    user_kernel = paging_map(&space, KERNEL_VMA, frame, PAGE_USER);
    over_direct_map = paging_map(&space, (uintptr_t)PHYS_TO_VIRT(frame), frame, 0);
    absent = paging_protect(&space, TEST_PAGE, 0);
    address_space_destroy(&space);
    frame_free(frame);
    SELFTEST_ASSERT(unaligned == -EINVAL && misaligned_frame == -EINVAL);
    SELFTEST_ASSERT(noncanonical == -EINVAL && user_kernel == -EINVAL);
    SELFTEST_ASSERT(over_direct_map == -EEXIST && absent == -EFAULT);
}

SELFTEST(paging_protect_records_permissions)
{
    struct address_space space;
    uint64_t frame = frame_alloc(), phys;
    unsigned executable, read_only, copy_on_write;

    SELFTEST_ASSERT(frame != 0 && address_space_create(&space) == 0);
    SELFTEST_ASSERT(paging_map(&space, TEST_PAGE, frame, PAGE_USER | PAGE_WRITE | PAGE_EXEC) == 0);
    SELFTEST_ASSERT(paging_translate(&space, TEST_PAGE, &phys, &executable) == 0);
    SELFTEST_ASSERT(paging_protect(&space, TEST_PAGE, PAGE_USER) == 0);
    SELFTEST_ASSERT(paging_translate(&space, TEST_PAGE, &phys, &read_only) == 0);
    SELFTEST_ASSERT(paging_protect(&space, TEST_PAGE, PAGE_USER | PAGE_COW | PAGE_OWNED) == 0);
    SELFTEST_ASSERT(paging_translate(&space, TEST_PAGE, &phys, &copy_on_write) == 0);
    address_space_destroy(&space);
    SELFTEST_ASSERT(executable == (PAGE_USER | PAGE_WRITE | PAGE_EXEC));
    SELFTEST_ASSERT(read_only == PAGE_USER);
    SELFTEST_ASSERT(copy_on_write == (PAGE_USER | PAGE_COW | PAGE_OWNED) && phys == frame);
}

SELFTEST(paging_write_visible_through_direct_map)
{
    struct frame_stats before = frame_stats();
    struct address_space space;
    uint64_t frame = frame_alloc(), seen;
    volatile uint64_t *through_mapping = (volatile uint64_t *)(TEST_PAGE + 8);

    SELFTEST_ASSERT(frame != 0 && address_space_create(&space) == 0);
    SELFTEST_ASSERT(paging_map(&space, TEST_PAGE, frame, PAGE_WRITE | PAGE_OWNED) == 0);
    address_space_switch(&space);
    *through_mapping = 0x46726565706f7274ULL;
    address_space_switch(&kernel_address_space);
    seen = *(volatile uint64_t *)PHYS_TO_VIRT(frame + 8);
    address_space_destroy(&space);
    SELFTEST_ASSERT(seen == 0x46726565706f7274ULL);
    SELFTEST_ASSERT(frame_stats().free == before.free);
}

SELFTEST(paging_kernel_sections_have_their_permissions)
{
    uint64_t phys;
    unsigned text, rodata, data, vga;

    SELFTEST_ASSERT(paging_translate(&kernel_address_space, (uintptr_t)paging_init, &phys, &text) == 0);
    SELFTEST_ASSERT(paging_translate(&kernel_address_space, (uintptr_t)flag_bits, &phys, &rodata) == 0);
    SELFTEST_ASSERT(paging_translate(&kernel_address_space, (uintptr_t)&table_limit, &phys, &data) == 0);
    SELFTEST_ASSERT(paging_translate(&kernel_address_space, (uintptr_t)PHYS_TO_VIRT(0xb8000), &phys, &vga) ==
                    0);
    SELFTEST_ASSERT(text == PAGE_EXEC && rodata == 0 && data == PAGE_WRITE);
    SELFTEST_ASSERT(vga == PAGE_WRITE && phys == 0xb8000);
    SELFTEST_ASSERT(paging_translate(&kernel_address_space, 0, &phys, &data) == -EFAULT);
    SELFTEST_ASSERT(paging_translate(&kernel_address_space, LOW_MEMORY_END, &phys, &data) == -EFAULT);
}
