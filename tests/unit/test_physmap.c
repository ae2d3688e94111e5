/*
 * test_physmap.c - host unit tests of src/mm/physmap.c, the range sets that
 * turn the boot memory map into the frame allocator's free memory.
 *
 * Built by `make unit` with ASan/UBSan and run as TAP. Firmware memory maps
 * are unsorted, overlapping and unaligned; the tests feed such maps in and
 * check the sorted, disjoint, page-aligned result, ending with random
 * sequences compared against a page-by-page model.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "mm/physmap.h"

#define PAGE PHYSMAP_PAGE_SIZE
#define MIB  (1024 * 1024ULL)

static struct physmap map;

/* Sorted, page-aligned, non-empty, separated by at least one page. */
static void check_well_formed(const struct physmap *m)
{
    for (size_t i = 0; i < m->count; i++) {
        assert_int_equal(m->ranges[i].start % PAGE, 0);
        assert_int_equal(m->ranges[i].end % PAGE, 0);
        assert_true(m->ranges[i].start < m->ranges[i].end);
        if (i > 0)
            assert_true(m->ranges[i - 1].end < m->ranges[i].start);
    }
}

static void expect_ranges(const struct physmap *m, size_t count, const struct phys_range *expected)
{
    check_well_formed(m);
    assert_int_equal(m->count, count);
    for (size_t i = 0; i < count; i++) {
        assert_int_equal(m->ranges[i].start, expected[i].start);
        assert_int_equal(m->ranges[i].end, expected[i].end);
    }
}

static void test_unsorted_adds_come_out_sorted(void **state)
{
    (void)state;
    physmap_init(&map);
    assert_int_equal(physmap_add(&map, 64 * MIB, 128 * MIB), 0);
    assert_int_equal(physmap_add(&map, 1 * MIB, 2 * MIB), 0);
    assert_int_equal(physmap_add(&map, 16 * MIB, 32 * MIB), 0);
    expect_ranges(&map, 3,
                  (struct phys_range[]){{1 * MIB, 2 * MIB}, {16 * MIB, 32 * MIB}, {64 * MIB, 128 * MIB}});
    assert_int_equal(physmap_total(&map), 1 * MIB + 16 * MIB + 64 * MIB);
    assert_int_equal(physmap_end(&map), 128 * MIB);
}

static void test_overlapping_and_touching_adds_merge(void **state)
{
    (void)state;
    physmap_init(&map);
    assert_int_equal(physmap_add(&map, 10 * PAGE, 20 * PAGE), 0);
    assert_int_equal(physmap_add(&map, 30 * PAGE, 40 * PAGE), 0);
    assert_int_equal(physmap_add(&map, 20 * PAGE, 22 * PAGE), 0); /* touches the first */
    assert_int_equal(physmap_add(&map, 15 * PAGE, 35 * PAGE), 0); /* bridges both */
    expect_ranges(&map, 1, (struct phys_range[]){{10 * PAGE, 40 * PAGE}});
    assert_int_equal(physmap_add(&map, 0, 50 * PAGE), 0); /* swallows it */
    expect_ranges(&map, 1, (struct phys_range[]){{0, 50 * PAGE}});
}

static void test_unaligned_usable_memory_rounds_inward(void **state)
{
    (void)state;
    physmap_init(&map);
    assert_int_equal(physmap_add(&map, 0, 0x9fc00), 0); /* BIOS low memory */
    /* Spans that hold no whole page add nothing. */
    assert_int_equal(physmap_add(&map, PAGE + 1, 3 * PAGE - 1), 0);
    assert_int_equal(physmap_add(&map, 5 * PAGE + 7, 5 * PAGE + 9), 0);
    expect_ranges(&map, 1, (struct phys_range[]){{0, 0x9f000}});
}

