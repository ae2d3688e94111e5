/*
 * test_byte_ring.c - host unit tests of src/ipc/byte_ring.c, the storage
 * of a stream: room and use at the boundaries, wrapping at every offset
 * that matters, pieces that never cross the ring's end nor a 4 KiB
 * boundary of the caller's buffer, copies that fail at a bad page (the
 * ring keeps every byte and publishes nothing its owner does not), and
 * thousands of random operations against a model.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "ipc/byte_ring.h"

#define CAPACITY 8192 /* two chunks, so pieces are cut both ways */
#define PAGES    3    /* of each outside buffer */

static char storage[CAPACITY];
static struct byte_ring ring;

/* The copy function: memcpy, failing on any piece that touches
 * [bad_begin, bad_end) of the outside buffer (its "bad page"), and
 * checking that no piece crosses the ring's end or a chunk boundary. */
static const char *bad_begin, *bad_end;
static size_t copies;

static bool inside_ring(const char *p)
{
    return p >= storage && p < storage + CAPACITY;
}

static int checked_copy(void *dest, const void *source, size_t length)
{
    const char *inside = inside_ring(dest) ? dest : source;
    const char *outside = inside_ring(dest) ? source : dest;

    copies++;
    assert_true(length > 0);
    assert_true(inside + length <= storage + CAPACITY);
    assert_int_equal((uintptr_t)outside / BYTE_RING_CHUNK,
                     ((uintptr_t)outside + length - 1) / BYTE_RING_CHUNK);
    if (bad_begin && outside < bad_end && outside + length > bad_begin)
        return -14;
    memcpy(dest, source, length);
    return 0;
}

static int setup(void **state)
{
    (void)state;
    memset(storage, 0xee, sizeof(storage));
    byte_ring_init(&ring, storage, CAPACITY);
    bad_begin = bad_end = NULL;
    copies = 0;
    return 0;
}

static size_t put(const char *source, size_t length)
{
    size_t staged = byte_ring_copy_in(&ring, source, length, checked_copy);
    byte_ring_publish(&ring, staged);
    return staged;
}

static size_t get(char *dest, size_t length)
{
    size_t copied = byte_ring_copy_out(&ring, dest, length, checked_copy);
    byte_ring_consume(&ring, copied);
    return copied;
}

/* A chunk-aligned buffer of PAGES chunks, bytes from `seed` on. */
static char *pattern_buffer(unsigned seed)
{
    char *buffer = aligned_alloc(BYTE_RING_CHUNK, PAGES * BYTE_RING_CHUNK);
    for (size_t i = 0; i < PAGES * BYTE_RING_CHUNK; i++)
        buffer[i] = (char)(i * 7 + seed);
    return buffer;
}

static void test_empty_and_full(void **state)
{
    char *source = pattern_buffer(1), *dest = pattern_buffer(2);

    (void)state;
    assert_int_equal(byte_ring_used(&ring), 0);
    assert_int_equal(byte_ring_room(&ring), CAPACITY);
    assert_int_equal(get(dest, 100), 0);
    assert_int_equal(copies, 0);
    assert_int_equal(put(source, PAGES * BYTE_RING_CHUNK), CAPACITY); /* only the room */
    assert_int_equal(byte_ring_room(&ring), 0);
    assert_int_equal(put(source, 1), 0);
    assert_int_equal(get(dest, PAGES * BYTE_RING_CHUNK), CAPACITY);
    assert_memory_equal(dest, source, CAPACITY);
    assert_int_equal(byte_ring_used(&ring), 0);
    free(source);
    free(dest);
}

/* A write and a read of each length from each ring offset that matters:
 * before, at and after a chunk boundary and the end, after a few laps. */
static void test_wraps_at_every_offset(void **state)
{
    char *source = pattern_buffer(3), *dest = pattern_buffer(4);
    static const size_t offsets[] = {0, 1, 7, 4095, 4096, 4097, CAPACITY - 1};
    static const size_t lengths[] = {1, 2, 100, 4095, 4096, 4097, CAPACITY};

    (void)state;
    for (size_t o = 0; o < sizeof(offsets) / sizeof(offsets[0]); o++) {
        for (size_t l = 0; l < sizeof(lengths) / sizeof(lengths[0]); l++) {
            size_t skew = l % 3; /* an unaligned outside buffer */
            ring.head = ring.tail = offsets[o] + 3 * CAPACITY;
            assert_int_equal(put(source + skew, lengths[l]), lengths[l]);
            memset(dest, 0, PAGES * BYTE_RING_CHUNK);
            assert_int_equal(get(dest + skew, lengths[l]), lengths[l]);
            assert_memory_equal(dest + skew, source + skew, lengths[l]);
            assert_int_equal(byte_ring_used(&ring), 0);
        }
    }
    free(source);
    free(dest);
}

