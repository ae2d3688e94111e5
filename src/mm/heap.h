/*
 * heap.h - the kernel heap: kmalloc/kfree for objects of any size.
 *
 * Layer: core (memory), above the frame allocator. Requests up to
 * SIZE_CLASS_LARGEST bytes come from slabs (one frame cut into objects of
 * one size class); bigger ones get a block of contiguous frames of their
 * own, up to 4 MiB minus a 16-byte header. Memory is 16-byte aligned and
 * not zeroed (kzalloc zeroes). Exhaustion returns NULL; kfree of anything
 * kmalloc did not return, or twice, is a kernel bug and panics.
 * Locking: single CPU; each call runs with interrupts off.
 */
#ifndef FREEPORT_MM_HEAP_H
#define FREEPORT_MM_HEAP_H

#include <stddef.h>
#include "mm/size_class.h"

struct freeport_kcheck;

struct heap_stats {
    size_t bytes_in_use; /* class size of each live small object
                            plus the requested size of each large one */
    size_t allocations;  /* live kmalloc results */
    size_t class_allocations[SIZE_CLASS_COUNT];
    size_t large_allocations;
    size_t slab_frames; /* frames now cut into slabs */
};

/* Set up the empty size-class lists (memory_init calls it once). */
void heap_init(void);

void *kmalloc(size_t size);
void *kzalloc(size_t size);
void kfree(void *pointer);

struct heap_stats heap_stats(void);

/* Walk every slab: lists, bitmaps and counters agree (SYS_kcheck); each
 * problem goes into `report` (kcheck.h). */
void heap_check(struct freeport_kcheck *report);

#endif