static void test_remove_trims_splits_and_deletes(void **state)
{
    (void)state;
    physmap_init(&map);
    assert_int_equal(physmap_add(&map, 0, 100 * PAGE), 0);
    assert_int_equal(physmap_add(&map, 200 * PAGE, 300 * PAGE), 0);
    assert_int_equal(physmap_remove(&map, 40 * PAGE, 50 * PAGE), 0);   /* split */
    assert_int_equal(physmap_remove(&map, 0, 10 * PAGE), 0);           /* trim the start */
    assert_int_equal(physmap_remove(&map, 290 * PAGE, 400 * PAGE), 0); /* trim the end */
    expect_ranges(
        &map, 3,
        (struct phys_range[]){{10 * PAGE, 40 * PAGE}, {50 * PAGE, 100 * PAGE}, {200 * PAGE, 290 * PAGE}});
    assert_int_equal(physmap_remove(&map, 30 * PAGE, 250 * PAGE), 0); /* across three */
    expect_ranges(&map, 2, (struct phys_range[]){{10 * PAGE, 30 * PAGE}, {250 * PAGE, 290 * PAGE}});
    assert_int_equal(physmap_remove(&map, 0, 1000 * PAGE), 0);
    expect_ranges(&map, 0, NULL);
    assert_int_equal(physmap_remove(&map, 0, PAGE), 0);
    assert_int_equal(physmap_end(&map), 0);
}

static void test_unaligned_reserved_memory_rounds_outward(void **state)
{
    (void)state;
    physmap_init(&map);
    assert_int_equal(physmap_add(&map, 0, 100 * PAGE), 0);
    assert_int_equal(physmap_remove(&map, 10 * PAGE + 1, 10 * PAGE + 2), 0); /* one byte: the whole page */
    assert_int_equal(physmap_remove(&map, 20 * PAGE - 1, 30 * PAGE + 1), 0);
    expect_ranges(&map, 3,
                  (struct phys_range[]){{0, 10 * PAGE}, {11 * PAGE, 19 * PAGE}, {31 * PAGE, 100 * PAGE}});
}

static void test_take_finds_lowest_fit_below_limit(void **state)
{
    uint64_t start = 0;

    (void)state;
    physmap_init(&map);
    assert_int_equal(physmap_add(&map, 0, 4 * PAGE), 0);
    assert_int_equal(physmap_add(&map, 10 * PAGE, 20 * PAGE), 0);
    assert_int_equal(physmap_add(&map, 100 * PAGE, 200 * PAGE), 0);
    assert_true(physmap_take(&map, 5 * PAGE - 100, UINT64_MAX, &start)); /* rounds up to 5 pages */
    assert_int_equal(start, 10 * PAGE);
    expect_ranges(&map, 3,
                  (struct phys_range[]){{0, 4 * PAGE}, {15 * PAGE, 20 * PAGE}, {100 * PAGE, 200 * PAGE}});
    assert_false(physmap_take(&map, 5 * PAGE, 12 * PAGE, &start)); /* limit below a range */
    assert_false(physmap_take(&map, 50 * PAGE, 149 * PAGE, &start));
    assert_true(physmap_take(&map, 50 * PAGE, 150 * PAGE, &start));
    assert_int_equal(start, 100 * PAGE);
    assert_false(physmap_take(&map, 51 * PAGE, UINT64_MAX, &start));
}

static void test_full_map_refuses_without_damage(void **state)
{
    (void)state;
    physmap_init(&map);
    for (uint64_t i = 0; i < PHYSMAP_MAX_RANGES; i++)
        assert_int_equal(physmap_add(&map, (2 * i) * PAGE, (2 * i + 1) * PAGE), 0);
    assert_int_equal(map.count, PHYSMAP_MAX_RANGES);
    assert_int_equal(physmap_add(&map, 1000 * PAGE, 1001 * PAGE), -1);
    assert_int_equal(physmap_add(&map, PAGE, 2 * PAGE), 0); /* merges: no new range */
    assert_int_equal(physmap_add(&map, 2000 * PAGE, 2001 * PAGE), 0);
    assert_int_equal(physmap_add(&map, 3000 * PAGE, 3002 * PAGE), -1);
    assert_int_equal(physmap_remove(&map, 3000 * PAGE, 3001 * PAGE), 0);
    assert_int_equal(map.count, PHYSMAP_MAX_RANGES);
    check_well_formed(&map);
    assert_int_equal(map.ranges[0].end, 3 * PAGE);
}

static void test_split_of_full_map_refused(void **state)
{
    (void)state;
    physmap_init(&map);
    for (uint64_t i = 0; i < PHYSMAP_MAX_RANGES; i++)
        assert_int_equal(physmap_add(&map, (4 * i) * PAGE, (4 * i + 3) * PAGE), 0);
    assert_int_equal(physmap_remove(&map, PAGE, 2 * PAGE), -1);
    assert_int_equal(map.ranges[0].end, 3 * PAGE);
    assert_int_equal(physmap_remove(&map, 0, PAGE), 0); /* a trim still works */
    assert_int_equal(map.ranges[0].start, PAGE);
}

