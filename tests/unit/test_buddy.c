/*
 * test_buddy.c - host unit tests of src/mm/buddy.c, the buddy algorithm
 * behind the frame allocator.
 *
 * Built by `make unit` with ASan/UBSan and run as TAP. After every
 * operation check_invariants() re-derives what buddy.h promises from the
 * descriptor array alone; the random test also keeps its own model of which
 * pages are allocated and checks the allocator never hands out a page twice
 * or one it was never given. buddy_check(), the kernel's own version of
 * that check (SYS_kcheck), must agree every time, and must notice each
 * kind of corruption planted by test_check_finds_corruption.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "mm/buddy.h"

#define PAGES 4096

static struct buddy_page pages[PAGES];
static struct buddy buddy;

static size_t block_pages(unsigned order)
{
    return (size_t)1 << order;
}

/* Free lists well formed; counters match them; no two free buddies. */
static void check_invariants(const struct buddy *b)
{
    size_t free_pages = 0;

    for (unsigned order = 0; order <= BUDDY_MAX_ORDER; order++) {
        size_t blocks = 0;
        uint32_t previous = BUDDY_NONE;
        for (uint32_t page = b->free_head[order]; page != BUDDY_NONE; page = b->pages[page].next) {
            const struct buddy_page *head = &b->pages[page];
            size_t partner = page ^ block_pages(order);
            assert_true(page < b->page_count);
            assert_int_equal(head->state, BUDDY_FREE);
            assert_int_equal(head->order, order);
            assert_int_equal(head->prev, previous);
            assert_int_equal(page % block_pages(order), 0);
            for (size_t tail = 1; tail < block_pages(order); tail++)
                assert_int_equal(b->pages[page + tail].state, BUDDY_TAIL);
            if (order < BUDDY_MAX_ORDER && partner < b->page_count)
                assert_false(b->pages[partner].state == BUDDY_FREE && b->pages[partner].order == order);
            previous = page;
            blocks++;
            free_pages += block_pages(order);
        }
        assert_int_equal(blocks, b->free_blocks[order]);
    }
    assert_int_equal(free_pages, b->free_pages);
    size_t where;
    assert_int_equal(buddy_check(b, &where), BUDDY_OK);
}

/* cmocka setup: every test starts from an allocator with all pages reserved. */
static int fresh_buddy(void **state)
{
    (void)state;
    buddy_init(&buddy, pages, PAGES);
    return 0;
}

static void add(size_t first, size_t count)
{
    assert_int_equal(buddy_add_range(&buddy, first, count), BUDDY_OK);
    check_invariants(&buddy);
}

static size_t alloc_ok(unsigned order)
{
    size_t page = SIZE_MAX;

    assert_true(buddy_alloc(&buddy, order, BUDDY_MAX_PAGES, &page));
    assert_int_equal(buddy.pages[page].state, BUDDY_ALLOCATED);
    check_invariants(&buddy);
    return page;
}

static void free_ok(size_t page, unsigned order)
{
    assert_int_equal(buddy_free(&buddy, page, order), BUDDY_OK);
    check_invariants(&buddy);
}

static void test_starts_all_reserved(void **state)
{
    size_t page;

    (void)state;
    assert_int_equal(buddy.free_pages, 0);
    assert_int_equal(buddy.total_pages, 0);
    assert_false(buddy_alloc(&buddy, 0, BUDDY_MAX_PAGES, &page));
    assert_int_equal(buddy_free(&buddy, 5, 0), BUDDY_ERROR_RESERVED);
    assert_int_equal(buddy_metadata_size(PAGES), sizeof(pages));
    check_invariants(&buddy);
}

static void test_add_range_makes_largest_blocks(void **state)
{
    (void)state;
    add(0, 2048);
    assert_int_equal(buddy.free_blocks[BUDDY_MAX_ORDER], 2);
    assert_int_equal(buddy.free_pages, 2048);
    assert_int_equal(buddy.total_pages, 2048);
}

