/*
 * test_cpio.c - host unit tests of src/fs/cpio.c, the initrd's cpio "newc"
 * reader.
 *
 * Built by `make unit` with ASan/UBSan: an archive is built in a heap
 * buffer of exactly its length, so any read past its end is caught. Covers
 * valid archives (files, directories, empty files, names and data needing
 * padding, an archive at an odd address), and every malformation the
 * reader must refuse: truncated headers, bad magic, non-hex fields, name
 * and file sizes running past the end, unterminated names, a missing
 * trailer; and the names the initrd refuses to unpack.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "fs/cpio.h"

#define MODE_DIR  0040755
#define MODE_FILE 0100644

struct archive {
    char bytes[8192];
    size_t length;
};

static void pad(struct archive *archive)
{
    while (archive->length % 4)
        archive->bytes[archive->length++] = '\0';
}

/* One entry as tools/mkinitrd writes it; namesize and filesize may be
 * overridden (a negative value means "the true one"). */
static void add_raw(struct archive *archive, const char *name, uint32_t mode, const char *data,
                    long name_size, long file_size)
{
    size_t data_length = data ? strlen(data) : 0;
    size_t true_name_size = strlen(name) + 1;
    char header[CPIO_HEADER_SIZE + 1];

    uint32_t name_field = (uint32_t)(name_size < 0 ? (long)true_name_size : name_size);
    uint32_t size_field = (uint32_t)(file_size < 0 ? (long)data_length : file_size);

    snprintf(header, sizeof(header), "070701%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x", 1u, mode,
             0u, 0u, 1u, 0u, size_field, 0u, 0u, 0u, 0u, name_field, 0u);
    memcpy(archive->bytes + archive->length, header, CPIO_HEADER_SIZE);
    archive->length += CPIO_HEADER_SIZE;
    memcpy(archive->bytes + archive->length, name, true_name_size);
    archive->length += true_name_size;
    pad(archive);
    memcpy(archive->bytes + archive->length, data ? data : "", data_length);
    archive->length += data_length;
    pad(archive);
}

static void add(struct archive *archive, const char *name, uint32_t mode, const char *data)
{
    add_raw(archive, name, mode, data, -1, -1);
}

static void add_trailer(struct archive *archive)
{
    add(archive, "TRAILER!!!", 0, NULL);
}

/* The archive copied into a heap block of exactly its length (at `shift`
 * bytes into the block), so ASan sees any overrun. */
static uint8_t *exact_copy(const struct archive *archive, size_t shift)
{
    uint8_t *block = malloc(archive->length + shift);
    assert_non_null(block);
    memcpy(block + shift, archive->bytes, archive->length);
    return block;
}

/* Read every entry; returns cpio_next's final result, entries counted. */
static int read_all(const struct archive *archive, int *entries)
{
    uint8_t *copy = exact_copy(archive, 0);
    struct cpio_reader reader;
    struct cpio_entry entry;
    int result;

    *entries = 0;
    cpio_reader_init(&reader, copy, archive->length);
    while ((result = cpio_next(&reader, &entry)) > 0)
        (*entries)++;
    free(copy);
    return result;
}

static void test_valid_archive_lists_every_entry(void **state)
{
    struct archive archive = {0};
    struct cpio_reader reader;
    struct cpio_entry entry;

    (void)state;
    add(&archive, "bin", MODE_DIR, NULL);
    add(&archive, "bin/hello", MODE_FILE | 0111, "hello, world\n");
    add(&archive, "etc/empty", MODE_FILE, "");
    add(&archive, "abc", MODE_FILE, "x"); /* name and data both need padding */
    add_trailer(&archive);
    uint8_t *copy = exact_copy(&archive, 0);
    cpio_reader_init(&reader, copy, archive.length);

    assert_int_equal(cpio_next(&reader, &entry), 1);
    assert_string_equal(entry.name, "bin");
    assert_int_equal(entry.mode, MODE_DIR);
    assert_int_equal(entry.size, 0);
    assert_int_equal(cpio_next(&reader, &entry), 1);
    assert_string_equal(entry.name, "bin/hello");
    assert_int_equal(entry.mode, MODE_FILE | 0111);
    assert_int_equal(entry.size, 13);
    assert_memory_equal(entry.data, "hello, world\n", 13);
    assert_int_equal(cpio_next(&reader, &entry), 1);
    assert_string_equal(entry.name, "etc/empty");
    assert_int_equal(entry.size, 0);
    assert_int_equal(cpio_next(&reader, &entry), 1);
    assert_string_equal(entry.name, "abc");
    assert_memory_equal(entry.data, "x", 1);
    assert_int_equal(cpio_next(&reader, &entry), 0);
    free(copy);
}

