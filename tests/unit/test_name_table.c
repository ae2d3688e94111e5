/*
 * test_name_table.c - host unit tests of src/ipc/name_table.c: SDBM
 * hashing, bind/lookup/unbind, collisions (all names in one bucket, and two
 * names with the same 32-bit hash), binder-only unbind, and names dying
 * with their binder.
 *
 * Bound capabilities are real in-flight capabilities granted from a table
 * (src/ipc/cap_table.c), so unbinding is seen to release them.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "heap_stub.h"
#include "ipc/cap_table.h"
#include "ipc/name_table.h"

#define BINDER 10
#define OTHER  11
#define RIGHTS (IPC_RIGHT_SEND | IPC_RIGHT_RECEIVE | IPC_RIGHT_GRANT | IPC_RIGHT_REVOKE)

/* Two different names with the same SDBM hash, 0x4c751168. */
#define COLLIDING_1 "SYSTEM::B:Y:::"
#define COLLIDING_2 "SYSTEM:::;:ZB:"

static int releases;

static void count_release(struct ipc_object *object)
{
    (void)object;
    releases++;
}

static const struct ipc_object_type service_type = {.kind = IPC_OBJECT_PORT, .release = count_release};

static struct ipc_object service;
static struct cap_table binder_table;
static uint64_t service_token;
static struct list_node buckets[64];
static struct name_table names;

static int setup_buckets(uint32_t bucket_count)
{
    releases = 0;
    heap_stub_successes_left = -1;
    ipc_object_init(&service, &service_type);
    assert_int_equal(cap_table_init(&binder_table, 8), IPC_OK);
    assert_int_equal(cap_create(&binder_table, &service, RIGHTS, &service_token), IPC_OK);
    name_table_init(&names, buckets, bucket_count);
    return 0;
}

static int setup(void **state)
{
    (void)state;
    return setup_buckets(64);
}

static int setup_one_bucket(void **state)
{
    (void)state;
    return setup_buckets(1);
}

static int teardown(void **state)
{
    (void)state;
    name_table_unbind_all_of(&names, BINDER);
    name_table_unbind_all_of(&names, OTHER);
    assert_int_equal(names.count, 0);
    cap_table_destroy(&binder_table);
    ipc_object_put(&service);
    assert_int_equal(releases, 1);
    assert_int_equal(heap_stub_live, 0);
    return 0;
}

/* A capability to the service, in flight, as a bind system call makes it. */
static struct capability *granted(void)
{
    struct capability *capability;

    assert_int_equal(cap_grant(&binder_table, &service_token, 1, &capability), IPC_OK);
    return capability;
}

static int bind_name(const char *name, uint32_t binder, uint16_t rights)
{
    struct capability *capability = granted();
    int result = name_table_bind(&names, name, strlen(name), binder, capability, rights);

    if (result != IPC_OK)
        cap_discard(capability);
    return result;
}

static int lookup(const char *name, const struct name_entry **entry)
{
    return name_table_lookup(&names, name, strlen(name), entry);
}

static bool bound(const char *name)
{
    const struct name_entry *entry;

    return lookup(name, &entry) == IPC_OK && entry->length == strlen(name) &&
           memcmp(entry->name, name, entry->length) == 0;
}

static int unbind(const char *name, uint32_t caller)
{
    return name_table_unbind(&names, name, strlen(name), caller);
}

static void test_sdbm_hash(void **state)
{
    (void)state;
    assert_int_equal(name_table_hash("", 0), 0);
    assert_int_equal(name_table_hash("a", 1), 97);
    assert_int_equal(name_table_hash("ab", 2), 97 * 65599 + 98);
    assert_int_equal(name_table_hash("\xff", 1), 255);
    assert_int_equal(name_table_hash(COLLIDING_1, strlen(COLLIDING_1)), 0x4c751168);
    assert_int_equal(name_table_hash(COLLIDING_2, strlen(COLLIDING_2)), 0x4c751168);
}