/* A source whose second page is bad: the first page's bytes are staged,
 * nothing is readable until published, and publishing none (what an
 * atomic write does) leaves the ring as it was. */
static void test_copy_in_stops_at_bad_page(void **state)
{
    char *source = pattern_buffer(5), *dest = pattern_buffer(6);

    (void)state;
    bad_begin = source + BYTE_RING_CHUNK;
    bad_end = source + 2 * BYTE_RING_CHUNK;
    size_t staged = byte_ring_copy_in(&ring, source + 100, 6000, checked_copy);
    assert_int_equal(staged, BYTE_RING_CHUNK - 100);
    assert_int_equal(byte_ring_used(&ring), 0);
    byte_ring_publish(&ring, 0);
    assert_int_equal(byte_ring_used(&ring), 0);

    byte_ring_publish(&ring, byte_ring_copy_in(&ring, source + 100, 6000, checked_copy));
    assert_int_equal(get(dest, CAPACITY), BYTE_RING_CHUNK - 100);
    assert_memory_equal(dest, source + 100, BYTE_RING_CHUNK - 100);
    free(source);
    free(dest);
}

/* A destination whose second page is bad: the bytes before it are copied
 * (and consumed), the rest stay in the ring, in order. */
static void test_copy_out_stops_at_bad_page(void **state)
{
    char *source = pattern_buffer(7), *dest = pattern_buffer(8);
    const size_t first = BYTE_RING_CHUNK - 10;

    (void)state;
    assert_int_equal(put(source, 6000), 6000);
    bad_begin = dest + BYTE_RING_CHUNK;
    bad_end = dest + 2 * BYTE_RING_CHUNK;
    assert_int_equal(get(dest + 10, 6000), first);
    assert_memory_equal(dest + 10, source, first);
    assert_int_equal(byte_ring_used(&ring), 6000 - first);

    bad_begin = bad_end = NULL;
    assert_int_equal(get(dest, 6000), 6000 - first);
    assert_memory_equal(dest, source + first, 6000 - first);

    bad_begin = dest;
    bad_end = dest + 1;
    assert_int_equal(put(source, 10), 10);
    assert_int_equal(get(dest, 10), 0); /* the first byte's page is bad: nothing moves */
    assert_int_equal(byte_ring_used(&ring), 10);
    free(source);
    free(dest);
}

/* Random lengths both ways against a model: byte i of the stream is
 * (char)(i * 13). */
static void test_random_against_model(void **state)
{
    char *source = pattern_buffer(9), *dest = pattern_buffer(10);
    uint64_t written = 0, read = 0;

    (void)state;
    srand(12345);
    for (int step = 0; step < 20000; step++) {
        size_t length = (size_t)rand() % (CAPACITY + 200);
        size_t offset = (size_t)rand() % 64;
        if (rand() % 2) {
            size_t expect = length < byte_ring_room(&ring) ? length : byte_ring_room(&ring);
            for (size_t i = 0; i < length; i++)
                source[offset + i] = (char)((written + i) * 13);
            assert_int_equal(put(source + offset, length), expect);
            written += expect;
        } else {
            size_t expect = length < byte_ring_used(&ring) ? length : byte_ring_used(&ring);
            assert_int_equal(get(dest + offset, length), expect);
            for (size_t i = 0; i < expect; i++)
                assert_int_equal(dest[offset + i], (char)((read + i) * 13));
            read += expect;
        }
        assert_int_equal(byte_ring_used(&ring), written - read);
        assert_true(byte_ring_used(&ring) <= CAPACITY);
    }
    free(source);
    free(dest);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_empty_and_full, setup),
        cmocka_unit_test_setup(test_wraps_at_every_offset, setup),
        cmocka_unit_test_setup(test_copy_in_stops_at_bad_page, setup),
        cmocka_unit_test_setup(test_copy_out_stops_at_bad_page, setup),
        cmocka_unit_test_setup(test_random_against_model, setup),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
