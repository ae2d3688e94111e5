/*
 * test_reply_table.c - host unit tests of src/ipc/reply_table.c: the
 * calls a process owes a reply to. Transaction matching: only a recorded
 * id is found, once; a duplicate or made-up id is refused like a stale
 * capability; the table has a fixed size.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "ipc/reply_table.h"

static void test_take_finds_each_call_once(void **state)
{
    struct reply_table table = {0};
    uint32_t caller = 0;

    (void)state;
    reply_table_add(&table, 10, 3);
    reply_table_add(&table, 11, 4);
    reply_table_add(&table, 12, 3);
    assert_int_equal(reply_table_take(&table, 11, &caller), IPC_OK);
    assert_int_equal(caller, 4);
    assert_int_equal(reply_table_take(&table, 11, &caller), -IPC_ERR_INVALID_CAP); /* a second reply */
    assert_int_equal(reply_table_take(&table, 10, &caller), IPC_OK);
    assert_int_equal(caller, 3);
    assert_int_equal(reply_table_take(&table, 12, &caller), IPC_OK);
    assert_int_equal(table.count, 0);
}

static void test_unknown_ids_are_refused(void **state)
{
    struct reply_table table = {0};
    uint32_t caller = 77;

    (void)state;
    assert_int_equal(reply_table_take(&table, 0, &caller), -IPC_ERR_INVALID_CAP);
    reply_table_add(&table, 5, 1);
    assert_int_equal(reply_table_take(&table, 6, &caller), -IPC_ERR_INVALID_CAP);
    assert_int_equal(reply_table_take(&table, 0, &caller), -IPC_ERR_INVALID_CAP);
    assert_int_equal(caller, 77);
    assert_int_equal(table.count, 1);
}

static void test_fixed_size(void **state)
{
    struct reply_table table = {0};
    uint32_t caller;

    (void)state;
    for (uint64_t id = 1; id <= IPC_PENDING_REPLIES_MAX; id++) {
        assert_true(reply_table_has_room(&table));
        reply_table_add(&table, id, (uint32_t)id);
    }
    assert_false(reply_table_has_room(&table));
    assert_int_equal(reply_table_take(&table, 1, &caller), IPC_OK);
    assert_true(reply_table_has_room(&table));
    for (uint64_t id = 2; id <= IPC_PENDING_REPLIES_MAX; id++) {
        assert_int_equal(reply_table_take(&table, id, &caller), IPC_OK); /* moving entries keeps them all */
        assert_int_equal(caller, id);
    }
}

static void test_pop_empties(void **state)
{
    struct reply_table table = {0};
    struct reply_owed owed;
    int popped = 0;

    (void)state;
    reply_table_add(&table, 1, 9);
    reply_table_add(&table, 2, 9);
    while (reply_table_pop(&table, &owed)) {
        assert_int_equal(owed.caller_pid, 9);
        popped++;
    }
    assert_int_equal(popped, 2);
    assert_false(reply_table_pop(&table, &owed));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_take_finds_each_call_once),
        cmocka_unit_test(test_unknown_ids_are_refused),
        cmocka_unit_test(test_fixed_size),
        cmocka_unit_test(test_pop_empties),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
