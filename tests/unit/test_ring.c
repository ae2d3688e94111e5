/*
 * test_ring.c - host unit tests of src/ipc/ring.c: records of varying size
 * wrapping around, the full and empty boundaries, rings a peer corrupted,
 * the wake-up protocol, and a two-thread producer/consumer stress test.
 *
 * The stress test stands in for the kernel with a spin on the event
 * counter (the futex rule: sleep while it equals what prepare_to_wait saw);
 * a lost wake-up shows as both threads waiting until the deadline.
 * cmocka is not thread-safe, so the threads record failures and the main
 * thread asserts.
 */
#include <pthread.h>
#include <sched.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include "ipc/ring.h"

#define CAPACITY 256
#define HEADER   ((uint64_t)sizeof(struct ipc_ring_record))

static struct ipc_ring_control control;
static _Alignas(IPC_RING_ALIGN) uint8_t data[4096];
static struct ring ring;

static int setup(void **state)
{
    (void)state;
    memset(data, 0xee, sizeof(data));
    ring_format(&control, CAPACITY);
    assert_int_equal(ring_attach(&ring, &control, data, CAPACITY), IPC_OK);
    return 0;
}

static uint64_t padded(uint32_t length)
{
    return HEADER + (length + 7) / 8 * 8;
}

static uint64_t used_bytes(void)
{
    return atomic_load(&control.tail) - atomic_load(&control.head);
}

/* Payload byte `index` of the record with sequence number `sequence`. */
static uint8_t pattern(uint64_t sequence, uint32_t index)
{
    return (uint8_t)(sequence * 31 + index);
}

static int push(uint64_t sequence, uint32_t length)
{
    uint8_t payload[512];
    struct ipc_ring_record record = {
        .type = 7,
        .length = length,
        .timestamp = sequence,
        .src_pid = 1,
        .dst_pid = 2,
        .capability = ~sequence,
    };

    for (uint32_t index = 0; index < length; index++)
        payload[index] = pattern(sequence, index);
    return ring_push(&ring, &record, payload);
}

/* Pop one record and check it is the one push(sequence, length) made. */
static void pop_expect(uint64_t sequence, uint32_t length)
{
    uint8_t payload[512];
    struct ipc_ring_record record;

    assert_int_equal(ring_pop(&ring, &record, payload, sizeof(payload)), IPC_OK);
    assert_int_equal(record.type, 7);
    assert_int_equal(record.length, length);
    assert_int_equal(record.timestamp, sequence);
    assert_int_equal(record.src_pid, 1);
    assert_int_equal(record.dst_pid, 2);
    assert_int_equal(record.capability, ~sequence);
    for (uint32_t index = 0; index < length; index++)
        assert_int_equal(payload[index], pattern(sequence, index));
}

static void test_attach_checks_geometry(void **state)
{
    struct ring other;

    (void)state;
    assert_int_equal(ring_attach(&other, &control, data, 128), -IPC_ERR_INVALID_ARGUMENT);
    ring_format(&control, 384);
    assert_int_equal(ring_attach(&other, &control, data, 384), -IPC_ERR_INVALID_ARGUMENT);
    ring_format(&control, 32);
    assert_int_equal(ring_attach(&other, &control, data, 32), -IPC_ERR_INVALID_ARGUMENT);
    ring_format(&control, CAPACITY);
    assert_int_equal(ring_attach(&other, &control, data + 4, CAPACITY), -IPC_ERR_INVALID_ARGUMENT);
    assert_int_equal(ring_attach(&other, &control, data, CAPACITY), IPC_OK);
}

static void test_empty_ring(void **state)
{
    struct ipc_ring_record record;
    uint32_t length = 99;
    uint8_t payload[8];

    (void)state;
    assert_int_equal(ring_pop(&ring, &record, payload, sizeof(payload)), -IPC_ERR_EMPTY);
    assert_int_equal(ring_peek_length(&ring, &length), -IPC_ERR_EMPTY);
    assert_int_equal(length, 99);
}

