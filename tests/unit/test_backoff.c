/*
 * test_backoff.c - host unit tests of userland/bin/init/backoff.c: the
 * delays init waits before restarting a service that keeps ending.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "backoff.h"

static void first_restart_waits_the_first_delay(void **state)
{
    struct backoff backoff = {0};

    (void)state;
    assert_int_equal(backoff_after_exit(&backoff, 0), BACKOFF_FIRST_MS);
}

static void quick_exits_double_the_delay_up_to_the_maximum(void **state)
{
    struct backoff backoff = {0};
    const uint32_t expected[] = {100, 200, 400, 800, 1600, 3200, 5000, 5000, 5000};

    (void)state;
    for (size_t i = 0; i < sizeof(expected) / sizeof(expected[0]); i++)
        assert_int_equal(backoff_after_exit(&backoff, 50), expected[i]);
}

static void a_long_run_resets_the_delay(void **state)
{
    struct backoff backoff = {0};

    (void)state;
    for (int i = 0; i < 5; i++)
        backoff_after_exit(&backoff, 10);
    assert_int_equal(backoff_after_exit(&backoff, BACKOFF_RESET_MS), BACKOFF_FIRST_MS);
    assert_int_equal(backoff_after_exit(&backoff, 10), 2 * BACKOFF_FIRST_MS);
}

static void a_run_just_short_of_the_reset_keeps_doubling(void **state)
{
    struct backoff backoff = {0};

    (void)state;
    backoff_after_exit(&backoff, 0);
    assert_int_equal(backoff_after_exit(&backoff, BACKOFF_RESET_MS - 1), 2 * BACKOFF_FIRST_MS);
}

static void reset_forgets_the_history(void **state)
{
    struct backoff backoff = {0};

    (void)state;
    for (int i = 0; i < 4; i++)
        backoff_after_exit(&backoff, 0);
    backoff_reset(&backoff);
    assert_int_equal(backoff_after_exit(&backoff, 0), BACKOFF_FIRST_MS);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(first_restart_waits_the_first_delay),
        cmocka_unit_test(quick_exits_double_the_delay_up_to_the_maximum),
        cmocka_unit_test(a_long_run_resets_the_delay),
        cmocka_unit_test(a_run_just_short_of_the_reset_keeps_doubling),
        cmocka_unit_test(reset_forgets_the_history),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
