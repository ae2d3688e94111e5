/*
 * test_port_filter.c - host unit tests of src/ipc/port_filter.c: allowed
 * types and sizes, per-sender rate windows (fixed, starting with a
 * sender's first message), forgetting the oldest sender when the table is
 * full, and configurations it must refuse.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "ipc/port_filter.h"

static struct port_filter filter;

static void configure(uint64_t types, uint32_t max_size, uint32_t rate, uint32_t window)
{
    struct ipc_port_config config = {.allowed_types = types,
                                     .filter_max_size = max_size,
                                     .rate_messages = rate,
                                     .rate_window_ticks = window};

    assert_int_equal(port_filter_configure(&filter, &config), IPC_OK);
}

static void test_no_rules_lets_everything_through(void **state)
{
    (void)state;
    configure(0, 0, 0, 0);
    assert_false(port_filter_active(&filter));
    assert_int_equal(port_filter_check(&filter, 12345, IPC_MESSAGE_MAX), IPC_OK);
    for (int i = 0; i < 1000; i++)
        assert_int_equal(port_filter_charge(&filter, 7, 0), IPC_OK);
}

static void test_types_and_size(void **state)
{
    (void)state;
    configure((1u << 0) | (UINT64_C(1) << 63), 100, 0, 0);
    assert_true(port_filter_active(&filter));
    assert_int_equal(port_filter_check(&filter, 0, 100), IPC_OK);
    assert_int_equal(port_filter_check(&filter, 63, 0), IPC_OK);
    assert_int_equal(port_filter_check(&filter, 1, 10), -IPC_ERR_FILTERED);
    assert_int_equal(port_filter_check(&filter, 64, 10), -IPC_ERR_FILTERED);
    assert_int_equal(port_filter_check(&filter, UINT32_MAX, 10), -IPC_ERR_FILTERED);
    assert_int_equal(port_filter_check(&filter, 0, 101), -IPC_ERR_FILTERED);
}

static void test_rate_window_per_sender(void **state)
{
    (void)state;
    configure(0, 0, 3, 10);
    for (int i = 0; i < 3; i++)
        assert_int_equal(port_filter_charge(&filter, 1, 100 + i), IPC_OK);
    assert_int_equal(port_filter_charge(&filter, 1, 105), -IPC_ERR_RATE_LIMITED);
    assert_int_equal(port_filter_charge(&filter, 2, 105), IPC_OK); /* another sender has its own */
    assert_int_equal(port_filter_charge(&filter, 1, 109), -IPC_ERR_RATE_LIMITED);
    assert_int_equal(port_filter_charge(&filter, 1, 110), IPC_OK); /* window started at 100 */
    assert_int_equal(port_filter_charge(&filter, 1, 111), IPC_OK);
    assert_int_equal(port_filter_charge(&filter, 1, 112), IPC_OK);
    assert_int_equal(port_filter_charge(&filter, 1, 113), -IPC_ERR_RATE_LIMITED);
}

static void test_refused_messages_are_not_counted(void **state)
{
    (void)state;
    configure(0, 0, 1, 10);
    assert_int_equal(port_filter_charge(&filter, 4, 0), IPC_OK);
    for (int i = 0; i < 5; i++)
        assert_int_equal(port_filter_charge(&filter, 4, 1), -IPC_ERR_RATE_LIMITED);
    assert_int_equal(port_filter_charge(&filter, 4, 10), IPC_OK);
}

/* With more senders than places, the one whose window began first is
 * forgotten; the others keep their counts. */
static void test_oldest_sender_forgotten(void **state)
{
    (void)state;
    configure(0, 0, 1, 1000);
    for (uint32_t pid = 1; pid <= PORT_FILTER_SENDERS; pid++)
        assert_int_equal(port_filter_charge(&filter, pid, pid), IPC_OK);
    assert_int_equal(port_filter_charge(&filter, 100, 50), IPC_OK); /* takes pid 1's place */
    assert_int_equal(port_filter_charge(&filter, 2, 60), -IPC_ERR_RATE_LIMITED);
    assert_int_equal(port_filter_charge(&filter, 100, 60), -IPC_ERR_RATE_LIMITED);
    assert_int_equal(port_filter_charge(&filter, 1, 60), IPC_OK); /* forgotten: a new window */
}

static void test_configure_refuses_a_rate_without_window(void **state)
{
    struct ipc_port_config config = {.rate_messages = 5};

    (void)state;
    configure(1, 0, 0, 0);
    assert_int_equal(port_filter_configure(&filter, &config), -IPC_ERR_INVALID_ARGUMENT);
    assert_int_equal(port_filter_check(&filter, 0, 0), IPC_OK); /* unchanged: type 0 only */
    assert_int_equal(port_filter_check(&filter, 1, 0), -IPC_ERR_FILTERED);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_no_rules_lets_everything_through),
        cmocka_unit_test(test_types_and_size),
        cmocka_unit_test(test_rate_window_per_sender),
        cmocka_unit_test(test_refused_messages_are_not_counted),
        cmocka_unit_test(test_oldest_sender_forgotten),
        cmocka_unit_test(test_configure_refuses_a_rate_without_window),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
