/*
 * test_trace.c - host unit tests of src/ipc/trace.c: on/off, payload
 * checksums, overwriting the oldest event, and readers that learn from the
 * sequence numbers how many events they missed.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "ipc/trace.h"

#define CAPACITY 4

static struct ipc_trace_event storage[CAPACITY];
static struct ipc_trace trace;

static int setup(void **state)
{
    (void)state;
    memset(storage, 0, sizeof(storage));
    ipc_trace_init(&trace, storage, CAPACITY);
    return 0;
}

/* Record a send of an empty payload on object `object_id`. */
static void record(uint64_t object_id)
{
    struct ipc_trace_event event = {
        .op = IPC_TRACE_SEND, .object_id = object_id, .timestamp = 100 + object_id};

    ipc_trace_record(&trace, &event, NULL);
}

/* record() objects first .. end - 1: with tracing on from the start, each
 * event's sequence number equals its object id. */
static void record_range(uint64_t first, uint64_t end)
{
    for (uint64_t object_id = first; object_id < end; object_id++)
        record(object_id);
}

/* Read up to `max` events and check they are numbered from `first` on
 * and are the events record(sequence) made. */
static size_t read_expect(uint64_t *cursor, size_t max, uint64_t first, uint64_t missed)
{
    struct ipc_trace_event out[CAPACITY * 2];
    uint64_t missed_seen = 99;
    size_t count = ipc_trace_read(&trace, cursor, out, max, &missed_seen);

    assert_int_equal(missed_seen, missed);
    for (size_t index = 0; index < count; index++) {
        assert_int_equal(out[index].sequence, first + index);
        assert_int_equal(out[index].object_id, first + index);
        assert_int_equal(out[index].timestamp, 100 + first + index);
    }
    if (count > 0)
        assert_int_equal(*cursor, first + count);
    return count;
}

static void test_off_by_default(void **state)
{
    uint64_t cursor = 0;

    (void)state;
    record(0);
    assert_int_equal(trace.next_sequence, 0);
    assert_int_equal(read_expect(&cursor, CAPACITY, 0, 0), 0);
    assert_int_equal(cursor, 0);
}

static void test_records_fields_and_crc(void **state)
{
    struct ipc_trace_event event = {
        .op = IPC_TRACE_CALL,
        .object_id = 42,
        .sender_pid = 3,
        .receiver_pid = 4,
        .size = 9,
        .timestamp = 77,
    };
    struct ipc_trace_event out[CAPACITY];
    uint64_t cursor = 0, missed;

    (void)state;
    ipc_trace_enable(&trace, true);
    ipc_trace_record(&trace, &event, "123456789");
    event.op = IPC_TRACE_REPLY;
    event.size = 0;
    ipc_trace_record(&trace, &event, NULL);
    assert_int_equal(ipc_trace_read(&trace, &cursor, out, CAPACITY, &missed), 2);
    assert_int_equal(missed, 0);
    assert_int_equal(out[0].sequence, 0);
    assert_int_equal(out[0].op, IPC_TRACE_CALL);
    assert_int_equal(out[0].object_id, 42);
    assert_int_equal(out[0].sender_pid, 3);
    assert_int_equal(out[0].receiver_pid, 4);
    assert_int_equal(out[0].size, 9);
    assert_int_equal(out[0].timestamp, 77);
    assert_int_equal(out[0].payload_crc32, 0xcbf43926);
    assert_int_equal(out[1].sequence, 1);
    assert_int_equal(out[1].op, IPC_TRACE_REPLY);
    assert_int_equal(out[1].payload_crc32, 0);
}

static void test_overwrites_oldest(void **state)
{
    uint64_t cursor = 0;

    (void)state;
    ipc_trace_enable(&trace, true);
    record_range(0, 10);
    assert_int_equal(read_expect(&cursor, CAPACITY * 2, 6, 6), CAPACITY);
    assert_int_equal(cursor, 10);
    assert_int_equal(read_expect(&cursor, CAPACITY, 10, 0), 0);
}

static void test_reader_in_steps(void **state)
{
    uint64_t cursor = 0;

    (void)state;
    ipc_trace_enable(&trace, true);
    record_range(0, 3);
    assert_int_equal(read_expect(&cursor, 2, 0, 0), 2);
    assert_int_equal(read_expect(&cursor, 2, 2, 0), 1);
    record(3);
    assert_int_equal(read_expect(&cursor, 2, 3, 0), 1);
    assert_int_equal(cursor, 4);
}

/* A reader that falls behind by more than the ring learns by how much. */
static void test_lapped_reader_counts_missed(void **state)
{
    uint64_t cursor = 0;

    (void)state;
    ipc_trace_enable(&trace, true);
    record_range(0, 3);
    assert_int_equal(read_expect(&cursor, 2, 0, 0), 2);
    record_range(3, 12);
    assert_int_equal(read_expect(&cursor, CAPACITY, 8, 6), CAPACITY);
    assert_int_equal(cursor, 12);
}

/* Switching off stops recording; numbering carries on afterwards. */
static void test_switch_off_and_on(void **state)
{
    uint64_t cursor = 0;

    (void)state;
    ipc_trace_enable(&trace, true);
    record(0);
    ipc_trace_enable(&trace, false);
    record(99);
    ipc_trace_enable(&trace, true);
    record(1);
    assert_int_equal(read_expect(&cursor, CAPACITY, 0, 0), 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_off_by_default, setup),
        cmocka_unit_test_setup(test_records_fields_and_crc, setup),
        cmocka_unit_test_setup(test_overwrites_oldest, setup),
        cmocka_unit_test_setup(test_reader_in_steps, setup),
        cmocka_unit_test_setup(test_lapped_reader_counts_missed, setup),
        cmocka_unit_test_setup(test_switch_off_and_on, setup),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