/* 1000 pages from page 3: blocks must stay aligned, so the range is cut
 * into 1+4+8+16+...: odd-sized, oddly placed memory loses nothing. */
static void test_odd_range_is_fully_usable(void **state)
{
    size_t count = 0, page;

    (void)state;
    add(3, 1000);
    assert_int_equal(buddy.free_pages, 1000);
    while (buddy_alloc(&buddy, 0, BUDDY_MAX_PAGES, &page)) {
        assert_true(page >= 3 && page < 1003);
        count++;
    }
    assert_int_equal(count, 1000);
    assert_int_equal(buddy.free_pages, 0);
    check_invariants(&buddy);
}

static void test_split_then_coalesce(void **state)
{
    size_t page;

    (void)state;
    add(0, 1024);
    page = alloc_ok(0);
    assert_int_equal(page, 0);
    for (unsigned order = 0; order < BUDDY_MAX_ORDER; order++)
        assert_int_equal(buddy.free_blocks[order], 1);
    assert_int_equal(buddy.free_blocks[BUDDY_MAX_ORDER], 0);
    free_ok(page, 0);
    assert_int_equal(buddy.free_blocks[BUDDY_MAX_ORDER], 1);
    for (unsigned order = 0; order < BUDDY_MAX_ORDER; order++)
        assert_int_equal(buddy.free_blocks[order], 0);
}

static void test_blocks_are_aligned_to_their_size(void **state)
{
    (void)state;
    add(1, PAGES - 1);
    for (unsigned order = 0; order <= BUDDY_MAX_ORDER; order++) {
        size_t page = alloc_ok(order);
        assert_int_equal(page % block_pages(order), 0);
        free_ok(page, order);
    }
}

static void test_adjacent_ranges_coalesce(void **state)
{
    (void)state;
    add(512, 512);
    add(0, 512);
    assert_int_equal(buddy.free_blocks[BUDDY_MAX_ORDER], 1);
    assert_int_equal(buddy.free_blocks[BUDDY_MAX_ORDER - 1], 0);
}

static void test_adding_twice_is_refused(void **state)
{
    (void)state;
    add(100, 50);
    assert_int_equal(buddy_add_range(&buddy, 140, 20), BUDDY_ERROR_OVERLAP);
    assert_int_equal(buddy_add_range(&buddy, PAGES - 10, 11), BUDDY_ERROR_RANGE);
    assert_int_equal(buddy.free_pages, 50);
    check_invariants(&buddy);
}

static void test_exhaustion_then_full_recovery(void **state)
{
    static size_t taken[PAGES];
    size_t count = 0, page;

    (void)state;
    add(0, PAGES);
    while (buddy_alloc(&buddy, 0, BUDDY_MAX_PAGES, &page))
        taken[count++] = page;
    assert_int_equal(count, PAGES);
    assert_false(buddy_alloc(&buddy, 0, BUDDY_MAX_PAGES, &page));
    assert_false(buddy_alloc(&buddy, BUDDY_MAX_ORDER, BUDDY_MAX_PAGES, &page));
    check_invariants(&buddy);
    for (size_t i = 0; i < count; i++)
        assert_int_equal(buddy_free(&buddy, taken[i], 0), BUDDY_OK);
    check_invariants(&buddy);
    assert_int_equal(buddy.free_blocks[BUDDY_MAX_ORDER], PAGES / 1024);
}