static void test_bind_then_lookup(void **state)
{
    const struct name_entry *entry;

    (void)state;
    assert_int_equal(bind_name("SYSTEM::VFS", BINDER, IPC_RIGHT_SEND), IPC_OK);
    assert_int_equal(lookup("SYSTEM::VFS", &entry), IPC_OK);
    assert_int_equal(entry->binder, BINDER);
    assert_int_equal(entry->rights, IPC_RIGHT_SEND);
    assert_ptr_equal(entry->capability->object, &service);
    assert_int_equal(lookup("SYSTEM::VF", &entry), -IPC_ERR_NAME_NOT_FOUND);
    assert_int_equal(lookup("SYSTEM::VFSX", &entry), -IPC_ERR_NAME_NOT_FOUND);
    assert_int_equal(lookup("system::vfs", &entry), -IPC_ERR_NAME_NOT_FOUND);
    assert_int_equal(names.count, 1);
}

static void test_bind_twice_is_name_exists(void **state)
{
    (void)state;
    assert_int_equal(bind_name("/var/run/logd.sock", BINDER, IPC_RIGHT_SEND), IPC_OK);
    assert_int_equal(bind_name("/var/run/logd.sock", OTHER, IPC_RIGHT_SEND), -IPC_ERR_NAME_EXISTS);
    assert_int_equal(names.count, 1);
    assert_int_equal(service.references, 3); /* creator, the token, the first binding */
}

static void test_name_length_limits(void **state)
{
    char longest[IPC_NAME_MAX + 2];
    struct capability *capability = granted();

    (void)state;
    memset(longest, 'n', sizeof(longest));
    assert_int_equal(name_table_bind(&names, longest, 0, BINDER, capability, 0), -IPC_ERR_INVALID_ARGUMENT);
    assert_int_equal(name_table_bind(&names, longest, IPC_NAME_MAX + 1, BINDER, capability, 0),
                     -IPC_ERR_TOO_LARGE);
    assert_int_equal(name_table_bind(&names, longest, IPC_NAME_MAX, BINDER, capability, 0), IPC_OK);
    assert_int_equal(names.count, 1);
}

static void test_rights_limited_to_capability(void **state)
{
    struct capability *capability;
    uint64_t send_only;

    (void)state;
    assert_int_equal(cap_derive(&binder_table, service_token, IPC_RIGHT_SEND | IPC_RIGHT_GRANT, &send_only),
                     IPC_OK);
    assert_int_equal(cap_grant(&binder_table, &send_only, 1, &capability), IPC_OK);
    assert_int_equal(name_table_bind(&names, "svc", 3, BINDER, capability, IPC_RIGHT_RECEIVE),
                     -IPC_ERR_PERMISSION);
    assert_int_equal(name_table_bind(&names, "svc", 3, BINDER, capability, IPC_RIGHT_SEND), IPC_OK);
}

/* Every name in one bucket: only the full comparison tells them apart. */
static void test_collisions_in_one_bucket(void **state)
{
    char name[32];

    (void)state;
    for (int index = 0; index < 20; index++) {
        snprintf(name, sizeof(name), "SYSTEM::SERVICE%d", index);
        assert_int_equal(bind_name(name, BINDER, IPC_RIGHT_SEND), IPC_OK);
    }
    assert_int_equal(unbind("SYSTEM::SERVICE7", BINDER), IPC_OK);
    for (int index = 0; index < 20; index++) {
        snprintf(name, sizeof(name), "SYSTEM::SERVICE%d", index);
        assert_int_equal(bound(name), index != 7);
    }
    assert_false(bound("SYSTEM::SERVICE"));
    assert_false(bound("SYSTEM::SERVICE20"));
}