static void test_round_trip_and_alignment(void **state)
{
    struct ipc_ring_record record = {.type = 3, .length = 0};
    uint32_t length;

    (void)state;
    assert_int_equal(ring_push(&ring, &record, NULL), IPC_OK);
    assert_int_equal(used_bytes(), HEADER);
    assert_int_equal(push(1, 5), IPC_OK);
    assert_int_equal(used_bytes(), HEADER + HEADER + 8);
    assert_int_equal(ring_peek_length(&ring, &length), IPC_OK);
    assert_int_equal(length, 0);
    assert_int_equal(ring_pop(&ring, &record, NULL, 0), IPC_OK);
    assert_int_equal(record.type, 3);
    assert_int_equal(ring_peek_length(&ring, &length), IPC_OK);
    assert_int_equal(length, 5);
    pop_expect(1, 5);
    assert_int_equal(used_bytes(), 0);
}

static void test_refused_records(void **state)
{
    struct ipc_ring_record pad = {.type = IPC_RING_PAD};

    (void)state;
    assert_int_equal(ring_push(&ring, &pad, NULL), -IPC_ERR_INVALID_ARGUMENT);
    assert_int_equal(push(0, CAPACITY / 2 - HEADER + 1), -IPC_ERR_TOO_LARGE);
    assert_int_equal(used_bytes(), 0);
}

/* Records of exactly half the capacity: an empty ring takes one wherever
 * its cursors are, two fill it. */
static void test_largest_record_fits_any_empty_ring(void **state)
{
    uint32_t largest = CAPACITY / 2 - HEADER;

    (void)state;
    for (uint64_t cursor = 0; cursor < 2 * CAPACITY; cursor += IPC_RING_ALIGN) {
        atomic_store(&control.head, cursor);
        atomic_store(&control.tail, cursor);
        assert_int_equal(push(cursor, largest), IPC_OK);
        pop_expect(cursor, largest);
    }
    setup(state);
    assert_int_equal(push(1, largest), IPC_OK);
    assert_int_equal(push(2, largest), IPC_OK);
    assert_int_equal(push(3, 0), -IPC_ERR_FULL);
}

static void test_full_boundary(void **state)
{
    (void)state;
    for (uint64_t sequence = 0; sequence < 4; sequence++)
        assert_int_equal(push(sequence, 32), IPC_OK);
    assert_int_equal(used_bytes(), CAPACITY);
    assert_int_equal(push(4, 0), -IPC_ERR_FULL);
    pop_expect(0, 32);
    assert_int_equal(push(4, 33), -IPC_ERR_FULL);
    assert_int_equal(push(4, 32), IPC_OK);
    assert_int_equal(push(5, 0), -IPC_ERR_FULL);
    for (uint64_t sequence = 1; sequence < 5; sequence++)
        pop_expect(sequence, 32);
    assert_int_equal(used_bytes(), 0);
}

/* A record that would cross the end goes to offset 0 behind a pad marker;
 * the consumer skips the pad. */
static void test_pad_marker_at_end(void **state)
{
    uint64_t tail;

    (void)state;
    assert_int_equal(push(0, 128 - HEADER), IPC_OK); /* cursors to 160 */
    assert_int_equal(push(0, 32 - HEADER), IPC_OK);
    pop_expect(0, 128 - HEADER);
    pop_expect(0, 32 - HEADER);
    assert_int_equal(push(1, 64 - HEADER), IPC_OK); /* bytes 160..223 */
    tail = atomic_load(&control.tail);
    assert_int_equal(push(2, 64 - HEADER), IPC_OK); /* 32 left at the end: pad, then 0..63 */
    assert_int_equal(atomic_load(&control.tail), tail + 32 + 64);
    assert_int_equal(*(uint32_t *)&data[224], IPC_RING_PAD);
    pop_expect(1, 64 - HEADER);
    pop_expect(2, 64 - HEADER);
    assert_int_equal(used_bytes(), 0);
}

