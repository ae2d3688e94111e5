/*
 * test_quota.c - host unit tests of src/ipc/quota.c: charges within the
 * per-process and system limits, all or nothing; refusals counted in both;
 * charges given back; an account closed while its objects live on; ports
 * limited like the rest, on their own; every refusal reported to the hook
 * with the limit it would have passed.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "ipc/quota.h"
#include "uapi/freeport/ipc.h"

static struct ipc_quota_totals totals;
static struct ipc_quota_account account, other;
static const struct ipc_quota_usage process_limit = {.channels = 2, .regions = 3, .bytes = 600, .ports = 3};

static unsigned reported, reported_resource;
static bool reported_system_wide;

static void record_refusal(unsigned resource, bool system_wide)
{
    reported++;
    reported_resource = resource;
    reported_system_wide = system_wide;
}

static int setup(void **state)
{
    (void)state;
    reported = 0;
    ipc_quota_set_refusal_hook(record_refusal);
    totals = (struct ipc_quota_totals){.limit = {.channels = 4, .regions = 4, .bytes = 1000, .ports = 5}};
    ipc_quota_account_init(&account, process_limit);
    ipc_quota_account_init(&other, process_limit);
    return 0;
}

static const struct ipc_quota_usage one_channel = {.channels = 1, .bytes = 100};
static const struct ipc_quota_usage one_port = {.ports = 1};

static void test_charge_and_uncharge(void **state)
{
    struct ipc_quota_charge first, second;

    (void)state;
    assert_int_equal(ipc_quota_charge(&totals, &account, one_channel, &first), IPC_OK);
    assert_int_equal(ipc_quota_charge(&totals, &account, one_channel, &second), IPC_OK);
    assert_true(account.used.channels == 2 && account.used.bytes == 200 && totals.used.channels == 2);
    ipc_quota_uncharge(&totals, &first);
    assert_true(account.used.channels == 1 && totals.used.bytes == 100);
    ipc_quota_uncharge(&totals, &second);
    assert_true(account.used.channels == 0 && totals.used.channels == 0 && totals.used.bytes == 0);
}

static void test_process_limit_refuses_and_counts(void **state)
{
    struct ipc_quota_charge charges[3];

    (void)state;
    assert_int_equal(ipc_quota_charge(&totals, &account, one_channel, &charges[0]), IPC_OK);
    assert_int_equal(ipc_quota_charge(&totals, &account, one_channel, &charges[1]), IPC_OK);
    assert_int_equal(ipc_quota_charge(&totals, &account, one_channel, &charges[2]), -IPC_ERR_QUOTA);
    assert_true(account.refusals == 1 && totals.refusals == 1);
    assert_true(reported == 1 && reported_resource == IPC_QUOTA_RESOURCE_CHANNELS && !reported_system_wide);
    assert_true(account.used.channels == 2 && totals.used.channels == 2); /* nothing changed */
    assert_int_equal(ipc_quota_charge(&totals, &account, (struct ipc_quota_usage){.regions = 1, .bytes = 500},
                                      &charges[2]),
                     -IPC_ERR_QUOTA); /* bytes: 200 + 500 > 600 */
    assert_true(reported == 2 && reported_resource == IPC_QUOTA_RESOURCE_BYTES && !reported_system_wide);
    ipc_quota_uncharge(&totals, &charges[0]);
    ipc_quota_uncharge(&totals, &charges[1]);
}

static void test_system_limit_refuses(void **state)
{
    struct ipc_quota_charge charges[5];

    (void)state;
    assert_int_equal(ipc_quota_charge(&totals, &account, one_channel, &charges[0]), IPC_OK);
    assert_int_equal(ipc_quota_charge(&totals, &account, one_channel, &charges[1]), IPC_OK);
    assert_int_equal(ipc_quota_charge(&totals, &other, one_channel, &charges[2]), IPC_OK);
    assert_int_equal(ipc_quota_charge(&totals, &other, one_channel, &charges[3]), IPC_OK);
    assert_int_equal(ipc_quota_charge(&totals, &other, (struct ipc_quota_usage){.regions = 1}, &charges[4]),
                     IPC_OK);
    ipc_quota_uncharge(&totals, &charges[4]);
    /* a generous process... */
    ipc_quota_account_init(&other,
                           (struct ipc_quota_usage){.channels = 9, .regions = 9, .bytes = 9000, .ports = 9});
    assert_int_equal(ipc_quota_charge(&totals, &other, one_channel, &charges[4]),
                     -IPC_ERR_QUOTA); /* ...still */
    assert_true(other.refusals == 1 && totals.refusals == 1);
    assert_true(reported == 1 && reported_resource == IPC_QUOTA_RESOURCE_CHANNELS && reported_system_wide);
}

