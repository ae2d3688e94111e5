/*
 * test_format.c - host unit tests of src/lib/format.c (the kernel's vsnprintf).
 *
 * Built by `make unit` with ASan/UBSan and run as TAP. Where format.h
 * promises C's snprintf behaviour, the expected text is what glibc's
 * snprintf prints for the same call; the rest (%p, unknown conversions) is
 * checked against format.h's own description.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <cmocka.h>

#include "lib/format.h"

#define BIG 256

/* format_print without the printf attribute, for formats gcc would reject. */
static int format_unchecked(char *buffer, size_t size, const char *format, ...)
{
    va_list args;
    int length;

    va_start(args, format);
    length = format_string(buffer, size, format, args);
    va_end(args);
    return length;
}

/* Format into a big buffer; check the text and the returned length. */
#define ASSERT_FORMAT(expected, ...)                                            \
    do {                                                                        \
        char buffer_[BIG];                                                      \
        memset(buffer_, 'Z', sizeof(buffer_));                                  \
        int length_ = format_print(buffer_, sizeof(buffer_), __VA_ARGS__);     \
        assert_string_equal(buffer_, expected);                                 \
        assert_int_equal(length_, strlen(expected));                            \
    } while (0)

/* The same call through glibc's snprintf must give the same text. */
#define ASSERT_LIKE_LIBC(...)                                                   \
    do {                                                                        \
        char libc_[BIG];                                                        \
        snprintf(libc_, sizeof(libc_), __VA_ARGS__);                            \
        ASSERT_FORMAT(libc_, __VA_ARGS__);                                      \
    } while (0)

static void test_plain_text(void **state)
{
    (void)state;
    ASSERT_FORMAT("", "%s", "");
    ASSERT_FORMAT("hello, world", "hello, world");
    ASSERT_FORMAT("100%", "100%%");
}

static void test_signed_decimal(void **state)
{
    (void)state;
    ASSERT_LIKE_LIBC("%d", 0);
    ASSERT_LIKE_LIBC("%d|%i", 42, -42);
    ASSERT_LIKE_LIBC("%d", INT32_MAX);
    ASSERT_LIKE_LIBC("%d", INT32_MIN);
    ASSERT_LIKE_LIBC("%ld", (long)INT64_MIN);
    ASSERT_LIKE_LIBC("%lld", (long long)INT64_MAX);
    ASSERT_LIKE_LIBC("%zd", (ssize_t)-5);
}

static void test_unsigned_and_hex(void **state)
{
    (void)state;
    ASSERT_LIKE_LIBC("%u", 4294967295u);
    ASSERT_LIKE_LIBC("%lu", (unsigned long)UINT64_MAX);
    ASSERT_LIKE_LIBC("%llu", (unsigned long long)UINT64_MAX);
    ASSERT_LIKE_LIBC("%x|%X", 0xdeadbeefu, 0xdeadbeefu);
    ASSERT_LIKE_LIBC("%lx", 0xffffffff80000000ul);
    ASSERT_LIKE_LIBC("%zu|%zx", (size_t)123456789, (size_t)0xabc);
    ASSERT_LIKE_LIBC("%x", 0u);
}

static void test_int_argument_is_not_widened(void **state)
{
    (void)state;
    /* %x takes an unsigned int even when a wider value sits in the register. */
    ASSERT_LIKE_LIBC("%x %lx", (unsigned)-1, 1ul);
    ASSERT_LIKE_LIBC("%d %d", -1, 7);
}

static void test_width_and_flags(void **state)
{
    (void)state;
    ASSERT_LIKE_LIBC("[%5d]", 42);
    ASSERT_LIKE_LIBC("[%-5d]", 42);
    ASSERT_LIKE_LIBC("[%05d]", 42);
    ASSERT_LIKE_LIBC("[%05d]", -42);
    ASSERT_LIKE_LIBC("[%01d]", -5);
    ASSERT_LIKE_LIBC("[%08x]", 0xbeefu);
    ASSERT_LIKE_LIBC("[%2d]", 12345);
    ASSERT_LIKE_LIBC("[%016lx]", 0xffffffff80100000ul);
}

static void test_strings(void **state)
{
    (void)state;
    ASSERT_LIKE_LIBC("[%s]", "kmain");
    ASSERT_LIKE_LIBC("[%8s]", "kmain");
    ASSERT_LIKE_LIBC("[%-8s]", "kmain");
    ASSERT_LIKE_LIBC("[%.3s]", "kmain");
    ASSERT_LIKE_LIBC("[%.0s]", "kmain");
    ASSERT_LIKE_LIBC("[%.10s]", "kmain");
    ASSERT_LIKE_LIBC("[%.*s]", 2, "kmain");
    ASSERT_LIKE_LIBC("[%-7.2s]", "kmain");
}