/* A pad marker with too little room to hold a whole header (8 bytes). */
static void test_pad_marker_smaller_than_header(void **state)
{
    (void)state;
    assert_int_equal(push(0, 120 - HEADER), IPC_OK);
    pop_expect(0, 120 - HEADER);
    assert_int_equal(push(1, 128 - HEADER), IPC_OK); /* bytes 120..247 */
    assert_int_equal(push(2, 0), IPC_OK);            /* 8 left: pad, then 0..31 */
    assert_int_equal(*(uint32_t *)&data[248], IPC_RING_PAD);
    pop_expect(1, 128 - HEADER);
    pop_expect(2, 0);
}

/* The model of has_room: the record, plus a pad if it would cross the end. */
static bool fits(uint32_t length)
{
    uint64_t to_end = CAPACITY - atomic_load(&control.tail) % CAPACITY;
    uint64_t needed = padded(length) <= to_end ? padded(length) : to_end + padded(length);

    return needed <= CAPACITY - used_bytes();
}

/* Many laps with lengths 0..96 (the largest), against a model FIFO of what was pushed. */
static void test_wrap_around_varying_sizes(void **state)
{
    uint64_t next_push = 0, next_pop = 0;
    uint32_t lengths[CAPACITY];

    (void)state;
    srand(11);
    while (next_pop < 20000) {
        uint32_t length = (uint32_t)(rand() % 97);
        if (rand() % 3 != 0) {
            int expected = fits(length) ? IPC_OK : -IPC_ERR_FULL;
            assert_int_equal(push(next_push, length), expected);
            if (expected == IPC_OK)
                lengths[next_push++ % CAPACITY] = length;
        } else if (next_pop < next_push) {
            pop_expect(next_pop, lengths[next_pop % CAPACITY]);
            next_pop++;
        }
        assert_true(used_bytes() <= CAPACITY);
    }
    assert_true(atomic_load(&control.head) > 100 * CAPACITY);
}

static void test_too_small_buffer_keeps_record(void **state)
{
    struct ipc_ring_record record;
    uint8_t payload[16];
    uint32_t length;

    (void)state;
    assert_int_equal(push(9, 40), IPC_OK);
    assert_int_equal(ring_pop(&ring, &record, payload, sizeof(payload)), -IPC_ERR_TOO_LARGE);
    assert_int_equal(ring_peek_length(&ring, &length), IPC_OK);
    assert_int_equal(length, 40);
    pop_expect(9, 40);
}

/* Shared memory a peer scribbled on: errors, never a wild access (ASan). */
static void test_corrupt_ring_faults(void **state)
{
    struct ipc_ring_record record;
    uint8_t payload[512];

    (void)state;
    atomic_store(&control.tail, CAPACITY + 8);
    assert_int_equal(ring_pop(&ring, &record, payload, sizeof(payload)), -IPC_ERR_FAULT);
    assert_int_equal(push(0, 0), -IPC_ERR_FAULT);
    atomic_store(&control.tail, 4);
    assert_int_equal(ring_pop(&ring, &record, payload, sizeof(payload)), -IPC_ERR_FAULT);

    setup(state);
    assert_int_equal(push(0, 8), IPC_OK);
    ((struct ipc_ring_record *)data)->length = 4000;
    assert_int_equal(ring_pop(&ring, &record, payload, sizeof(payload)), -IPC_ERR_FAULT);
    ((struct ipc_ring_record *)data)->type = IPC_RING_PAD;
    assert_int_equal(ring_pop(&ring, &record, payload, sizeof(payload)), -IPC_ERR_FAULT);

    setup(state);
    atomic_store(&control.tail, 16);
    assert_int_equal(ring_pop(&ring, &record, payload, sizeof(payload)), -IPC_ERR_FAULT);
}

/* A head a peer moved to just before the end, with a non-pad type there:
 * the header would cross the end, so it is a fault and nothing past the
 * data area is read. The data area is a heap block of exactly CAPACITY
 * bytes here, so ASan would see the over-read. (Found by tests/fuzz/fuzz_ring.c.) */
