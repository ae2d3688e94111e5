/*
 * test_registry.c - host unit tests of src/ipc/registry.c: ids that only
 * grow, walking in id order across removals, finding by id and by object,
 * counting by kind.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "ipc/registry.h"

static struct ipc_object objects[4];
static struct ipc_registry_entry entries[4];

static void test_walk_find_count(void **state)
{
    struct ipc_registry_entry *entry;
    uint64_t first, ids[4];
    int seen = 0;

    (void)state;
    ipc_registry_add(&entries[0], &objects[0], IPC_OBJECT_PORT, 1);
    ipc_registry_add(&entries[1], &objects[1], IPC_OBJECT_CHANNEL_END, 2);
    ipc_registry_add(&entries[2], &objects[2], IPC_OBJECT_PORT, 3);
    first = entries[0].id;
    for (int i = 0; i < 3; i++)
        ids[i] = entries[i].id;
    assert_true(ids[0] < ids[1] && ids[1] < ids[2]);
    assert_int_equal(ipc_registry_count(IPC_OBJECT_PORT), 2);
    assert_int_equal(ipc_registry_count(IPC_OBJECT_ANY), 3);
    assert_ptr_equal(ipc_registry_find(ids[1]), &entries[1]);
    assert_ptr_equal(ipc_registry_of(&objects[2]), &entries[2]);
    assert_null(ipc_registry_of(&objects[3]));
    assert_null(ipc_registry_find(0));

    ipc_registry_remove(&entries[1]);
    assert_null(ipc_registry_find(ids[1]));
    ipc_registry_add(&entries[3], &objects[3], IPC_OBJECT_MEMORY_REGION, 4);
    assert_true(entries[3].id > ids[2]); /* never reused */
    for (entry = ipc_registry_next(first - 1); entry; entry = ipc_registry_next(entry->id))
        seen++;
    assert_int_equal(seen, 3);
    assert_ptr_equal(ipc_registry_next(ids[0]), &entries[2]); /* skips the removed one */
    assert_int_equal(entries[2].counters.sent, 0);
}

static void test_depth_keeps_maximum(void **state)
{
    struct ipc_counters counters = {0};

    (void)state;
    ipc_counters_depth(&counters, 3);
    ipc_counters_depth(&counters, 7);
    ipc_counters_depth(&counters, 2);
    assert_int_equal(counters.depth, 2);
    assert_int_equal(counters.max_depth, 7);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_walk_find_count),
        cmocka_unit_test(test_depth_keeps_maximum),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
