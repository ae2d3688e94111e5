/*
 * test_rights_tag.c - host unit tests of src/posix/rights_tag.c: a reader
 * before, at, inside and past the bytes sent with descriptors, at small
 * offsets and near the top of the 64-bit range.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "posix/rights_tag.h"

static void test_before_the_tag(void **state)
{
    struct rights_tag tag = {.start = 100, .length = 5};
    bool here = true;

    (void)state;
    assert_int_equal(rights_tag_limit(&tag, 0, &here), 100);
    assert_false(here);
    assert_int_equal(rights_tag_limit(&tag, 99, &here), 1);
    assert_false(here);
}

static void test_at_and_inside_the_tag(void **state)
{
    struct rights_tag tag = {.start = 100, .length = 5};
    bool here = false;

    (void)state;
    assert_int_equal(rights_tag_limit(&tag, 100, &here), 5);
    assert_true(here);
    assert_int_equal(rights_tag_limit(&tag, 103, &here), 2);
    assert_true(here);
}

static void test_past_the_tag(void **state)
{
    struct rights_tag tag = {.start = 100, .length = 5};
    bool here = false;

    (void)state;
    assert_int_equal(rights_tag_limit(&tag, 105, &here), SIZE_MAX);
    assert_true(here);
}

static void test_large_offsets(void **state)
{
    struct rights_tag tag = {.start = UINT64_MAX - 10, .length = 4};
    bool here = true;

    (void)state;
    assert_int_equal(rights_tag_limit(&tag, UINT64_MAX - 20, &here), 10);
    assert_false(here);
    assert_int_equal(rights_tag_limit(&tag, UINT64_MAX - 8, &here), 2);
    assert_true(here);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_before_the_tag),
        cmocka_unit_test(test_at_and_inside_the_tag),
        cmocka_unit_test(test_past_the_tag),
        cmocka_unit_test(test_large_offsets),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