static void test_top_of_address_space_saturates(void **state)
{
    (void)state;
    physmap_init(&map);
    assert_int_equal(physmap_add(&map, UINT64_MAX - 10 * PAGE, UINT64_MAX), 0);
    check_well_formed(&map);
    assert_int_equal(map.count, 1);
    assert_int_equal(physmap_remove(&map, UINT64_MAX - PAGE - 2, UINT64_MAX), 0);
    check_well_formed(&map);
    assert_int_equal(physmap_end(&map), (UINT64_MAX & ~(PAGE - 1)) - PAGE);
}

/* A typical firmware map: 4 GiB of QEMU RAM with the PCI hole, given out
 * of order with a reserved region overlapping usable memory. */
static void test_firmware_map(void **state)
{
    (void)state;
    physmap_init(&map);
    assert_int_equal(physmap_add(&map, 0x100000000ULL, 0x140000000ULL), 0);
    assert_int_equal(physmap_add(&map, 0x100000, 0xbffe0000), 0);
    assert_int_equal(physmap_add(&map, 0, 0x9fc00), 0);
    assert_int_equal(physmap_remove(&map, 0x9fc00, 0xa0000), 0);
    assert_int_equal(physmap_remove(&map, 0xf0000, 0x100000), 0);
    assert_int_equal(physmap_remove(&map, 0xbffe0000, 0xc0000000), 0);
    assert_int_equal(physmap_remove(&map, 0xfffc0000, 0x100000000ULL), 0);
    assert_int_equal(physmap_remove(&map, 0x7000000, 0x7000001), 0); /* reserved inside usable */
    expect_ranges(
        &map, 4,
        (struct phys_range[]){
            {0, 0x9f000}, {0x100000, 0x7000000}, {0x7001000, 0xbffe0000}, {0x100000000ULL, 0x140000000ULL}});
}

static uint64_t random_next(uint64_t *seed)
{
    *seed ^= *seed << 13;
    *seed ^= *seed >> 7;
    *seed ^= *seed << 17;
    return *seed;
}

/* Random unaligned adds and removes over 256 pages, against a model with
 * one bool per page. */
static void test_random_against_model(void **state)
{
    enum { MODEL_PAGES = 256 };
    bool model[MODEL_PAGES] = {false};
    uint64_t seed = 0x0123456789abcdefULL;

    (void)state;
    physmap_init(&map);
    for (int step = 0; step < 5000; step++) {
        uint64_t a = random_next(&seed) % (MODEL_PAGES * PAGE), b = random_next(&seed) % (MODEL_PAGES * PAGE);
        uint64_t start = a < b ? a : b, end = a < b ? b : a;
        bool adding = random_next(&seed) % 3 != 0;
        uint64_t first = adding ? (start + PAGE - 1) / PAGE : start / PAGE;
        uint64_t last = adding ? end / PAGE : (end + PAGE - 1) / PAGE;
        int result = adding ? physmap_add(&map, start, end) : physmap_remove(&map, start, end);
        assert_int_equal(result, 0);
        for (uint64_t page = first; page < last; page++)
            model[page] = adding;
        check_well_formed(&map);
        for (uint64_t page = 0, i = 0; page < MODEL_PAGES; page++) {
            while (i < map.count && map.ranges[i].end <= page * PAGE)
                i++;
            bool in_map = i < map.count && map.ranges[i].start <= page * PAGE;
            assert_int_equal(in_map, model[page]);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_unsorted_adds_come_out_sorted),
        cmocka_unit_test(test_overlapping_and_touching_adds_merge),
        cmocka_unit_test(test_unaligned_usable_memory_rounds_inward),
        cmocka_unit_test(test_remove_trims_splits_and_deletes),
        cmocka_unit_test(test_unaligned_reserved_memory_rounds_outward),
        cmocka_unit_test(test_take_finds_lowest_fit_below_limit),
        cmocka_unit_test(test_full_map_refuses_without_damage),
        cmocka_unit_test(test_split_of_full_map_refused),
        cmocka_unit_test(test_top_of_address_space_saturates),
        cmocka_unit_test(test_firmware_map),
        cmocka_unit_test(test_random_against_model),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
