/*
 * user_memory.h - a process's user address space: which ranges are mapped
 * with which protection (regions), and the pages behind them.
 *
 * Layer: processes, on mm/paging.c and mm/frame.c. A region is a page-
 * aligned range [start, end) with FP_PROT_* protection; the regions of a
 * space are sorted and never overlap. Pages are made lazily: a region's
 * page gets a zeroed frame the first time it is touched (user_memory_fault
 * from the page-fault handler, user_memory_page from usercopy), except
 * where the ELF loader fills them at once (user_memory_populate).
 *
 * Copy-on-write: fork shares every frame between parent and child, with
 * the write bit off and PAGE_COW on in writable regions; the first write
 * gets a private copy (or keeps the frame, if the other owner is gone).
 * Rule: a page is mapped writable iff its region is writable and its frame
 * has one owner (frame.h); every user frame is mapped PAGE_OWNED.
 *
 * Shared regions (shared_id != 0) hold frames a higher layer (native IPC:
 * channel rings, shared memory) shares between address spaces on purpose.
 * Their pages are all mapped when the region is made, never copied on
 * write, never made lazily; fork does not give them to the child, and
 * mprotect refuses them (a read-only mapping must stay read-only). munmap
 * may drop them like any other pages: the frames are shared (frame_share),
 * so the owner and the other mappings keep theirs.
 *
 * Layout: nothing below USER_MIN_ADDRESS (so NULL and small offsets from it
 * always fault); the program image from its ELF addresses, the break (heap)
 * just above it; mmap from USER_MMAP_BASE up; the stack just below
 * USER_STACK_TOP, whose page above stays unmapped (a sysret never returns
 * to the last canonical page).
 */
#ifndef FREEPORT_PROC_USER_MEMORY_H
#define FREEPORT_PROC_USER_MEMORY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "lib/list.h"
#include "mm/layout.h"
#include "mm/paging.h"

#define USER_MIN_ADDRESS 0x10000UL
#define USER_MMAP_BASE   0x0000100000000000UL
#define USER_STACK_TOP   (USER_SPACE_END - PAGE_SIZE)
#define USER_STACK_SIZE  (8UL << 20)
#define USER_STACK_BASE  (USER_STACK_TOP - USER_STACK_SIZE)

struct memory_region {
    uintptr_t start, end; /* page-aligned, start < end */
    unsigned protection;  /* FP_PROT_READ | FP_PROT_WRITE | FP_PROT_EXEC, or FP_PROT_NONE */
    uint64_t shared_id;   /* 0: private memory; else the shared mapping it belongs to */
    struct list_node node;
};

struct user_memory {
    struct address_space pages;
    struct list_node regions;         /* sorted by start */
    uintptr_t break_start, break_end; /* the heap is [break_start, break_end) */
    uint64_t resident_pages;          /* pages with a frame mapped */
};

/* An empty space (kernel half shared). NULL if out of memory. */
struct user_memory *user_memory_create(void);

/* Free every page, table and region. Must not be the current space. */
void user_memory_destroy(struct user_memory *memory);

/* The child's copy of `parent`, sharing every page copy-on-write.
 * NULL if out of memory (the parent is unchanged but for COW bits). */
struct user_memory *user_memory_fork(struct user_memory *parent);

/* Add a region over [start, start + length) (page-aligned, inside the
 * user range, overlapping nothing). 0, -EINVAL, -EEXIST or -ENOMEM. */
int user_memory_map(struct user_memory *memory, uintptr_t start, size_t length, unsigned protection);

/* Remove whatever is mapped in [start, start + length). 0, -EINVAL, -ENOMEM. */
int user_memory_unmap(struct user_memory *memory, uintptr_t start, size_t length);

/* Change the protection of [start, start + length), which must be wholly
 * mapped. 0, -EINVAL, -ENOMEM (a hole, or out of memory), -EACCES (a
 * shared region). PROT_NONE drops the pages' contents: x86 has no
 * present-but-inaccessible page. */
int user_memory_protect(struct user_memory *memory, uintptr_t start, size_t length, unsigned protection);

/* A shared region at [start, start + count pages) mapping `frames` in
 * order, each gaining an owner (frame_share), tagged `shared_id` (not 0;
 * the caller's, unique). Several calls may add to one id. `protection` is
 * FP_PROT_READ, optionally with FP_PROT_WRITE; never executable.
 * 0, -EINVAL, -EEXIST or -ENOMEM (then nothing was added). */
int user_memory_map_shared(struct user_memory *memory, uintptr_t start, const uint64_t *frames, size_t count,
                           unsigned protection, uint64_t shared_id);

/* A shared region at [start, start + count pages) mapping device memory
 * (not RAM frames: the VGA text buffer) from `physical` on, tagged
 * `shared_id` like the above; its pages are never freed, only unmapped.
 * 0, -EINVAL, -EEXIST or -ENOMEM. */
int user_memory_map_device(struct user_memory *memory, uintptr_t start, uint64_t physical, size_t count,
                           unsigned protection, uint64_t shared_id);

/* Remove every region tagged `shared_id`, and its pages (none: nothing). */
void user_memory_unmap_shared(struct user_memory *memory, uint64_t shared_id);

/* The lowest free range of `length` bytes at or above USER_MMAP_BASE, or 0. */
uintptr_t user_memory_find_free(struct user_memory *memory, size_t length);

/* Does [start, start + length) overlap no region? (It must lie in the
 * user range.) */
bool user_memory_is_free(struct user_memory *memory, uintptr_t start, size_t length);

/* Move the end of the heap to `new_break` (not below break_start).
 * 0, -ENOMEM (it would overlap something, or out of memory). */
int user_memory_set_break(struct user_memory *memory, uintptr_t new_break);

/* Make the page at `address` present for this access (a zeroed frame for
 * an untouched page, a private copy for a write to a shared one) and give
 * its frame. 0, or -EFAULT if the region's protection forbids the access
 * or no region is there; -ENOMEM if no frame is left. */
int user_memory_page(struct user_memory *memory, uintptr_t address, bool write, uint64_t *frame);

/* Copy between a kernel buffer and [address, address + length) of this
 * space (current or not: exec fills a new one). Every page is checked and
 * made ready first; nothing is copied unless all are. 0 or -EFAULT. */
int user_memory_read(struct user_memory *memory, void *kernel_dest, uintptr_t address, size_t length);
int user_memory_write(struct user_memory *memory, uintptr_t address, const void *kernel_src, size_t length);

/* Map a frame the caller filled at page `address` inside a region. The
 * space takes ownership of the frame. 0, -EEXIST or -ENOMEM. */
int user_memory_populate(struct user_memory *memory, uintptr_t address, uint64_t frame);

#endif
