/*
 * buddy.c - the binary buddy algorithm (see buddy.h for the invariants).
 *
 * Layer: core (memory; pure, host unit-tested). Allocation takes the
 * smallest free block that is big enough and splits it in halves, putting
 * each unused upper half on its free list; freeing merges a block with its
 * buddy for as long as the buddy is free and of the same order. Each split
 * or merge changes which page heads a block for exactly one page, so every
 * operation is O(BUDDY_MAX_ORDER). No locking here: the caller serializes.
 */
#include "mm/buddy.h"
#include "lib/string.h"

static size_t pages_in(unsigned order)
{
    return (size_t)1 << order;
}

static void list_push(struct buddy *buddy, size_t page, unsigned order)
{
    struct buddy_page *head = &buddy->pages[page];

    head->state = BUDDY_FREE;
    head->order = (uint8_t)order;
    head->prev = BUDDY_NONE;
    head->next = buddy->free_head[order];
    if (head->next != BUDDY_NONE)
        buddy->pages[head->next].prev = (uint32_t)page;
    buddy->free_head[order] = (uint32_t)page;
    buddy->free_blocks[order]++;
}

static void list_remove(struct buddy *buddy, size_t page)
{
    struct buddy_page *head = &buddy->pages[page];

    if (head->prev != BUDDY_NONE)
        buddy->pages[head->prev].next = head->next;
    else
        buddy->free_head[head->order] = head->next;
    if (head->next != BUDDY_NONE)
        buddy->pages[head->next].prev = head->prev;
    buddy->free_blocks[head->order]--;
}

/* Put a block on its free list, first merging it with its buddy while the
 * buddy is a free block of the same order. */
static void insert_free_block(struct buddy *buddy, size_t page, unsigned order)
{
    while (order < BUDDY_MAX_ORDER) {
        size_t partner = page ^ pages_in(order);
        if (partner >= buddy->page_count || buddy->pages[partner].state != BUDDY_FREE ||
            buddy->pages[partner].order != order)
            break;
        list_remove(buddy, partner);
        buddy->pages[page > partner ? page : partner].state = BUDDY_TAIL;
        page &= ~pages_in(order);
        order++;
    }
    list_push(buddy, page, order);
}

/* The largest order a block starting at `page` can have with `available`
 * pages left in its range. */
static unsigned largest_order(size_t page, size_t available)
{
    unsigned order = 0;

    while (order < BUDDY_MAX_ORDER && (page & pages_in(order)) == 0 && pages_in(order + 1) <= available)
        order++;
    return order;
}

size_t buddy_metadata_size(size_t page_count)
{
    return page_count * sizeof(struct buddy_page);
}

void buddy_init(struct buddy *buddy, struct buddy_page *pages, size_t page_count)
{
    memset(buddy, 0, sizeof(*buddy));
    memset(pages, 0, buddy_metadata_size(page_count));
    buddy->pages = pages;
    buddy->page_count = page_count < BUDDY_MAX_PAGES ? page_count : BUDDY_MAX_PAGES;
    for (unsigned order = 0; order <= BUDDY_MAX_ORDER; order++)
        buddy->free_head[order] = BUDDY_NONE;
}

int buddy_add_range(struct buddy *buddy, size_t first, size_t count)
{
    size_t end = first + count;

    if (first > buddy->page_count || count > buddy->page_count - first)
        return BUDDY_ERROR_RANGE;
    for (size_t page = first; page < end; page++)
        if (buddy->pages[page].state != BUDDY_RESERVED)
            return BUDDY_ERROR_OVERLAP;
    for (size_t page = first; page < end;) {
        unsigned order = largest_order(page, end - page);
        for (size_t tail = 1; tail < pages_in(order); tail++)
            buddy->pages[page + tail].state = BUDDY_TAIL;
        insert_free_block(buddy, page, order);
        page += pages_in(order);
    }
    buddy->total_pages += count;
    buddy->free_pages += count;
    return BUDDY_OK;
}

/* The first block on free list `order` that ends at or below `limit`. */
static size_t first_block_below(const struct buddy *buddy, unsigned order, size_t limit)
{
    for (size_t page = buddy->free_head[order]; page != BUDDY_NONE; page = buddy->pages[page].next)
        if (page + pages_in(order) <= limit)
            return page;
    return BUDDY_NONE;
}

bool buddy_alloc(struct buddy *buddy, unsigned order, size_t limit, size_t *page)
{
    for (unsigned found = order; found <= BUDDY_MAX_ORDER; found++) {
        size_t block = first_block_below(buddy, found, limit);
        if (block == BUDDY_NONE)
            continue;
        list_remove(buddy, block);
        while (found > order) {
            found--;
            list_push(buddy, block + pages_in(found), found);
        }
        buddy->pages[block].state = BUDDY_ALLOCATED;
        buddy->pages[block].order = (uint8_t)order;
        buddy->free_pages -= pages_in(order);
        *page = block;
        return true;
    }
    return false;
}

