/*
 * test_size_class.c - host unit tests of src/mm/size_class.c, the kernel
 * heap's size arithmetic.
 *
 * Built by `make unit` with ASan/UBSan and run as TAP. The expected numbers
 * are the ones mm/heap.c lives by: 4 KiB slabs with a 64-byte header, large
 * blocks with a 16-byte header, at most order 10 (4 MiB).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "mm/size_class.h"

#define PAGE         4096
#define SLAB_HEADER  64
#define LARGE_HEADER 16
#define MAX_ORDER    10

static void test_class_of_each_size(void **state)
{
    (void)state;
    assert_int_equal(size_class_index(0), 0);
    assert_int_equal(size_class_index(1), 0);
    assert_int_equal(size_class_index(16), 0);
    assert_int_equal(size_class_index(17), 1);
    assert_int_equal(size_class_index(64), 2);
    assert_int_equal(size_class_index(65), 3);
    assert_int_equal(size_class_index(1024), 6);
    assert_int_equal(size_class_index(1025), 7);
    assert_int_equal(size_class_index(SIZE_CLASS_LARGEST), SIZE_CLASS_COUNT - 1);
    assert_int_equal(size_class_index(SIZE_CLASS_LARGEST + 1), -1);
    assert_int_equal(size_class_index(SIZE_MAX), -1);
}

/* Every size maps to the smallest class that holds it. */
static void test_class_is_the_tightest_fit(void **state)
{
    (void)state;
    for (size_t size = 1; size <= SIZE_CLASS_LARGEST; size++) {
        int index = size_class_index(size);
        assert_true(index >= 0);
        assert_true(size_class_bytes(index) >= size);
        if (index > 0)
            assert_true(size_class_bytes(index - 1) < size);
    }
}

static void test_class_sizes(void **state)
{
    (void)state;
    assert_int_equal(size_class_bytes(0), SIZE_CLASS_SMALLEST);
    for (int index = 1; index < SIZE_CLASS_COUNT; index++)
        assert_int_equal(size_class_bytes(index), 2 * size_class_bytes(index - 1));
    assert_int_equal(size_class_bytes(SIZE_CLASS_COUNT - 1), SIZE_CLASS_LARGEST);
}

static void test_objects_per_slab(void **state)
{
    static const size_t expected[SIZE_CLASS_COUNT] = {252, 126, 63, 31, 15, 7, 3, 1};

    (void)state;
    for (int index = 0; index < SIZE_CLASS_COUNT; index++)
        assert_int_equal(size_class_objects(index, PAGE, SLAB_HEADER), expected[index]);
    assert_int_equal(size_class_objects(0, PAGE, 0), 256);
    assert_int_equal(size_class_objects(0, PAGE, PAGE), 0);
    assert_int_equal(size_class_objects(7, 100, 10), 0);
}

static void test_large_block_orders(void **state)
{
    (void)state;
    assert_int_equal(size_class_block_order(1, LARGE_HEADER, PAGE, MAX_ORDER), 0);
    assert_int_equal(size_class_block_order(PAGE - LARGE_HEADER, LARGE_HEADER, PAGE, MAX_ORDER), 0);
    assert_int_equal(size_class_block_order(PAGE - LARGE_HEADER + 1, LARGE_HEADER, PAGE, MAX_ORDER), 1);
    assert_int_equal(size_class_block_order(PAGE, LARGE_HEADER, PAGE, MAX_ORDER), 1);
    assert_int_equal(size_class_block_order(10000, LARGE_HEADER, PAGE, MAX_ORDER), 2);
    assert_int_equal(size_class_block_order(1 << 20, LARGE_HEADER, PAGE, MAX_ORDER), 9);
    assert_int_equal(
        size_class_block_order((PAGE << MAX_ORDER) - LARGE_HEADER, LARGE_HEADER, PAGE, MAX_ORDER), MAX_ORDER);
}

static void test_too_large_is_refused_without_overflow(void **state)
{
    (void)state;
    assert_int_equal(
        size_class_block_order((PAGE << MAX_ORDER) - LARGE_HEADER + 1, LARGE_HEADER, PAGE, MAX_ORDER), -1);
    assert_int_equal(size_class_block_order(SIZE_MAX, LARGE_HEADER, PAGE, MAX_ORDER), -1);
    assert_int_equal(size_class_block_order(SIZE_MAX - LARGE_HEADER + 1, LARGE_HEADER, PAGE, MAX_ORDER), -1);
    assert_int_equal(size_class_block_order(1, SIZE_MAX, PAGE, MAX_ORDER), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_class_of_each_size),
        cmocka_unit_test(test_class_is_the_tightest_fit),
        cmocka_unit_test(test_class_sizes),
        cmocka_unit_test(test_objects_per_slab),
        cmocka_unit_test(test_large_block_orders),
        cmocka_unit_test(test_too_large_is_refused_without_overflow),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
