/*
 * test_crc32.c - host unit tests of src/lib/crc32.c against the standard
 * check value and a bit-at-a-time reference.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "lib/crc32.h"

/* The textbook algorithm, one bit per step. */
static uint32_t reference_crc32(const uint8_t *bytes, size_t length)
{
    uint32_t crc = 0xffffffff;

    for (size_t index = 0; index < length; index++) {
        crc ^= bytes[index];
        for (int bit = 0; bit < 8; bit++)
            crc = (crc >> 1) ^ (crc & 1 ? 0xedb88320 : 0);
    }
    return ~crc;
}

static void test_check_values(void **state)
{
    (void)state;
    assert_int_equal(crc32("123456789", 9), 0xcbf43926);
    assert_int_equal(crc32("", 0), 0);
    assert_int_equal(crc32(NULL, 0), 0);
    assert_int_equal(crc32("a", 1), 0xe8b7be43);
    assert_int_equal(crc32("The quick brown fox jumps over the lazy dog", 43), 0x414fa339);
}

static void test_matches_bitwise_reference(void **state)
{
    uint8_t bytes[1000];

    (void)state;
    srand(3);
    for (size_t index = 0; index < sizeof(bytes); index++)
        bytes[index] = (uint8_t)rand();
    for (size_t length = 0; length <= sizeof(bytes); length += 37)
        assert_int_equal(crc32(bytes, length), reference_crc32(bytes, length));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_check_values),
        cmocka_unit_test(test_matches_bitwise_reference),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