static void test_trailer_only_is_an_empty_archive(void **state)
{
    struct archive archive = {0};
    int entries;

    (void)state;
    add_trailer(&archive);
    assert_int_equal(read_all(&archive, &entries), 0);
    assert_int_equal(entries, 0);
}

/* Alignment is counted from the archive's start, not from memory. */
static void test_archive_at_odd_address(void **state)
{
    struct archive archive = {0};
    struct cpio_reader reader;
    struct cpio_entry entry;

    (void)state;
    add(&archive, "a", MODE_FILE, "12345");
    add(&archive, "b", MODE_FILE, "67");
    add_trailer(&archive);
    uint8_t *block = exact_copy(&archive, 3);
    cpio_reader_init(&reader, block + 3, archive.length);
    assert_int_equal(cpio_next(&reader, &entry), 1);
    assert_memory_equal(entry.data, "12345", 5);
    assert_int_equal(cpio_next(&reader, &entry), 1);
    assert_string_equal(entry.name, "b");
    assert_memory_equal(entry.data, "67", 2);
    assert_int_equal(cpio_next(&reader, &entry), 0);
    free(block);
}

static void test_empty_input_has_no_trailer(void **state)
{
    struct archive archive = {0};
    int entries;

    (void)state;
    assert_int_equal(read_all(&archive, &entries), -CPIO_ERROR_NO_TRAILER);
}

static void test_missing_trailer(void **state)
{
    struct archive archive = {0};
    int entries;

    (void)state;
    add(&archive, "a", MODE_FILE, "data");
    assert_int_equal(read_all(&archive, &entries), -CPIO_ERROR_NO_TRAILER);
    assert_int_equal(entries, 1);
}

static void test_truncated_header(void **state)
{
    struct archive archive = {0};
    int entries;

    (void)state;
    add(&archive, "a", MODE_FILE, "data");
    size_t trailer_start = archive.length;
    add_trailer(&archive);
    for (size_t kept = 1; kept < CPIO_HEADER_SIZE; kept += 13) {
        struct archive shorter = archive;
        shorter.length = trailer_start + kept; /* the trailer's header cut short */
        assert_int_equal(read_all(&shorter, &entries), -CPIO_ERROR_TRUNCATED_HEADER);
        assert_int_equal(entries, 1);
    }
}

static void test_bad_magic(void **state)
{
    struct archive archive = {0};
    int entries;

    (void)state;
    add(&archive, "a", MODE_FILE, "data");
    add_trailer(&archive);
    archive.bytes[5] = '2'; /* 070702: the CRC variant, not accepted */
    assert_int_equal(read_all(&archive, &entries), -CPIO_ERROR_BAD_MAGIC);
    assert_int_equal(entries, 0);
}

static void test_field_not_hex(void **state)
{
    struct archive archive = {0};
    int entries;

    (void)state;
    add(&archive, "a", MODE_FILE, "data");
    add_trailer(&archive);
    archive.bytes[6 + 6 * 8 + 3] = 'g'; /* inside filesize */
    assert_int_equal(read_all(&archive, &entries), -CPIO_ERROR_BAD_NUMBER);
    archive.bytes[6 + 6 * 8 + 3] = ' ';
    assert_int_equal(read_all(&archive, &entries), -CPIO_ERROR_BAD_NUMBER);
}

static void test_oversized_file_size(void **state)
{
    struct archive archive = {0};
    int entries;

    (void)state;
    add_raw(&archive, "a", MODE_FILE, "data", -1, 0xffffffffL);
    add_trailer(&archive);
    assert_int_equal(read_all(&archive, &entries), -CPIO_ERROR_DATA_TOO_LONG);
}

static void test_file_size_one_past_the_end(void **state)
{
    struct archive archive = {0};
    int entries;

    (void)state;
    add(&archive, "a", MODE_FILE, "data");
    add(&archive, "b", MODE_FILE, "1234");
    archive.length -= 1; /* "b" says 4 bytes of data; 3 are there */
    assert_int_equal(read_all(&archive, &entries), -CPIO_ERROR_DATA_TOO_LONG);
    assert_int_equal(entries, 1);
}