static void test_corrupt_head_near_end_faults(void **state)
{
    struct ipc_ring_record record;
    uint8_t payload[64], *exact = malloc(CAPACITY);
    struct ring tight;
    uint32_t length;

    (void)state;
    assert_non_null(exact);
    memset(exact, 0, CAPACITY);
    assert_int_equal(ring_attach(&tight, &control, exact, CAPACITY), IPC_OK);
    atomic_store(&control.head, CAPACITY - 8);
    atomic_store(&control.tail, CAPACITY - 8 + 64);
    exact[CAPACITY - 8] = 1; /* a record type, not IPC_RING_PAD */
    assert_int_equal(ring_pop(&tight, &record, payload, sizeof(payload)), -IPC_ERR_FAULT);
    assert_int_equal(ring_peek_length(&tight, &length), -IPC_ERR_FAULT);
    free(exact);
}

/* What a wait set asks of a ring (and a corrupted one answers "ready",
 * so the reader meets the FAULT), through the kernel's control-only view. */
static void test_readiness(void **state)
{
    struct ring view;

    (void)state;
    assert_int_equal(ring_attach_control(&view, &control, CAPACITY), IPC_OK);
    assert_int_equal(ring_max_payload(&view), CAPACITY / 2 - HEADER);
    assert_false(ring_has_records(&view));
    assert_true(ring_has_room(&view, ring_max_payload(&view)));
    assert_int_equal(push(0, 64), IPC_OK);
    assert_int_equal(push(1, 64), IPC_OK); /* 192 of 256 bytes used */
    assert_true(ring_has_records(&view));
    assert_false(ring_has_room(&view, ring_max_payload(&view)));
    assert_true(ring_has_room(&view, 8));
    atomic_store(&control.tail, 3);
    assert_true(ring_has_records(&view) && ring_has_room(&view, ring_max_payload(&view)));
}

/* Only the kernel sets `closed`; a ring starts open. */
static void test_close_flag(void **state)
{
    (void)state;
    assert_false(ring_is_closed(&ring));
    ring_close(&ring);
    assert_true(ring_is_closed(&ring));
    ring_format(&control, CAPACITY);
    assert_false(ring_is_closed(&ring));
}

static void test_unwatched_ring_needs_no_wake(void **state)
{
    (void)state;
    assert_int_equal(push(0, 4), IPC_OK);
    assert_false(ring_producer_needs_wake(&ring));
    pop_expect(0, 4);
    assert_false(ring_consumer_needs_wake(&ring));
    assert_int_equal(atomic_load(&control.readable.events), 0);
}

static void test_consumer_wait_then_wake(void **state)
{
    uint32_t events = 99;

    (void)state;
    assert_true(ring_consumer_prepare_to_wait(&ring, &events));
    assert_int_equal(events, 0);
    assert_int_equal(atomic_load(&control.readable.watched), 1);
    assert_int_equal(push(0, 4), IPC_OK);
    assert_true(ring_producer_needs_wake(&ring));
    assert_int_equal(atomic_load(&control.readable.events), 1);
    assert_int_equal(atomic_load(&control.readable.watched), 0);
    assert_int_equal(push(1, 4), IPC_OK);
    assert_false(ring_producer_needs_wake(&ring)); /* only the first push pays */

    assert_false(ring_consumer_prepare_to_wait(&ring, &events)); /* not empty: do not sleep */
    assert_int_equal(atomic_load(&control.readable.watched), 0);
}

static void test_producer_wait_then_wake(void **state)
{
    uint32_t events = 99;

    (void)state;
    for (uint64_t sequence = 0; sequence < 4; sequence++)
        assert_int_equal(push(sequence, 32), IPC_OK);
    assert_true(ring_producer_prepare_to_wait(&ring, 0, &events));
    assert_int_equal(atomic_load(&control.writable.watched), 1);
    pop_expect(0, 32);
    assert_true(ring_consumer_needs_wake(&ring));
    assert_int_equal(atomic_load(&control.writable.events), events + 1);
    assert_false(ring_producer_prepare_to_wait(&ring, 32, &events)); /* room now */
    assert_true(ring_producer_prepare_to_wait(&ring, 33, &events));  /* but not for this */
}

/* --- Two threads --- */

