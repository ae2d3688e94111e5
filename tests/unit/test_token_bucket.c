/*
 * test_token_bucket.c - host unit tests of userland/bin/logd/token_bucket.c,
 * logd's per-client rate limit.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "token_bucket.h"

static void a_full_bucket_gives_its_burst_then_refuses(void **state)
{
    struct token_bucket bucket;

    (void)state;
    token_bucket_fill(&bucket, 3, 1000);
    for (int i = 0; i < 3; i++)
        assert_true(token_bucket_take(&bucket, 10, 3, 1000));
    assert_false(token_bucket_take(&bucket, 10, 3, 1000));
}

static void tokens_come_back_at_the_rate(void **state)
{
    struct token_bucket bucket;

    (void)state;
    token_bucket_fill(&bucket, 1, 0);
    assert_true(token_bucket_take(&bucket, 10, 1, 0));
    assert_false(token_bucket_take(&bucket, 10, 1, 99)); /* 10 a second: one per 100 ms */
    assert_true(token_bucket_take(&bucket, 10, 1, 100));
    assert_false(token_bucket_take(&bucket, 10, 1, 150));
    assert_false(token_bucket_take(&bucket, 10, 1, 199)); /* 50 + 49 ms: still short of one */
    assert_true(token_bucket_take(&bucket, 10, 1, 200));
}

static void refill_stops_at_the_burst(void **state)
{
    struct token_bucket bucket;
    int taken = 0;

    (void)state;
    token_bucket_fill(&bucket, 5, 0);
    while (token_bucket_take(&bucket, 1000, 5, 0))
        taken++;
    assert_int_equal(taken, 5);
    taken = 0;
    while (token_bucket_take(&bucket, 1000, 5, UINT64_MAX / 2)) /* an idle of ages: no overflow */
        taken++;
    assert_int_equal(taken, 5);
}

static void a_clock_going_back_refills_nothing(void **state)
{
    struct token_bucket bucket;

    (void)state;
    token_bucket_fill(&bucket, 1, 500);
    assert_true(token_bucket_take(&bucket, 1000, 1, 500));
    assert_false(token_bucket_take(&bucket, 1000, 1, 100));
    assert_true(token_bucket_take(&bucket, 1000, 1, 501));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_full_bucket_gives_its_burst_then_refuses),
        cmocka_unit_test(tokens_come_back_at_the_rate),
        cmocka_unit_test(refill_stops_at_the_burst),
        cmocka_unit_test(a_clock_going_back_refills_nothing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
