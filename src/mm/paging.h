/*
 * paging.h - address spaces: 4-level page tables, the kernel's and one
 * per (future) process.
 *
 * Layer: core (memory), above the frame allocator. Every address space
 * shares the kernel half (PML4 entries 256..511): paging_init() creates all
 * 256 of those entries once, so a kernel mapping made later through any
 * address space is seen by all. The user half (entries 0..255) is private.
 *
 * paging_map/unmap/protect work on 4 KiB pages. The direct map uses 2 MiB
 * or 1 GiB pages, which these calls do not split (they return -EEXIST or
 * 0); paging_translate reads pages of every size.
 * Locking: single CPU; an address space is changed by one thread at a time.
 */
#ifndef FREEPORT_MM_PAGING_H
#define FREEPORT_MM_PAGING_H

#include <stdint.h>

/* Mapping flags. A mapping is always readable; without PAGE_EXEC it is
 * no-execute (NX). */
#define PAGE_WRITE (1u << 0)
#define PAGE_USER  (1u << 1) /* reachable from user mode (user half only) */
#define PAGE_EXEC  (1u << 2)
#define PAGE_COW   (1u << 3) /* copy-on-write: recorded for the fault handler */
#define PAGE_OWNED (1u << 4) /* address_space_destroy() frees the frame */

struct physmap;

struct address_space {
    uint64_t root; /* physical address of the PML4 */
};

extern struct address_space kernel_address_space;

/* Build the kernel's page tables and switch to them: the direct map of
 * `ram` (which must include the first MiB) at DIRECT_MAP_BASE and the
 * kernel image at KERNEL_VMA, section by section. Nothing else, so a NULL
 * dereference faults. Panics if memory runs out. */
void paging_init(const struct physmap *ram);

/* A new address space: empty user half, the shared kernel half.
 * 0 or -ENOMEM. */
int address_space_create(struct address_space *space);

/* Free the user half's page tables and the PML4, and release (frame.h)
 * the frames mapped with PAGE_OWNED: freed unless another space shares them. `space` must not be the current or the kernel address space. */
void address_space_destroy(struct address_space *space);

void address_space_switch(struct address_space *space);

/* Map the 4 KiB page at `virt` to the frame at `phys`. Returns 0, -EINVAL
 * (unaligned, non-canonical, PAGE_USER in the kernel half), -EEXIST
 * (already mapped) or -ENOMEM (no frame for a page table). */
int paging_map(struct address_space *space, uintptr_t virt, uint64_t phys, unsigned flags);

/* Remove the mapping of the page at `virt`; returns the frame it mapped,
 * or 0 if none was mapped (frame 0 is never handed out). The frame is not
 * freed, even if PAGE_OWNED: the caller now owns it. */
uint64_t paging_unmap(struct address_space *space, uintptr_t virt);

/* Replace the flags of the mapped page at `virt`. 0, -EINVAL or -EFAULT
 * (nothing mapped there). */
int paging_protect(struct address_space *space, uintptr_t virt, unsigned flags);

/* The first mapped page at or after `virt` and below `end` (end if none),
 * skipping whole absent tables: fast across a huge, mostly empty range. */
uintptr_t paging_next_mapped(const struct address_space *space, uintptr_t virt, uintptr_t end);

/* Where `virt` leads: 0 with *phys (the exact byte) and *flags set, or
 * -EFAULT if it is not mapped. */
int paging_translate(const struct address_space *space, uintptr_t virt, uint64_t *phys, unsigned *flags);

#endif