/* '-' wins over '0', as in C (gcc rejects the format, so no libc twin). */
static void test_left_align_beats_zero_pad(void **state)
{
    char buffer[BIG];
    (void)state;

    assert_int_equal(format_unchecked(buffer, sizeof(buffer), "[%-05d]", -42), 7);
    assert_string_equal(buffer, "[-42  ]");
    assert_int_equal(format_unchecked(buffer, sizeof(buffer), "[%-05x]", 0xabu), 7);
    assert_string_equal(buffer, "[ab   ]");
}

static void test_null_string(void **state)
{
    char buffer[BIG];
    const char *nothing = NULL;
    (void)state;

    assert_int_equal(format_unchecked(buffer, sizeof(buffer), "[%s]", nothing), 8);
    assert_string_equal(buffer, "[(null)]");
}

/* "%.*s" must not read past `precision` bytes: the bytes need no NUL. */
static void test_precision_bounds_the_read(void **state)
{
    char *unterminated = malloc(3);
    (void)state;

    assert_non_null(unterminated);
    memcpy(unterminated, "abc", 3);
    ASSERT_FORMAT("<abc>", "<%.*s>", 3, unterminated);
    ASSERT_FORMAT("<ab>", "<%.*s>", 2, unterminated);
    free(unterminated);
}

static void test_negative_star_precision_means_none(void **state)
{
    (void)state;
    ASSERT_LIKE_LIBC("[%.*s]", -1, "whole");
}

static void test_characters(void **state)
{
    (void)state;
    ASSERT_LIKE_LIBC("%c%c%c", 'a', 'b', 'c');
    ASSERT_LIKE_LIBC("[%3c|%-3c]", 'x', 'y');
}

/* %p: "0x" and 16 hex digits, always (format.h; unlike glibc's "(nil)"). */
static void test_pointer(void **state)
{
    (void)state;
    ASSERT_FORMAT("0x0000000000000000", "%p", (void *)0);
    ASSERT_FORMAT("0x00000000000b8000", "%p", (void *)0xb8000);
    ASSERT_FORMAT("0xffffffff80101d50", "%p", (void *)0xffffffff80101d50ul);
}

static void test_mixed(void **state)
{
    (void)state;
    ASSERT_LIKE_LIBC("boot: module '%s' at 0x%lx, %lu bytes", "initrd", 0x10d000ul, 1234ul);
    ASSERT_LIKE_LIBC("%s:%d: %s", "src/kmain.c", 49, "assertion failed");
}

static void test_unknown_conversion_printed_verbatim(void **state)
{
    char buffer[BIG];
    (void)state;

    assert_int_equal(format_unchecked(buffer, sizeof(buffer), "a%qb"), 4);
    assert_string_equal(buffer, "a%qb");
}

static void test_trailing_percent_dropped(void **state)
{
    char buffer[BIG];
    (void)state;

    assert_int_equal(format_unchecked(buffer, sizeof(buffer), "abc%"), 3);
    assert_string_equal(buffer, "abc");
}

/* Truncation: always NUL-terminated, never past size, full length returned. */
static void test_truncation(void **state)
{
    char *buffer = malloc(6);
    (void)state;

    assert_non_null(buffer);
    assert_int_equal(format_print(buffer, 6, "%s-%d", "freeport", 12345), 14);
    assert_string_equal(buffer, "freep");
    assert_int_equal(format_print(buffer, 6, "%20d", 7), 20);
    assert_string_equal(buffer, "     ");
    assert_int_equal(format_print(buffer, 1, "anything"), 8);
    assert_string_equal(buffer, "");
    free(buffer);
}

static void test_zero_size_writes_nothing(void **state)
{
    char buffer[4] = "xyz";
    (void)state;

    assert_int_equal(format_print(buffer, 0, "%d", 123456), 6);
    assert_string_equal(buffer, "xyz");
    assert_int_equal(format_print(NULL, 0, "%s", "length only"), 11);
}

static void test_exact_fit(void **state)
{
    char buffer[6];
    (void)state;

    assert_int_equal(format_print(buffer, sizeof(buffer), "%05d", 31337), 5);
    assert_string_equal(buffer, "31337");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plain_text),
        cmocka_unit_test(test_signed_decimal),
        cmocka_unit_test(test_unsigned_and_hex),
        cmocka_unit_test(test_int_argument_is_not_widened),
        cmocka_unit_test(test_width_and_flags),
        cmocka_unit_test(test_strings),
        cmocka_unit_test(test_left_align_beats_zero_pad),
        cmocka_unit_test(test_null_string),
        cmocka_unit_test(test_precision_bounds_the_read),
        cmocka_unit_test(test_negative_star_precision_means_none),
        cmocka_unit_test(test_characters),
        cmocka_unit_test(test_pointer),
        cmocka_unit_test(test_mixed),
        cmocka_unit_test(test_unknown_conversion_printed_verbatim),
        cmocka_unit_test(test_trailing_percent_dropped),
        cmocka_unit_test(test_truncation),
        cmocka_unit_test(test_zero_size_writes_nothing),
        cmocka_unit_test(test_exact_fit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