#define STREAM_RECORDS   1000000
#define ROUND_TRIPS      100000
#define DEADLINE_SECONDS 20

enum stress_failure { STRESS_OK, LOST_WAKEUP, PUSH_FAILED, POP_FAILED, OUT_OF_ORDER, TORN_PAYLOAD };

static struct ipc_ring_control reply_control;
static _Alignas(IPC_RING_ALIGN) uint8_t reply_data[1024];
static atomic_int failure;  /* the first enum stress_failure seen */
static atomic_ulong sleeps; /* waits that went to "sleep" */
static struct timespec deadline;

static void record_failure(enum stress_failure code)
{
    int none = STRESS_OK;

    atomic_compare_exchange_strong(&failure, &none, code);
}

static bool failed(void)
{
    return atomic_load(&failure) != STRESS_OK;
}

static bool past_deadline(void)
{
    struct timespec now;

    clock_gettime(CLOCK_MONOTONIC, &now);
    return now.tv_sec > deadline.tv_sec;
}

/* The kernel's part, emulated: sleep while the event count is unchanged.
 * Only a lost wake-up keeps a thread here until the deadline. */
static void sleep_while_unchanged(struct ipc_ring_wait *wait, uint32_t events)
{
    atomic_fetch_add(&sleeps, 1);
    while (atomic_load(&wait->events) == events && !failed()) {
        if (past_deadline())
            record_failure(LOST_WAKEUP);
        sched_yield();
    }
}

/* What a blocking send does: push; on FULL, wait for the consumer. */
static void push_blocking(struct ring *end, const struct ipc_ring_record *record, const void *payload)
{
    while (!failed()) {
        uint32_t events;
        int result = ring_push(end, record, payload);

        if (result == IPC_OK) {
            ring_producer_needs_wake(end); /* true: the event count moved, which is the wake-up */
            return;
        }
        if (result != -IPC_ERR_FULL)
            record_failure(PUSH_FAILED);
        else if (ring_producer_prepare_to_wait(end, record->length, &events))
            sleep_while_unchanged(&end->control->writable, events);
    }
}

/* What a blocking receive does: pop; on EMPTY, wait for the producer. */
static void pop_blocking(struct ring *end, struct ipc_ring_record *record, uint8_t *payload, size_t size)
{
    while (!failed()) {
        uint32_t events;
        int result = ring_pop(end, record, payload, size);

        if (result == IPC_OK) {
            ring_consumer_needs_wake(end);
            return;
        }
        if (result != -IPC_ERR_EMPTY)
            record_failure(POP_FAILED);
        else if (ring_consumer_prepare_to_wait(end, &events))
            sleep_while_unchanged(&end->control->readable, events);
    }
}

static uint32_t stress_length(uint64_t sequence)
{
    return (uint32_t)(sequence * 7919 % 113);
}

static void send_numbered(struct ring *end, uint64_t sequence)
{
    uint8_t payload[128];
    struct ipc_ring_record record = {.type = 1, .length = stress_length(sequence), .timestamp = sequence};

    for (uint32_t index = 0; index < record.length; index++)
        payload[index] = pattern(sequence, index);
    push_blocking(end, &record, payload);
}

static void receive_numbered(struct ring *end, uint64_t sequence)
{
    uint8_t payload[128];
    struct ipc_ring_record record;

    pop_blocking(end, &record, payload, sizeof(payload));
    if (failed())
        return;
    if (record.timestamp != sequence || record.length != stress_length(sequence))
        record_failure(OUT_OF_ORDER); /* lost, repeated or reordered */
    for (uint32_t index = 0; index < record.length; index++) {
        if (payload[index] != pattern(sequence, index))
            record_failure(TORN_PAYLOAD); /* bytes read before they were published */
    }
}

static struct ring producer_end, consumer_end, replier_end, caller_end;

static void *stream_producer(void *unused)
{
    (void)unused;
    for (uint64_t sequence = 0; sequence < STREAM_RECORDS && !failed(); sequence++)
        send_numbered(&producer_end, sequence);
    return NULL;
}

