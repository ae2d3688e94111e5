/*
 * memory.h - bringing up memory management from the boot memory map.
 *
 * Layer: core (memory). memory_init() builds, in order, the frame allocator
 * (mm/frame.c), the kernel's page tables with the direct map of all RAM
 * (mm/paging.c) and the kernel heap (mm/heap.c).
 */
#ifndef FREEPORT_MM_MEMORY_H
#define FREEPORT_MM_MEMORY_H

struct boot_info;

void memory_init(const struct boot_info *boot_info);

#endif
