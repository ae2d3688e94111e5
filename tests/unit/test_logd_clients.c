/*
 * test_logd_clients.c - host unit tests of userland/bin/logd/clients.c,
 * logd's per-pid accounting: for every client, records stored plus drops
 * reported equal the records it numbered, whatever mix of rate limiting,
 * client-side drops and lost sequence numbers happened.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "clients.h"

#define LOGD_PID   1
#define STORED_MAX 256

static struct {
    int count;
    struct logd_record records[STORED_MAX];
} stored;

static void store(const struct logd_record *record)
{
    assert_true(stored.count < STORED_MAX);
    stored.records[stored.count++] = *record;
}

static uint64_t fixed_clock(void)
{
    return 1234;
}

static int setup(uint32_t rate, uint32_t burst)
{
    struct logd_limits limits = {.rate = rate, .burst = burst};

    memset(&stored, 0, sizeof(stored));
    clients_init(&limits, store, fixed_clock, LOGD_PID);
    return 0;
}

static void receive(uint32_t pid, uint32_t sequence, uint32_t dropped, uint64_t now_ms)
{
    struct logd_record record = {
        .pid = pid, .sequence = sequence, .dropped = dropped, .level = 6, .tag = "t"};

    clients_receive(&record, now_ms);
}

static void flush_drops(uint32_t pid, uint32_t sequence, uint32_t dropped)
{
    struct logd_record record = {
        .pid = pid, .sequence = sequence, .dropped = dropped, .flags = LOGD_FLAG_DROPS_ONLY, .tag = "logd"};

    clients_receive(&record, 0);
}

/* Records of pid stored, plus the drops logd reported for it. */
static uint64_t accounted(uint32_t pid)
{
    uint64_t total = 0;
    char expected_end[32];

    snprintf(expected_end, sizeof(expected_end), " from pid %u", pid);
    for (int i = 0; i < stored.count; i++) {
        const struct logd_record *record = &stored.records[i];
        unsigned long long dropped;
        char from[32];
        if (record->pid == pid)
            total++;
        else if (record->pid == LOGD_PID &&
                 sscanf(record->message, "dropped %llu records%31[^\n]", &dropped, from) == 2 &&
                 strcmp(from, expected_end) == 0)
            total += dropped;
    }
    return total;
}

static void without_limits_everything_is_stored_in_order(void **state)
{
    (void)state;
    setup(0, 0);
    for (uint32_t sequence = 1; sequence <= 100; sequence++)
        receive(10, sequence, 0, 0);
    assert_int_equal(stored.count, 100);
    for (int i = 0; i < 100; i++)
        assert_int_equal(stored.records[i].sequence, i + 1);
    assert_false(clients_have_unreported_drops());
}

static void the_rate_limit_drops_and_counts(void **state)
{
    (void)state;
    setup(10, 5);
    for (uint32_t sequence = 1; sequence <= 20; sequence++)
        receive(10, sequence, 0, 0);
    assert_int_equal(stored.count, 5);
    assert_true(clients_have_unreported_drops());
    clients_report_drops();
    assert_false(clients_have_unreported_drops());
    assert_string_equal(stored.records[5].message, "dropped 15 records from pid 10");
    assert_string_equal(stored.records[5].tag, "logd");
    assert_int_equal(stored.records[5].level, LOGD_LEVEL_WARNING);
    assert_int_equal(stored.records[5].timestamp_ns, 1234);
    assert_int_equal(stored.records[5].pid, LOGD_PID);
    assert_int_equal(accounted(10), 20);
}

static void a_drop_report_comes_before_the_next_stored_record(void **state)
{
    (void)state;
    setup(1000, 1);
    receive(10, 1, 0, 0);
    receive(10, 2, 0, 0); /* refused: the bucket is empty */
    receive(10, 3, 0, 1); /* a token is back after 1 ms */
    assert_int_equal(stored.count, 3);
    assert_string_equal(stored.records[1].message, "dropped 1 records from pid 10");
    assert_int_equal(stored.records[2].sequence, 3);
}

static void client_drops_and_lost_numbers_are_counted_once(void **state)
{
    (void)state;
    setup(0, 0);
    receive(10, 1, 0, 0);
    receive(10, 4, 2, 0);  /* 2 and 3 dropped by the client, and said so */
    receive(10, 7, 1, 0);  /* 5 and 6 missing, one reported: the other was lost on the way */
    flush_drops(10, 9, 2); /* 8 and 9 dropped; a flush carries the last number made */
    receive(10, 10, 0, 0);
    clients_report_drops();
    assert_int_equal(accounted(10), 10);
}

static void a_new_count_from_a_reused_pid_is_no_loss(void **state)
{
    (void)state;
    setup(0, 0);
    receive(10, 50, 0, 0);
    receive(10, 1, 0, 0);
    receive(10, 2, 0, 0);
    assert_false(clients_have_unreported_drops());
    assert_int_equal(stored.count, 3);
}

static void restored_sequences_catch_losses_across_a_restart(void **state)
{
    (void)state;
    setup(0, 0);
    clients_restore(10, 5);
    receive(10, 6, 0, 0);
    assert_false(clients_have_unreported_drops());
    receive(10, 9, 0, 0); /* 7 and 8 never came */
    assert_int_equal(stored.count, 3);
    assert_string_equal(stored.records[1].message, "dropped 2 records from pid 10");
    assert_int_equal(stored.records[2].sequence, 9);
}

static void a_reused_slot_reports_its_drops_first(void **state)
{
    (void)state;
    setup(1000, 1);
    receive(1000, 1, 0, 0);
    receive(1000, 2, 0, 0); /* dropped, unreported */
    for (uint32_t pid = 1; pid <= CLIENTS_MAX; pid++)
        receive(2000 + pid, 1, 0, 0);
    assert_int_equal(accounted(1000), 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(without_limits_everything_is_stored_in_order),
        cmocka_unit_test(the_rate_limit_drops_and_counts),
        cmocka_unit_test(a_drop_report_comes_before_the_next_stored_record),
        cmocka_unit_test(client_drops_and_lost_numbers_are_counted_once),
        cmocka_unit_test(a_new_count_from_a_reused_pid_is_no_loss),
        cmocka_unit_test(restored_sequences_catch_losses_across_a_restart),
        cmocka_unit_test(a_reused_slot_reports_its_drops_first),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
