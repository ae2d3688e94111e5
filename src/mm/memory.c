/*
 * memory.c - memory_init(): from the boot memory map to a working heap.
 *
 * Layer: core (memory); the only file that knows the order of the memory
 * subsystems: the RAM map (mm/physmap.c) first, then the frame allocator
 * (it hands out the frames everything else uses), then the kernel page
 * tables (they need frames, and replace the boot stub's), then the heap
 * (it needs both). Runs once, from kmain, interrupts off.
 */
#include "mm/memory.h"
#include "mm/frame.h"
#include "mm/heap.h"
#include "mm/layout.h"
#include "mm/paging.h"
#include "mm/physmap.h"
#include "bootinfo.h"
#include "panic.h"
#include "printk.h"

/* A region's end, saturating instead of wrapping on a bogus length. */
static uint64_t region_end(const struct memory_region *region)
{
    uint64_t end = region->base + region->length;

    return end < region->base ? UINT64_MAX : end;
}

/* Usable RAM from the boot memory map: the usable regions minus every
 * region of another type (where a firmware's map overlaps itself, the
 * reserved claim wins). */
static void collect_ram(struct physmap *ram, const struct boot_info *boot_info)
{
    const struct memory_region *regions = boot_info->regions;
    int error = 0;

    physmap_init(ram);
    for (size_t i = 0; i < boot_info->region_count; i++)
        if (regions[i].type == MEMORY_USABLE)
            error |= physmap_add(ram, regions[i].base, region_end(&regions[i]));
    for (size_t i = 0; i < boot_info->region_count; i++)
        if (regions[i].type != MEMORY_USABLE)
            error |= physmap_remove(ram, regions[i].base, region_end(&regions[i]));
    if (error)
        panic("memory: boot memory map has too many regions");
    if (ram->count == 0)
        panic("memory: the boot loader reported no usable RAM");
}

void memory_init(const struct boot_info *boot_info)
{
    static struct physmap ram;
    uint64_t usable;

    collect_ram(&ram, boot_info);
    usable = physmap_total(&ram);
    frame_init(&ram, boot_info);
    if (physmap_add(&ram, 0, LOW_MEMORY_END) < 0)
        panic("memory: boot memory map has too many regions");
    paging_init(&ram);
    heap_init();
    printk("memory: %lu MiB usable, %lu free frames, heap ready\n", (unsigned long)(usable >> 20),
           (unsigned long)frame_stats().free);
}