static void test_bad_frees_are_reported(void **state)
{
    size_t block;

    (void)state;
    add(0, 64);
    block = alloc_ok(2);
    assert_int_equal(buddy_free(&buddy, block + 1, 0), BUDDY_ERROR_NOT_BLOCK);
    assert_int_equal(buddy_free(&buddy, block, 1), BUDDY_ERROR_WRONG_ORDER);
    assert_int_equal(buddy_free(&buddy, block, BUDDY_MAX_ORDER + 1), BUDDY_ERROR_ORDER);
    assert_int_equal(buddy_free(&buddy, PAGES, 0), BUDDY_ERROR_RANGE);
    assert_int_equal(buddy_free(&buddy, 100, 0), BUDDY_ERROR_RESERVED);
    check_invariants(&buddy);
    free_ok(block, 2);
    assert_int_equal(buddy_free(&buddy, block, 2), BUDDY_ERROR_DOUBLE_FREE);
    assert_int_equal(buddy_free(&buddy, block + 4, 2), BUDDY_ERROR_NOT_BLOCK);
    check_invariants(&buddy);
}

static void test_is_allocated(void **state)
{
    size_t block;

    (void)state;
    add(0, 64);
    block = alloc_ok(1);
    assert_true(buddy_is_allocated(&buddy, block));
    assert_false(buddy_is_allocated(&buddy, block + 1));
    assert_false(buddy_is_allocated(&buddy, 100));
    assert_false(buddy_is_allocated(&buddy, PAGES + 7));
    free_ok(block, 1);
    assert_false(buddy_is_allocated(&buddy, block));
}

static void test_limit_keeps_blocks_low(void **state)
{
    size_t page;

    (void)state;
    add(2048, 2048);
    add(1000, 24);
    for (int i = 0; i < 24; i++) {
        assert_true(buddy_alloc(&buddy, 0, 1024, &page));
        assert_true(page >= 1000 && page < 1024);
    }
    assert_false(buddy_alloc(&buddy, 0, 1024, &page));
    assert_false(buddy_alloc(&buddy, BUDDY_MAX_ORDER, 3071, &page));
    assert_true(buddy_alloc(&buddy, BUDDY_MAX_ORDER, 3072, &page));
    assert_int_equal(page, 2048);
    check_invariants(&buddy);
}

static void test_error_strings(void **state)
{
    (void)state;
    for (int error = BUDDY_OK; error <= BUDDY_ERROR_BAD_COUNT; error++)
        assert_non_null(buddy_error_string(error));
    assert_string_equal(buddy_error_string(BUDDY_ERROR_DOUBLE_FREE), "double free: block is already free");
    assert_string_equal(buddy_error_string(-1), "unknown error");
    assert_string_equal(buddy_error_string(99), "unknown error");
}

/* Plant one corruption at a time in a working allocator; buddy_check()
 * must name it and the page it is at. */
static void expect_check_error(int error, size_t page)
{
    size_t where = SIZE_MAX;

    assert_int_equal(buddy_check(&buddy, &where), error);
    assert_int_equal(where, page);
}

static void test_check_finds_corruption(void **state)
{
    size_t block, where;
    struct buddy_page saved;

    (void)state;
    add(0, 1024);
    block = alloc_ok(2);    /* pages 0-3 allocated; free blocks at 4, 8, 16, ... 512 */

    buddy.pages[1].state = BUDDY_FREE;                  /* a tail page claims to head a block */
    expect_check_error(BUDDY_ERROR_BAD_BLOCK, 0);
    buddy.pages[1].state = BUDDY_TAIL;

    saved = buddy.pages[8];                             /* a listed block no longer free */
    buddy.pages[8].state = BUDDY_ALLOCATED;
    expect_check_error(BUDDY_ERROR_BAD_LIST, 8);
    buddy.pages[8] = saved;

    buddy.pages[16].next = 16;                          /* a list looping on itself */
    assert_int_equal(buddy_check(&buddy, &where), BUDDY_ERROR_BAD_LIST);
    buddy.pages[16].next = BUDDY_NONE;

    buddy.free_pages++;                                 /* a counter out of step */
    expect_check_error(BUDDY_ERROR_BAD_COUNT, 0);
    buddy.free_pages--;

    buddy.pages[block].state = BUDDY_FREE;              /* a block freed behind the lists' back */
    buddy.pages[block].order = 2;
    expect_check_error(BUDDY_ERROR_UNMERGED, 0);
    buddy.pages[block].state = BUDDY_ALLOCATED;

    free_ok(block, 2);
}