static void test_bad_name_sizes(void **state)
{
    struct archive zero = {0}, huge = {0}, past = {0};
    int entries;

    (void)state;
    add_raw(&zero, "a", MODE_FILE, "", 0, -1);
    add_trailer(&zero);
    assert_int_equal(read_all(&zero, &entries), -CPIO_ERROR_BAD_NAME_SIZE);
    add_raw(&huge, "a", MODE_FILE, "", 0x7fffffff, -1);
    add_trailer(&huge);
    assert_int_equal(read_all(&huge, &entries), -CPIO_ERROR_BAD_NAME_SIZE);
    add_raw(&past, "a", MODE_FILE, "", 200, -1); /* within the limit, past the end */
    assert_int_equal(read_all(&past, &entries), -CPIO_ERROR_BAD_NAME_SIZE);
}

static void test_name_not_terminated(void **state)
{
    struct archive shorter = {0}, longer = {0};
    int entries;

    (void)state;
    add_raw(&shorter, "abcdef", MODE_FILE, "", 3, -1); /* "abc" is not followed by NUL */
    add_trailer(&shorter);
    assert_int_equal(read_all(&shorter, &entries), -CPIO_ERROR_NAME_NOT_TERMINATED);
    add_raw(&longer, "ab", MODE_FILE, "", 4, -1); /* a NUL before the last byte */
    add_trailer(&longer);
    assert_int_equal(read_all(&longer, &entries), -CPIO_ERROR_NAME_NOT_TERMINATED);
}

/* An entry padded wrongly puts the next header off its 4-byte boundary. */
static void test_misaligned_entry(void **state)
{
    struct archive archive = {0};
    int entries;

    (void)state;
    add(&archive, "a", MODE_FILE, "xyz"); /* 3 bytes of data + 1 of padding */
    archive.length -= 1;                  /* drop the padding */
    add_trailer(&archive);
    assert_int_equal(read_all(&archive, &entries), -CPIO_ERROR_BAD_MAGIC);
    assert_int_equal(entries, 1);
}

static void test_error_texts(void **state)
{
    (void)state;
    for (int error = CPIO_ERROR_TRUNCATED_HEADER; error <= CPIO_ERROR_NO_TRAILER; error++)
        assert_string_not_equal(cpio_error_text(-error), "unknown error");
    assert_string_equal(cpio_error_text(0), "unknown error");
    assert_string_equal(cpio_error_text(-100), "unknown error");
}

static void test_safe_names(void **state)
{
    (void)state;
    assert_string_equal(cpio_safe_name("bin/sh"), "bin/sh");
    assert_string_equal(cpio_safe_name("./bin/sh"), "bin/sh");
    assert_string_equal(cpio_safe_name("/etc/rc"), "etc/rc");
    assert_string_equal(cpio_safe_name("/./.hidden"), ".hidden");
    assert_string_equal(cpio_safe_name("."), "");
    assert_string_equal(cpio_safe_name("./"), "");
    assert_string_equal(cpio_safe_name("a/..b/c.."), "a/..b/c..");
    assert_null(cpio_safe_name(".."));
    assert_null(cpio_safe_name("../etc/passwd"));
    assert_null(cpio_safe_name("a/../../b"));
    assert_null(cpio_safe_name("/a/.."));
    assert_null(cpio_safe_name("./../x"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_valid_archive_lists_every_entry),
        cmocka_unit_test(test_trailer_only_is_an_empty_archive),
        cmocka_unit_test(test_archive_at_odd_address),
        cmocka_unit_test(test_empty_input_has_no_trailer),
        cmocka_unit_test(test_missing_trailer),
        cmocka_unit_test(test_truncated_header),
        cmocka_unit_test(test_bad_magic),
        cmocka_unit_test(test_field_not_hex),
        cmocka_unit_test(test_oversized_file_size),
        cmocka_unit_test(test_file_size_one_past_the_end),
        cmocka_unit_test(test_bad_name_sizes),
        cmocka_unit_test(test_name_not_terminated),
        cmocka_unit_test(test_misaligned_entry),
        cmocka_unit_test(test_error_texts),
        cmocka_unit_test(test_safe_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
