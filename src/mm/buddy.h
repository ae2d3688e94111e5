/*
 * buddy.h - the binary buddy algorithm over an array of page descriptors.
 *
 * Layer: core (memory; pure: no hardware, no addresses, host unit-tested by
 * tests/unit/test_buddy.c). It deals in page numbers 0..page_count-1; the
 * caller (mm/frame.c) turns them into physical addresses and provides the
 * descriptor array. A block of order k is 2^k pages starting at a page
 * number that is a multiple of 2^k; its buddy is the block it was split
 * from, page ^ 2^k.
 *
 * Invariants, for every page p:
 *   - exactly one of: p heads a free block (BUDDY_FREE, on free list
 *     free_head[order]), heads an allocated block (BUDDY_ALLOCATED), lies
 *     inside a block it does not head (BUDDY_TAIL), or is not memory the
 *     allocator manages (BUDDY_RESERVED, a block of order 0 never free);
 *   - two free buddies of the same order never coexist: freeing merges them;
 *   - free_pages == sum over free blocks of 2^order.
 * Errors (double free, freeing a reserved page) are returned, never fatal
 * here: the caller decides how loud to be.
 */
#ifndef FREEPORT_MM_BUDDY_H
#define FREEPORT_MM_BUDDY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define BUDDY_MAX_ORDER 10 /* largest block: 2^10 pages */
#define BUDDY_ORDERS    (BUDDY_MAX_ORDER + 1)
#define BUDDY_NONE      UINT32_MAX /* end of a free list */
#define BUDDY_MAX_PAGES ((size_t)UINT32_MAX)

enum buddy_state {
    BUDDY_RESERVED = 0, /* zeroed descriptors start reserved */
    BUDDY_FREE,
    BUDDY_ALLOCATED,
    BUDDY_TAIL,
};

enum buddy_error {
    BUDDY_OK = 0,
    BUDDY_ERROR_RANGE,       /* page number beyond the array */
    BUDDY_ERROR_ORDER,       /* order above BUDDY_MAX_ORDER */
    BUDDY_ERROR_RESERVED,    /* freeing a page the allocator never had */
    BUDDY_ERROR_DOUBLE_FREE, /* the block is already free */
    BUDDY_ERROR_NOT_BLOCK,   /* not the first page of an allocated block */
    BUDDY_ERROR_WRONG_ORDER, /* freed with another order than allocated */
    BUDDY_ERROR_OVERLAP,     /* adding pages that were already added */
    /* found by buddy_check(): the structure itself is broken */
    BUDDY_ERROR_BAD_LIST,    /* a free list links something not a free block of its order */
    BUDDY_ERROR_BAD_BLOCK,   /* a block misaligned, past the end, or with wrong tail pages */
    BUDDY_ERROR_UNMERGED,    /* two free buddies of the same order */
    BUDDY_ERROR_BAD_COUNT,   /* counters disagree with the descriptors */
};

struct buddy_page {
    uint32_t next, prev;   /* free-list neighbours (page numbers) */
    uint8_t state;         /* enum buddy_state */
    uint8_t order;         /* order of the block this page heads */
    uint16_t extra_owners; /* the caller's (mm/frame.c): zeroed by buddy_init, never touched here */
};

struct buddy {
    struct buddy_page *pages; /* caller's array, one per page */
    size_t page_count;
    uint32_t free_head[BUDDY_ORDERS];
    size_t free_blocks[BUDDY_ORDERS];
    size_t total_pages; /* pages ever added */
    size_t free_pages;
};

/* Bytes of descriptor array needed for `page_count` pages. */
size_t buddy_metadata_size(size_t page_count);

/* Start with every page reserved; `pages` is overwritten. At most
 * BUDDY_MAX_PAGES pages. */
void buddy_init(struct buddy *buddy, struct buddy_page *pages, size_t page_count);

/* Hand pages [first, first + count) to the allocator as free memory.
 * They must all still be reserved (BUDDY_ERROR_OVERLAP otherwise). */
int buddy_add_range(struct buddy *buddy, size_t first, size_t count);

/* Allocate a block of 2^order pages lying wholly below page `limit`
 * (use BUDDY_MAX_PAGES for anywhere). Returns false when none is free. */
bool buddy_alloc(struct buddy *buddy, unsigned order, size_t limit, size_t *page);

/* Free the block of 2^order pages starting at `page`: BUDDY_OK or why not. */
int buddy_free(struct buddy *buddy, size_t page, unsigned order);

/* Is `page` the first page of an allocated block? */
bool buddy_is_allocated(const struct buddy *buddy, size_t page);

/* Re-derive every invariant above from the descriptors and the free
 * lists: BUDDY_OK, or the first violation found and, in *where, the page.
 * O(page_count); for integrity checks (SYS_kcheck) and the unit tests. */
int buddy_check(const struct buddy *buddy, size_t *where);

/* A sentence for a buddy_error, for panic messages. */
const char *buddy_error_string(int error);

#endif