/* Equal 32-bit hashes, not only equal buckets. */
static void test_names_with_equal_hash(void **state)
{
    const struct name_entry *entry;

    (void)state;
    assert_int_equal(bind_name(COLLIDING_1, BINDER, IPC_RIGHT_SEND), IPC_OK);
    assert_false(bound(COLLIDING_2));
    assert_int_equal(bind_name(COLLIDING_2, OTHER, IPC_RIGHT_RECEIVE), IPC_OK);
    assert_int_equal(lookup(COLLIDING_1, &entry), IPC_OK);
    assert_int_equal(entry->binder, BINDER);
    assert_int_equal(lookup(COLLIDING_2, &entry), IPC_OK);
    assert_int_equal(entry->binder, OTHER);
    assert_int_equal(unbind(COLLIDING_1, BINDER), IPC_OK);
    assert_false(bound(COLLIDING_1));
    assert_true(bound(COLLIDING_2));
}

static void test_only_binder_unbinds(void **state)
{
    (void)state;
    assert_int_equal(bind_name("SYSTEM::PROCESS", BINDER, IPC_RIGHT_SEND), IPC_OK);
    assert_int_equal(unbind("SYSTEM::PROCESS", OTHER), -IPC_ERR_PERMISSION);
    assert_true(bound("SYSTEM::PROCESS"));
    assert_int_equal(service.references, 3);
    assert_int_equal(unbind("SYSTEM::PROCESS", BINDER), IPC_OK);
    assert_false(bound("SYSTEM::PROCESS"));
    assert_int_equal(service.references, 2); /* the binding's capability went with it */
    assert_int_equal(unbind("SYSTEM::PROCESS", BINDER), -IPC_ERR_NAME_NOT_FOUND);
}

static void test_unbind_all_of(void **state)
{
    char name[32];

    (void)state;
    for (int index = 0; index < 8; index++) {
        snprintf(name, sizeof(name), "svc%d", index);
        assert_int_equal(bind_name(name, index % 2 ? OTHER : BINDER, IPC_RIGHT_SEND), IPC_OK);
    }
    assert_int_equal(name_table_unbind_all_of(&names, BINDER), 4);
    assert_int_equal(names.count, 4);
    for (int index = 0; index < 8; index++) {
        snprintf(name, sizeof(name), "svc%d", index);
        assert_int_equal(bound(name), index % 2 == 1);
    }
    assert_int_equal(name_table_unbind_all_of(&names, BINDER), 0);
    assert_int_equal(service.references, 2 + 4);
}

/* Revoking the binder's capability leaves the name pointing at nothing. */
static void test_revoked_binding(void **state)
{
    const struct name_entry *entry;

    (void)state;
    assert_int_equal(bind_name("SYSTEM::VFS", BINDER, IPC_RIGHT_SEND), IPC_OK);
    assert_int_equal(cap_revoke(&binder_table, service_token), IPC_OK);
    assert_int_equal(lookup("SYSTEM::VFS", &entry), -IPC_ERR_INVALID_CAP);
    assert_int_equal(unbind("SYSTEM::VFS", BINDER), IPC_OK);
}

static void test_out_of_memory(void **state)
{
    struct capability *capability = granted();

    (void)state;
    heap_stub_successes_left = 0;
    assert_int_equal(name_table_bind(&names, "svc", 3, BINDER, capability, 0), -IPC_ERR_NO_MEMORY);
    heap_stub_successes_left = -1;
    assert_int_equal(names.count, 0);
    assert_false(bound("svc"));
    cap_discard(capability);
}

int main(void)
{
#define TEST(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
    const struct CMUnitTest tests[] = {
        TEST(test_sdbm_hash),
        TEST(test_bind_then_lookup),
        TEST(test_bind_twice_is_name_exists),
        TEST(test_name_length_limits),
        TEST(test_rights_limited_to_capability),
        cmocka_unit_test_setup_teardown(test_collisions_in_one_bucket, setup_one_bucket, teardown),
        TEST(test_names_with_equal_hash),
        TEST(test_only_binder_unbinds),
        cmocka_unit_test_setup_teardown(test_unbind_all_of, setup_one_bucket, teardown),
        TEST(test_revoked_binding),
        TEST(test_out_of_memory),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