static void test_absurd_amount_cannot_wrap(void **state)
{
    struct ipc_quota_charge charge;

    (void)state;
    assert_int_equal(
        ipc_quota_charge(&totals, &account, (struct ipc_quota_usage){.bytes = UINT64_MAX}, &charge),
        -IPC_ERR_QUOTA);
    assert_int_equal(account.used.bytes, 0);
}

/* The creator exits first: its objects' charges stay in the totals until
 * the objects go, and touch the closed account no more. */
static void test_account_closed_before_objects(void **state)
{
    struct ipc_quota_charge charge;

    (void)state;
    assert_int_equal(ipc_quota_charge(&totals, &account, one_channel, &charge), IPC_OK);
    ipc_quota_account_close(&account);
    assert_null(charge.account);
    assert_int_equal(totals.used.channels, 1);
    account.used.channels = 77; /* the memory is someone else's now */
    ipc_quota_uncharge(&totals, &charge);
    assert_true(totals.used.channels == 0 && totals.used.bytes == 0 && account.used.channels == 77);
}

/* Ports are a dimension of their own: the account's 3 and the system's 5,
 * refused and counted beyond them, and given back. */
static void test_ports_limited(void **state)
{
    struct ipc_quota_charge mine[4], others[3];

    (void)state;
    for (int index = 0; index < 3; index++)
        assert_int_equal(ipc_quota_charge(&totals, &account, one_port, &mine[index]), IPC_OK);
    assert_true(account.used.ports == 3 && totals.used.ports == 3 && account.used.channels == 0);
    assert_int_equal(ipc_quota_charge(&totals, &account, one_port, &mine[3]), -IPC_ERR_QUOTA);
    assert_true(account.refusals == 1 && totals.refusals == 1 && account.used.ports == 3);
    assert_int_equal(ipc_quota_charge(&totals, &account, one_channel, &mine[3]), IPC_OK); /* other limits */
    ipc_quota_uncharge(&totals, &mine[3]);
    assert_int_equal(ipc_quota_charge(&totals, &other, one_port, &others[0]), IPC_OK);
    assert_int_equal(ipc_quota_charge(&totals, &other, one_port, &others[1]), IPC_OK);
    assert_int_equal(ipc_quota_charge(&totals, &other, one_port, &others[2]), -IPC_ERR_QUOTA); /* 5 in all */
    assert_true(other.refusals == 1 && totals.refusals == 2 && other.used.ports == 2);
    ipc_quota_uncharge(&totals, &mine[0]);
    assert_true(account.used.ports == 2 && totals.used.ports == 4);
    assert_int_equal(ipc_quota_charge(&totals, &other, one_port, &others[2]), IPC_OK); /* room again */
    for (int index = 1; index < 3; index++)
        ipc_quota_uncharge(&totals, &mine[index]);
    for (int index = 0; index < 3; index++)
        ipc_quota_uncharge(&totals, &others[index]);
    assert_true(account.used.ports == 0 && other.used.ports == 0 && totals.used.ports == 0);
    assert_int_equal(
        ipc_quota_charge(&totals, &account, (struct ipc_quota_usage){.ports = UINT64_MAX}, &mine[0]),
        -IPC_ERR_QUOTA); /* cannot wrap */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_charge_and_uncharge, setup),
        cmocka_unit_test_setup(test_process_limit_refuses_and_counts, setup),
        cmocka_unit_test_setup(test_system_limit_refuses, setup),
        cmocka_unit_test_setup(test_absurd_amount_cannot_wrap, setup),
        cmocka_unit_test_setup(test_account_closed_before_objects, setup),
        cmocka_unit_test_setup(test_ports_limited, setup),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
