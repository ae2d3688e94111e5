/*
 * frame.h - the physical frame allocator: 4 KiB frames of RAM, singly or in
 * contiguous, naturally aligned blocks of 2^order frames.
 *
 * Layer: core (memory). Built by frame_init() from the boot memory map on
 * top of the buddy algorithm (mm/buddy.c). Frames are physical addresses:
 * reach their contents through PHYS_TO_VIRT (mm/layout.h). A fresh frame
 * holds whatever was there before; zero it if that matters.
 *
 * Order-0 frames can be shared, with a count of owners (frame_share).
 * Never allocated: the first MiB, the kernel image, every boot module (the
 * initrd) and the allocator's own descriptor array. Exhaustion returns 0
 * (frame 0 is never handed out); a bad free is a kernel bug and panics.
 * Locking: single CPU; each call runs with interrupts off.
 */
#ifndef FREEPORT_MM_FRAME_H
#define FREEPORT_MM_FRAME_H

#include <stdbool.h>
#include <stdint.h>
#include "mm/buddy.h"

#define FRAME_MAX_ORDER BUDDY_MAX_ORDER /* largest block: 4 MiB */

struct boot_info;
struct freeport_kcheck;
struct physmap;

struct frame_stats {
    uint64_t total; /* frames the allocator manages */
    uint64_t free;
    uint64_t used; /* total - free */
};

/* Take over `ram` (usable RAM, sorted; see mm/physmap.h) minus the
 * reserved areas above. Panics if the descriptors cannot be placed. */
void frame_init(const struct physmap *ram, const struct boot_info *boot_info);

uint64_t frame_alloc(void);
uint64_t frame_alloc_order(unsigned order);

/* A frame lying wholly below physical address `limit` (0 if none):
 * for page tables built while only the boot mapping exists. */
uint64_t frame_alloc_below(uint64_t limit);

void frame_free(uint64_t physical);
void frame_free_order(uint64_t physical, unsigned order);

/* Sharing one frame between address spaces (copy-on-write after fork):
 * a frame from frame_alloc() has one owner; frame_share() adds one,
 * frame_release() removes one and frees the frame with the last.
 * frame_free() of a frame that still has other owners panics. At most
 * FRAME_MAX_OWNERS owners (more is a kernel bug and panics). */
#define FRAME_MAX_OWNERS 65536
void frame_share(uint64_t physical);
void frame_release(uint64_t physical);
unsigned frame_owners(uint64_t physical);

/* Is `physical` the first frame of an allocated block? */
bool frame_is_allocated(uint64_t physical);

struct frame_stats frame_stats(void);

/* The buddy allocator's lists, blocks and totals agree (buddy_check); a
 * problem goes into `report` (kcheck.h, SYS_kcheck). */
void frame_check(struct freeport_kcheck *report);

#endif