static void *stream_consumer(void *unused)
{
    (void)unused;
    for (uint64_t sequence = 0; sequence < STREAM_RECORDS && !failed(); sequence++)
        receive_numbered(&consumer_end, sequence);
    return NULL;
}

/* Ping-pong: every record is the last one until it is answered, so any
 * lost wake-up stops both threads. */
static void *caller(void *unused)
{
    (void)unused;
    for (uint64_t sequence = 0; sequence < ROUND_TRIPS && !failed(); sequence++) {
        send_numbered(&producer_end, sequence);
        receive_numbered(&caller_end, sequence);
    }
    return NULL;
}

static void *replier(void *unused)
{
    (void)unused;
    for (uint64_t sequence = 0; sequence < ROUND_TRIPS && !failed(); sequence++) {
        receive_numbered(&consumer_end, sequence);
        send_numbered(&replier_end, sequence);
    }
    return NULL;
}

static void run_threads(void *(*first)(void *), void *(*second)(void *))
{
    pthread_t threads[2];

    ring_format(&control, 1024);
    ring_format(&reply_control, sizeof(reply_data));
    assert_int_equal(ring_attach(&producer_end, &control, data, 1024), IPC_OK);
    assert_int_equal(ring_attach(&consumer_end, &control, data, 1024), IPC_OK);
    assert_int_equal(ring_attach(&replier_end, &reply_control, reply_data, sizeof(reply_data)), IPC_OK);
    assert_int_equal(ring_attach(&caller_end, &reply_control, reply_data, sizeof(reply_data)), IPC_OK);
    atomic_store(&failure, STRESS_OK);
    atomic_store(&sleeps, 0);
    clock_gettime(CLOCK_MONOTONIC, &deadline);
    deadline.tv_sec += DEADLINE_SECONDS;
    assert_int_equal(pthread_create(&threads[0], NULL, first, NULL), 0);
    assert_int_equal(pthread_create(&threads[1], NULL, second, NULL), 0);
    assert_int_equal(pthread_join(threads[0], NULL), 0);
    assert_int_equal(pthread_join(threads[1], NULL), 0);
    assert_int_equal(atomic_load(&failure), STRESS_OK);
    assert_int_equal(atomic_load(&control.head), atomic_load(&control.tail));
    assert_int_equal(atomic_load(&reply_control.head), atomic_load(&reply_control.tail));
    print_message("# %lu waits slept\n", (unsigned long)atomic_load(&sleeps));
}

/* A stream through a small ring: both sides keep meeting full and empty. */
static void test_two_threads_stream(void **state)
{
    (void)state;
    run_threads(stream_producer, stream_consumer);
}

static void test_two_threads_ping_pong(void **state)
{
    (void)state;
    run_threads(caller, replier);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_attach_checks_geometry, setup),
        cmocka_unit_test_setup(test_empty_ring, setup),
        cmocka_unit_test_setup(test_round_trip_and_alignment, setup),
        cmocka_unit_test_setup(test_refused_records, setup),
        cmocka_unit_test_setup(test_largest_record_fits_any_empty_ring, setup),
        cmocka_unit_test_setup(test_full_boundary, setup),
        cmocka_unit_test_setup(test_pad_marker_at_end, setup),
        cmocka_unit_test_setup(test_pad_marker_smaller_than_header, setup),
        cmocka_unit_test_setup(test_wrap_around_varying_sizes, setup),
        cmocka_unit_test_setup(test_too_small_buffer_keeps_record, setup),
        cmocka_unit_test_setup(test_corrupt_ring_faults, setup),
        cmocka_unit_test_setup(test_corrupt_head_near_end_faults, setup),
        cmocka_unit_test_setup(test_readiness, setup),
        cmocka_unit_test_setup(test_close_flag, setup),
        cmocka_unit_test_setup(test_unwatched_ring_needs_no_wake, setup),
        cmocka_unit_test_setup(test_consumer_wait_then_wake, setup),
        cmocka_unit_test_setup(test_producer_wait_then_wake, setup),
        cmocka_unit_test(test_two_threads_stream),
        cmocka_unit_test(test_two_threads_ping_pong),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