int buddy_free(struct buddy *buddy, size_t page, unsigned order)
{
    if (order > BUDDY_MAX_ORDER)
        return BUDDY_ERROR_ORDER;
    if (page >= buddy->page_count)
        return BUDDY_ERROR_RANGE;
    switch (buddy->pages[page].state) {
    case BUDDY_RESERVED: return BUDDY_ERROR_RESERVED;
    case BUDDY_FREE: return BUDDY_ERROR_DOUBLE_FREE;
    case BUDDY_TAIL: return BUDDY_ERROR_NOT_BLOCK;
    }
    if (buddy->pages[page].order != order)
        return BUDDY_ERROR_WRONG_ORDER;
    buddy->free_pages += pages_in(order);
    insert_free_block(buddy, page, order);
    return BUDDY_OK;
}

bool buddy_is_allocated(const struct buddy *buddy, size_t page)
{
    return page < buddy->page_count && buddy->pages[page].state == BUDDY_ALLOCATED;
}

/* Free list `order`: each entry a free, aligned block of that order whose
 * back link is right, and as many entries as free_blocks[order] says. The
 * walk is bounded, so a list corrupted into a loop ends too. */
static int check_free_list(const struct buddy *buddy, unsigned order, size_t *where)
{
    size_t blocks = 0;
    uint32_t previous = BUDDY_NONE;

    for (uint32_t page = buddy->free_head[order]; page != BUDDY_NONE; page = buddy->pages[page].next) {
        *where = page;
        if (page >= buddy->page_count || blocks > buddy->page_count)
            return BUDDY_ERROR_BAD_LIST;
        const struct buddy_page *head = &buddy->pages[page];
        if (head->state != BUDDY_FREE || head->order != order || head->prev != previous ||
            page % pages_in(order))
            return BUDDY_ERROR_BAD_LIST;
        previous = page;
        blocks++;
    }
    *where = 0;
    return blocks == buddy->free_blocks[order] ? BUDDY_OK : BUDDY_ERROR_BAD_COUNT;
}

/* The block headed by `page`: aligned, inside the array, tail pages TAIL;
 * a free one has no free buddy of its order. */
static int check_block(const struct buddy *buddy, size_t page)
{
    unsigned order = buddy->pages[page].order;
    size_t partner = page ^ pages_in(order);

    if (order > BUDDY_MAX_ORDER || page % pages_in(order) || pages_in(order) > buddy->page_count - page)
        return BUDDY_ERROR_BAD_BLOCK;
    for (size_t tail = 1; tail < pages_in(order); tail++)
        if (buddy->pages[page + tail].state != BUDDY_TAIL)
            return BUDDY_ERROR_BAD_BLOCK;
    if (buddy->pages[page].state == BUDDY_FREE && order < BUDDY_MAX_ORDER && partner < buddy->page_count &&
        buddy->pages[partner].state == BUDDY_FREE && buddy->pages[partner].order == order)
        return BUDDY_ERROR_UNMERGED;
    return BUDDY_OK;
}

int buddy_check(const struct buddy *buddy, size_t *where)
{
    size_t free_pages = 0, allocated_pages = 0, free_heads[BUDDY_ORDERS] = {0};
    int error;

    for (unsigned order = 0; order <= BUDDY_MAX_ORDER; order++)
        if ((error = check_free_list(buddy, order, where)) != BUDDY_OK)
            return error;
    for (size_t page = 0; page < buddy->page_count;) {
        const struct buddy_page *head = &buddy->pages[page];
        *where = page;
        if (head->state == BUDDY_RESERVED) {
            page++;
            continue;
        }
        if (head->state == BUDDY_TAIL)
            return BUDDY_ERROR_BAD_BLOCK;
        if ((error = check_block(buddy, page)) != BUDDY_OK)
            return error;
        if (head->state == BUDDY_FREE) {
            free_pages += pages_in(head->order);
            free_heads[head->order]++;
        } else {
            allocated_pages += pages_in(head->order);
        }
        page += pages_in(head->order);
    }
    *where = 0;
    for (unsigned order = 0; order <= BUDDY_MAX_ORDER; order++)
        if (free_heads[order] != buddy->free_blocks[order])
            return BUDDY_ERROR_BAD_COUNT;
    if (free_pages != buddy->free_pages || free_pages + allocated_pages != buddy->total_pages)
        return BUDDY_ERROR_BAD_COUNT;
    return BUDDY_OK;
}

const char *buddy_error_string(int error)
{
    static const char *const strings[] = {
        [BUDDY_OK] = "no error",
        [BUDDY_ERROR_RANGE] = "address beyond the end of memory",
        [BUDDY_ERROR_ORDER] = "order too large",
        [BUDDY_ERROR_RESERVED] = "frame is reserved, never allocated",
        [BUDDY_ERROR_DOUBLE_FREE] = "double free: block is already free",
        [BUDDY_ERROR_NOT_BLOCK] = "not the first frame of an allocated block (double free?)",
        [BUDDY_ERROR_WRONG_ORDER] = "freed with a different order than allocated",
        [BUDDY_ERROR_OVERLAP] = "range overlaps memory already added",
        [BUDDY_ERROR_BAD_LIST] = "a free list links a page that is not a free block of its order",
        [BUDDY_ERROR_BAD_BLOCK] = "a block is misaligned, runs past the end, or has wrong tail pages",
        [BUDDY_ERROR_UNMERGED] = "two free buddies of the same order were not merged",
        [BUDDY_ERROR_BAD_COUNT] = "the counters disagree with the descriptors",
    };

    if (error < 0 || (size_t)error >= sizeof(strings) / sizeof(strings[0]))
        return "unknown error";
    return strings[error];
}