/* xorshift64: a fixed sequence, so a failure repeats. */
static uint64_t random_next(uint64_t *seed)
{
    *seed ^= *seed << 13;
    *seed ^= *seed >> 7;
    *seed ^= *seed << 17;
    return *seed;
}

struct live_block {
    size_t page;
    unsigned order;
};

/* Random allocations and frees over memory with holes, against a model:
 * owner[p] is true while page p is in some live block. Once all is freed,
 * coalescing must have rebuilt exactly the blocks adding made. */
static void test_random_against_model(void **state)
{
    static bool owner[PAGES], usable[PAGES];
    static struct live_block live[PAGES];
    size_t live_count = 0, blocks_at_start[BUDDY_ORDERS];
    uint64_t seed = 0x9e3779b97f4a7c15ULL;

    (void)state;
    memset(owner, 0, sizeof(owner));
    memset(usable, 0, sizeof(usable));
    add(7, 1500);
    add(1600, 333);
    add(2048, 2000);
    for (size_t p = 0; p < PAGES; p++)
        usable[p] = (p >= 7 && p < 1507) || (p >= 1600 && p < 1933) || (p >= 2048 && p < 4048);
    memcpy(blocks_at_start, buddy.free_blocks, sizeof(blocks_at_start));
    for (int step = 0; step < 20000; step++) {
        bool allocate = live_count == 0 || random_next(&seed) % 100 < 55;
        if (allocate) {
            unsigned order = (unsigned)(random_next(&seed) % 6);
            size_t page;
            if (!buddy_alloc(&buddy, order, BUDDY_MAX_PAGES, &page))
                continue;
            for (size_t p = page; p < page + block_pages(order); p++) {
                assert_true(usable[p]);
                assert_false(owner[p]);
                owner[p] = true;
            }
            live[live_count++] = (struct live_block){page, order};
        } else {
            size_t victim = random_next(&seed) % live_count;
            struct live_block block = live[victim];
            live[victim] = live[--live_count];
            for (size_t p = block.page; p < block.page + block_pages(block.order); p++)
                owner[p] = false;
            assert_int_equal(buddy_free(&buddy, block.page, block.order), BUDDY_OK);
        }
        if (step % 500 == 0)
            check_invariants(&buddy);
    }
    while (live_count > 0) {
        live_count--;
        assert_int_equal(buddy_free(&buddy, live[live_count].page, live[live_count].order), BUDDY_OK);
    }
    check_invariants(&buddy);
    assert_int_equal(buddy.free_pages, 1500 + 333 + 2000);
    assert_memory_equal(buddy.free_blocks, blocks_at_start, sizeof(blocks_at_start));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_starts_all_reserved, fresh_buddy),
        cmocka_unit_test_setup(test_add_range_makes_largest_blocks, fresh_buddy),
        cmocka_unit_test_setup(test_odd_range_is_fully_usable, fresh_buddy),
        cmocka_unit_test_setup(test_split_then_coalesce, fresh_buddy),
        cmocka_unit_test_setup(test_blocks_are_aligned_to_their_size, fresh_buddy),
        cmocka_unit_test_setup(test_adjacent_ranges_coalesce, fresh_buddy),
        cmocka_unit_test_setup(test_adding_twice_is_refused, fresh_buddy),
        cmocka_unit_test_setup(test_exhaustion_then_full_recovery, fresh_buddy),
        cmocka_unit_test_setup(test_bad_frees_are_reported, fresh_buddy),
        cmocka_unit_test_setup(test_is_allocated, fresh_buddy),
        cmocka_unit_test_setup(test_limit_keeps_blocks_low, fresh_buddy),
        cmocka_unit_test_setup(test_error_strings, fresh_buddy),
        cmocka_unit_test_setup(test_check_finds_corruption, fresh_buddy),
        cmocka_unit_test_setup(test_random_against_model, fresh_buddy),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
