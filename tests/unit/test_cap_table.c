/*
 * test_cap_table.c - host unit tests of src/ipc/cap_table.c: tokens checked
 * against slots, rights that only shrink, the derivation tree across
 * tables, revoke, and all-or-nothing transfer.
 *
 * Three tables stand for three processes. The objects are static; their
 * release hook counts calls, and every test ends (teardown) by destroying
 * the tables and dropping the creator's reference: each object must then
 * have been released exactly once and no heap block may be left.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "heap_stub.h"
#include "ipc/cap_table.h"
#include "ipc/cap_token.h"

struct test_object {
    struct ipc_object object;
    int releases;
};

static void count_release(struct ipc_object *object)
{
    ((struct test_object *)object)->releases++;
}

static const struct ipc_object_type port_type = {.kind = IPC_OBJECT_PORT, .release = count_release};
static const struct ipc_object_type channel_type = {.kind = IPC_OBJECT_CHANNEL_END, .release = count_release};

#define CAPACITY 8
#define ALL      IPC_RIGHTS_ALL
#define SEND     IPC_RIGHT_SEND
#define RECEIVE  IPC_RIGHT_RECEIVE
#define GRANT    IPC_RIGHT_GRANT
#define REVOKE   IPC_RIGHT_REVOKE

static struct cap_table a, b, c;
static struct test_object port, channel;

static int setup(void **state)
{
    (void)state;
    heap_stub_successes_left = -1;
    assert_int_equal(cap_table_init(&a, CAPACITY), IPC_OK);
    assert_int_equal(cap_table_init(&b, CAPACITY), IPC_OK);
    assert_int_equal(cap_table_init(&c, CAPACITY), IPC_OK);
    port = (struct test_object){0};
    channel = (struct test_object){0};
    ipc_object_init(&port.object, &port_type);
    ipc_object_init(&channel.object, &channel_type);
    return 0;
}

/* The creator's reference is the last: dropping it releases each object once. */
static void drop_creator_reference(struct test_object *object)
{
    if (object->releases == 0) {
        assert_int_equal(object->object.references, 1);
        ipc_object_put(&object->object);
    }
    assert_int_equal(object->releases, 1);
}

static int teardown(void **state)
{
    (void)state;
    heap_stub_successes_left = -1;
    cap_table_destroy(&a);
    cap_table_destroy(&b);
    cap_table_destroy(&c);
    drop_creator_reference(&port);
    drop_creator_reference(&channel);
    assert_int_equal(heap_stub_live, 0);
    return 0;
}

static uint64_t create(struct cap_table *table, struct test_object *object, uint16_t rights)
{
    uint64_t token = 0;

    assert_int_equal(cap_create(table, &object->object, rights, &token), IPC_OK);
    return token;
}

static uint64_t derive(struct cap_table *table, uint64_t token, uint16_t rights)
{
    uint64_t copy = 0;

    assert_int_equal(cap_derive(table, token, rights, &copy), IPC_OK);
    return copy;
}

/* Send `token` from one table to another as a message would. */
static uint64_t send(struct cap_table *from, uint64_t token, struct cap_table *to)
{
    struct capability *in_flight;
    uint64_t received = 0;

    assert_int_equal(cap_grant(from, &token, 1, &in_flight), IPC_OK);
    assert_int_equal(cap_transfer_prepare(to, 1), IPC_OK);
    cap_transfer_commit(to, &in_flight, 1, &received);
    return received;
}

static int lookup(struct cap_table *table, uint64_t token, uint16_t rights, enum ipc_object_kind kind)
{
    struct ipc_object *object = NULL;
    int result = cap_lookup(table, token, rights, kind, &object);

    if (result == IPC_OK)
        assert_non_null(object);
    return result;
}

static bool valid(struct cap_table *table, uint64_t token)
{
    return lookup(table, token, 0, IPC_OBJECT_ANY) == IPC_OK;
}

static void test_token_layout(void **state)
{
    uint64_t token = cap_token_make(0x12345678, 0x9abc, SEND | GRANT);

    (void)state;
    assert_int_equal(token, 0x00059abc12345678ull);
    assert_int_equal(cap_token_slot(token), 0x12345678);
    assert_int_equal(cap_token_generation(token), 0x9abc);
    assert_int_equal(cap_token_rights(token), SEND | GRANT);
    assert_true(cap_token_well_formed(token));
    assert_false(cap_token_well_formed(IPC_CAP_NONE));
    assert_false(cap_token_well_formed(cap_token_make(1, 0, SEND)));
    assert_false(cap_token_well_formed(cap_token_make(1, 1, 0x40)));
}

static void test_create_then_lookup(void **state)
{
    struct ipc_object *object = NULL;
    uint64_t token;

    (void)state;
    token = create(&a, &port, SEND | RECEIVE);
    assert_int_equal(cap_token_slot(token), 1);
    assert_int_equal(cap_token_generation(token), 1);
    assert_int_equal(cap_token_rights(token), SEND | RECEIVE);
    assert_int_equal(cap_lookup(&a, token, SEND, IPC_OBJECT_PORT, &object), IPC_OK);
    assert_ptr_equal(object, &port.object);
    assert_int_equal(port.object.references, 2);
    assert_int_equal(a.used, 1);
    assert_int_equal(a.refused_invalid + a.refused_permission, 0);
}

static void test_unknown_slots_are_invalid(void **state)
{
    (void)state;
    create(&a, &port, SEND);
    assert_int_equal(lookup(&a, IPC_CAP_NONE, 0, IPC_OBJECT_ANY), -IPC_ERR_INVALID_CAP);
    assert_int_equal(lookup(&a, cap_token_make(0, 1, SEND), 0, IPC_OBJECT_ANY), -IPC_ERR_INVALID_CAP);
    assert_int_equal(lookup(&a, cap_token_make(CAPACITY + 1, 1, SEND), 0, IPC_OBJECT_ANY),
                     -IPC_ERR_INVALID_CAP);
    assert_int_equal(lookup(&a, cap_token_make(UINT32_MAX, 1, SEND), 0, IPC_OBJECT_ANY),
                     -IPC_ERR_INVALID_CAP);
    assert_int_equal(lookup(&a, cap_token_make(2, 1, SEND), 0, IPC_OBJECT_ANY), -IPC_ERR_INVALID_CAP);
    assert_int_equal(a.refused_invalid, 5);
    assert_int_equal(a.refused_permission, 0);
}

static void test_stale_generation_is_invalid(void **state)
{
    uint64_t old, new;

    (void)state;
    old = create(&a, &port, SEND);
    assert_int_equal(cap_close(&a, old), IPC_OK);
    assert_int_equal(lookup(&a, old, 0, IPC_OBJECT_ANY), -IPC_ERR_INVALID_CAP);
    new = create(&a, &port, SEND);
    assert_int_equal(cap_token_slot(new), cap_token_slot(old));
    assert_int_equal(cap_token_generation(new), cap_token_generation(old) + 1);
    assert_int_equal(lookup(&a, old, 0, IPC_OBJECT_ANY), -IPC_ERR_INVALID_CAP);
    assert_true(valid(&a, new));
    assert_int_equal(cap_close(&a, old), -IPC_ERR_INVALID_CAP);
    assert_true(valid(&a, new));
    assert_int_equal(a.refused_invalid, 3);
}

static void test_generation_never_zero(void **state)
{
    uint64_t token = create(&a, &port, SEND);

    (void)state;
    for (unsigned round = 0; round < 70000; round++) {
        assert_int_equal(cap_close(&a, token), IPC_OK);
        token = create(&a, &port, SEND);
        assert_int_equal(cap_token_slot(token), 1);
        assert_int_not_equal(cap_token_generation(token), 0);
    }
    assert_int_equal(cap_token_generation(token), 70001 % 65535);
}

/* A token whose rights differ from its slot's, more or fewer, is forged. */
static void test_forged_rights_are_invalid(void **state)
{
    uint64_t token, more, fewer;

    (void)state;
    token = create(&a, &port, SEND | RECEIVE);
    more = cap_token_make(cap_token_slot(token), cap_token_generation(token), SEND | RECEIVE | GRANT);
    fewer = cap_token_make(cap_token_slot(token), cap_token_generation(token), SEND);
    assert_int_equal(lookup(&a, more, GRANT, IPC_OBJECT_PORT), -IPC_ERR_INVALID_CAP);
    assert_int_equal(lookup(&a, fewer, SEND, IPC_OBJECT_PORT), -IPC_ERR_INVALID_CAP);
    assert_int_equal(cap_revoke(&a, more | (uint64_t)REVOKE << IPC_CAP_RIGHTS_SHIFT), -IPC_ERR_INVALID_CAP);
    assert_int_equal(a.refused_invalid, 3);
    assert_int_equal(a.refused_permission, 0);
}

static void test_wrong_kind_is_invalid(void **state)
{
    uint64_t token;

    (void)state;
    token = create(&a, &port, SEND);
    assert_int_equal(lookup(&a, token, SEND, IPC_OBJECT_CHANNEL_END), -IPC_ERR_INVALID_CAP);
    assert_int_equal(lookup(&a, token, SEND, IPC_OBJECT_PORT), IPC_OK);
    assert_int_equal(lookup(&a, token, SEND, IPC_OBJECT_ANY), IPC_OK);
    assert_int_equal(a.refused_invalid, 1);
}

static void test_missing_right_is_permission(void **state)
{
    uint64_t token;

    (void)state;
    token = create(&a, &channel, SEND);
    assert_int_equal(lookup(&a, token, RECEIVE, IPC_OBJECT_CHANNEL_END), -IPC_ERR_PERMISSION);
    assert_int_equal(lookup(&a, token, SEND | RECEIVE, IPC_OBJECT_CHANNEL_END), -IPC_ERR_PERMISSION);
    assert_int_equal(lookup(&a, token, SEND, IPC_OBJECT_CHANNEL_END), IPC_OK);
    assert_int_equal(a.refused_permission, 2);
    assert_int_equal(a.refused_invalid, 0);
}

static void test_derive_only_shrinks_rights(void **state)
{
    uint64_t token, copy = 0;

    (void)state;
    token = create(&a, &port, SEND | RECEIVE);
    copy = derive(&a, token, SEND);
    assert_int_equal(cap_token_rights(copy), SEND);
    assert_int_equal(lookup(&a, copy, RECEIVE, IPC_OBJECT_PORT), -IPC_ERR_PERMISSION);
    assert_int_equal(cap_derive(&a, token, SEND | GRANT, &copy), -IPC_ERR_PERMISSION);
    assert_int_equal(cap_derive(&a, copy, SEND | RECEIVE, &copy), -IPC_ERR_PERMISSION);
    assert_int_equal(cap_derive(&a, token, 0x40, &copy), -IPC_ERR_INVALID_ARGUMENT);
    assert_int_equal(cap_create(&a, &port.object, 0x80, &copy), -IPC_ERR_INVALID_ARGUMENT);
    assert_int_equal(port.object.references, 3);
    assert_int_equal(a.used, 2);
    assert_int_equal(a.refused_permission, 3);
}

static void test_table_capacity_is_a_quota(void **state)
{
    uint64_t token = 0, first;

    (void)state;
    first = create(&a, &port, SEND);
    for (int made = 1; made < CAPACITY; made++)
        derive(&a, first, SEND);
    assert_int_equal(cap_create(&a, &port.object, SEND, &token), -IPC_ERR_QUOTA);
    assert_int_equal(cap_derive(&a, first, SEND, &token), -IPC_ERR_QUOTA);
    assert_int_equal(a.used, CAPACITY);
    assert_int_equal(port.object.references, 1 + CAPACITY);
}

static void test_table_needs_a_slot(void **state)
{
    struct cap_table empty;

    (void)state;
    assert_int_equal(cap_table_init(&empty, 0), -IPC_ERR_INVALID_ARGUMENT);
}

/* Closing the middle of a chain keeps its child, re-parented, so a revoke
 * from the root still reaches it. */
static void test_close_keeps_derived_copies(void **state)
{
    uint64_t root, middle, leaf;

    (void)state;
    root = create(&a, &port, SEND | REVOKE);
    middle = derive(&a, root, SEND | REVOKE);
    leaf = derive(&a, middle, SEND);
    assert_int_equal(cap_close(&a, middle), IPC_OK);
    assert_true(valid(&a, leaf));
    assert_int_equal(cap_revoke(&a, root), IPC_OK);
    assert_false(valid(&a, leaf));
    assert_true(valid(&a, root));
    assert_int_equal(a.used, 1);
}

static void test_revoke_reaches_every_table(void **state)
{
    uint64_t root, sibling, in_b, derived_in_b, in_c;

    (void)state;
    root = create(&a, &port, SEND | GRANT | REVOKE);
    sibling = create(&a, &port, SEND | GRANT);
    in_b = send(&a, root, &b);
    derived_in_b = derive(&b, in_b, SEND | GRANT);
    in_c = send(&b, derived_in_b, &c);
    assert_int_equal(cap_token_rights(in_c), SEND | GRANT);
    assert_int_equal(lookup(&c, in_c, SEND, IPC_OBJECT_PORT), IPC_OK);
    assert_int_equal(port.object.references, 6);

    assert_int_equal(cap_revoke(&a, root), IPC_OK);
    assert_false(valid(&b, in_b));
    assert_false(valid(&b, derived_in_b));
    assert_false(valid(&c, in_c));
    assert_true(valid(&a, root));
    assert_true(valid(&a, sibling));
    assert_int_equal(b.used + c.used, 0);
    assert_int_equal(port.object.references, 3);
    assert_int_equal(port.releases, 0);
}

/* Revoke needs the right; a copy without it cannot revoke its own children. */
static void test_revoke_needs_revoke_right(void **state)
{
    uint64_t token, child;

    (void)state;
    token = create(&a, &port, SEND | GRANT);
    child = derive(&a, token, SEND);
    assert_int_equal(cap_revoke(&a, token), -IPC_ERR_PERMISSION);
    assert_true(valid(&a, child));
    assert_int_equal(a.refused_permission, 1);
}

static void test_grant_needs_grant_right(void **state)
{
    struct capability *in_flight;
    uint64_t token;

    (void)state;
    token = create(&a, &port, SEND | RECEIVE);
    assert_int_equal(cap_grant(&a, &token, 1, &in_flight), -IPC_ERR_PERMISSION);
    assert_int_equal(port.object.references, 2);
    assert_int_equal(a.refused_permission, 1);
}

/* One bad token among several: nothing is granted. */
static void test_grant_is_all_or_nothing(void **state)
{
    struct capability *in_flight[3];
    uint64_t tokens[3];
    size_t live;

    (void)state;
    tokens[0] = create(&a, &port, SEND | GRANT);
    tokens[1] = create(&a, &channel, SEND | GRANT);
    tokens[2] = create(&a, &port, SEND);
    live = heap_stub_live;
    assert_int_equal(cap_grant(&a, tokens, 3, in_flight), -IPC_ERR_PERMISSION);
    assert_int_equal(heap_stub_live, live);
    assert_int_equal(port.object.references, 3);
    assert_int_equal(channel.object.references, 2);

    heap_stub_successes_left = 1;
    assert_int_equal(cap_grant(&a, tokens, 2, in_flight), -IPC_ERR_NO_MEMORY);
    assert_int_equal(heap_stub_live, live);
    assert_int_equal(port.object.references, 3);
}

/* A receiver without room for every capability of a message gets none:
 * prepare refuses before anything is installed. */
static void test_transfer_is_all_or_nothing_when_table_full(void **state)
{
    struct capability *in_flight[2];
    uint64_t tokens[2], received[2] = {99, 99}, filler;

    (void)state;
    tokens[0] = create(&a, &port, SEND | GRANT);
    tokens[1] = create(&a, &channel, SEND | GRANT);
    filler = create(&b, &port, SEND);
    for (int made = 2; made < CAPACITY; made++)
        derive(&b, filler, SEND);
    assert_int_equal(cap_grant(&a, tokens, 2, in_flight), IPC_OK);

    assert_int_equal(cap_transfer_prepare(&b, 2), -IPC_ERR_QUOTA);
    assert_int_equal(b.used, CAPACITY - 1);
    assert_int_equal(b.reserved, 0);

    assert_int_equal(cap_close(&b, filler), IPC_OK);
    assert_int_equal(cap_transfer_prepare(&b, 2), IPC_OK);
    cap_transfer_commit(&b, in_flight, 2, received);
    assert_int_equal(lookup(&b, received[0], SEND | GRANT, IPC_OBJECT_PORT), IPC_OK);
    assert_int_equal(lookup(&b, received[1], SEND | GRANT, IPC_OBJECT_CHANNEL_END), IPC_OK);
    assert_int_equal(b.used, CAPACITY);
    assert_int_equal(b.reserved, 0);
}

/* Reserved slots are kept for the transfer: nothing else may take them. */
static void test_reservation_holds_slots(void **state)
{
    uint64_t first, token;

    (void)state;
    first = create(&a, &port, SEND);
    for (int made = 1; made < CAPACITY - 2; made++)
        derive(&a, first, SEND);
    assert_int_equal(cap_transfer_prepare(&a, 2), IPC_OK);
    assert_int_equal(cap_derive(&a, first, SEND, &token), -IPC_ERR_QUOTA);
    assert_int_equal(cap_transfer_prepare(&a, 1), -IPC_ERR_QUOTA);
    cap_transfer_cancel(&a, 2);
    assert_int_equal(cap_derive(&a, first, SEND, &token), IPC_OK);
}

/* A capability revoked while its message waits in a queue arrives as
 * IPC_CAP_NONE; the others in the message still arrive. */
static void test_revoke_in_flight(void **state)
{
    struct capability *in_flight[2];
    uint64_t tokens[2], received[2];

    (void)state;
    tokens[0] = create(&a, &port, SEND | GRANT | REVOKE);
    tokens[1] = create(&a, &channel, SEND | GRANT);
    assert_int_equal(cap_grant(&a, tokens, 2, in_flight), IPC_OK);
    assert_int_equal(port.object.references, 3);
    assert_int_equal(cap_revoke(&a, tokens[0]), IPC_OK);
    assert_null(in_flight[0]->object);
    assert_int_equal(port.object.references, 2);

    assert_int_equal(cap_transfer_prepare(&b, 2), IPC_OK);
    cap_transfer_commit(&b, in_flight, 2, received);
    assert_int_equal(received[0], IPC_CAP_NONE);
    assert_true(valid(&b, received[1]));
    assert_int_equal(b.used, 1);
}

/* An undelivered message's capabilities are discarded without a trace. */
static void test_discard_undelivered(void **state)
{
    struct capability *in_flight;
    uint64_t token;

    (void)state;
    token = create(&a, &port, SEND | GRANT | REVOKE);
    assert_int_equal(cap_grant(&a, &token, 1, &in_flight), IPC_OK);
    assert_int_equal(port.object.references, 3);
    cap_discard(in_flight);
    assert_int_equal(port.object.references, 2);
    assert_int_equal(cap_revoke(&a, token), IPC_OK);
    assert_true(valid(&a, token));
}

/* The kernel's own message capability: made in flight, delivered into a
 * table or discarded like any other. */
static void test_create_in_flight(void **state)
{
    struct capability *in_flight;
    uint64_t token = 0;

    (void)state;
    assert_int_equal(cap_create_in_flight(&port.object, 0x8000, &in_flight), -IPC_ERR_INVALID_ARGUMENT);
    assert_int_equal(cap_create_in_flight(&port.object, SEND, &in_flight), IPC_OK);
    assert_null(in_flight->table);
    assert_int_equal(port.object.references, 2);
    cap_discard(in_flight);
    assert_int_equal(port.object.references, 1);
    assert_int_equal(cap_create_in_flight(&port.object, SEND, &in_flight), IPC_OK);
    assert_int_equal(cap_transfer_prepare(&b, 1), IPC_OK);
    cap_transfer_commit(&b, &in_flight, 1, &token);
    assert_int_equal(lookup(&b, token, SEND, IPC_OBJECT_PORT), IPC_OK);
}

/* Process exit: an object goes when the last table naming it does. */
static void test_destroy_releases_objects_once(void **state)
{
    (void)state;
    send(&a, create(&a, &port, SEND | GRANT), &b);
    create(&c, &channel, RECEIVE);
    ipc_object_put(&port.object);
    ipc_object_put(&channel.object);

    cap_table_destroy(&a);
    assert_int_equal(port.releases, 0);
    cap_table_destroy(&b);
    assert_int_equal(port.releases, 1);
    assert_int_equal(channel.releases, 0);
    cap_table_destroy(&c);
    assert_int_equal(channel.releases, 1);
    assert_int_equal(cap_table_init(&a, CAPACITY), IPC_OK);
    assert_int_equal(cap_table_init(&b, CAPACITY), IPC_OK);
    assert_int_equal(cap_table_init(&c, CAPACITY), IPC_OK);
}

static void test_out_of_memory_changes_nothing(void **state)
{
    struct cap_table unmade;
    uint64_t token = 0;

    (void)state;
    heap_stub_successes_left = 0;
    assert_int_equal(cap_table_init(&unmade, CAPACITY), -IPC_ERR_NO_MEMORY);
    assert_int_equal(cap_create(&a, &port.object, SEND, &token), -IPC_ERR_NO_MEMORY);
    heap_stub_successes_left = -1;
    assert_int_equal(a.used, 0);
    assert_int_equal(port.object.references, 1);
    token = create(&a, &port, SEND);
    assert_int_equal(cap_token_slot(token), 1);
}

/* receive_holders follows every capability with RECEIVE, in tables and
 * in flight; receivers_gone runs once, when the last one goes. */
static int receivers_gone_calls;

static void count_receivers_gone(struct ipc_object *object)
{
    (void)object;
    receivers_gone_calls++;
}

static const struct ipc_object_type receiving_type = {
    .kind = IPC_OBJECT_PORT, .release = count_release, .receivers_gone = count_receivers_gone};

static void test_receivers_gone_when_last_receive_goes(void **state)
{
    struct capability *in_flight;
    uint64_t nodes_before = cap_count_live(), root, copy, received, sender;

    (void)state;
    receivers_gone_calls = 0;
    port.object.type = &receiving_type;
    root = create(&a, &port, ALL);
    copy = derive(&a, root, RECEIVE | GRANT);
    received = send(&a, copy, &b);
    sender = derive(&a, root, SEND);
    assert_int_equal(port.object.receive_holders, 3);
    assert_int_equal(cap_count_live(), nodes_before + 4);
    assert_int_equal(cap_grant(&b, &received, 1, &in_flight), IPC_OK);
    assert_int_equal(port.object.receive_holders, 4);
    cap_discard(in_flight);
    assert_int_equal(cap_close(&a, root), IPC_OK);
    assert_int_equal(cap_close(&a, copy), IPC_OK);
    assert_int_equal(receivers_gone_calls, 0);
    assert_int_equal(cap_close(&b, received), IPC_OK);
    assert_int_equal(receivers_gone_calls, 1);
    assert_int_equal(port.object.receive_holders, 0);
    assert_int_equal(port.releases, 0); /* the SEND copy still holds it */
    assert_true(valid(&a, sender));
    assert_int_equal(cap_close(&a, sender), IPC_OK);
    assert_int_equal(cap_count_live(), nodes_before);
}

static void test_revoked_receiver_in_flight_counts_down(void **state)
{
    struct capability *in_flight;
    uint64_t root, copy;

    (void)state;
    receivers_gone_calls = 0;
    port.object.type = &receiving_type;
    root = create(&a, &port, ALL);
    copy = derive(&a, root, RECEIVE | GRANT | REVOKE);
    assert_int_equal(cap_grant(&a, &copy, 1, &in_flight), IPC_OK);
    assert_int_equal(port.object.receive_holders, 3);
    assert_int_equal(cap_revoke(&a, copy), IPC_OK);
    assert_int_equal(port.object.receive_holders, 2);
    assert_null(in_flight->object);
    assert_int_equal(cap_close(&a, copy), IPC_OK);
    assert_int_equal(cap_close(&a, root), IPC_OK);
    assert_int_equal(receivers_gone_calls, 1);
    cap_discard(in_flight);
    assert_int_equal(receivers_gone_calls, 1);
}

/* A copy installed from a node outside any table (a name's). */
static void test_install_derived(void **state)
{
    struct capability *bound;
    uint64_t root = create(&a, &port, ALL), limited = derive(&a, root, SEND | GRANT), copy = 0;

    (void)state;
    assert_int_equal(cap_grant(&a, &limited, 1, &bound), IPC_OK);
    assert_int_equal(cap_install_derived(&b, bound, SEND, &copy), IPC_OK);
    assert_int_equal(cap_token_rights(copy), SEND);
    assert_true(valid(&b, copy));
    assert_int_equal(cap_install_derived(&b, bound, SEND | RECEIVE, &copy), -IPC_ERR_PERMISSION);
    assert_int_equal(cap_revoke(&a, root), IPC_OK);
    assert_false(valid(&b, copy));
    assert_int_equal(cap_install_derived(&b, bound, SEND, &copy), -IPC_ERR_INVALID_CAP);
    cap_discard(bound);
}

/* The table's observer: every refusal, and every capability leaving. */
static int refusals_heard, closes_heard;
static uint64_t token_refused;
static int error_heard;
static struct capability *capability_closed;

static void hear_refusal(struct cap_table *table, uint64_t token, int error)
{
    assert_ptr_equal(table, &a);
    refusals_heard++;
    token_refused = token;
    error_heard = error;
}

static void hear_close(struct cap_table *table, struct capability *capability)
{
    assert_ptr_equal(table, &a);
    assert_ptr_equal(capability->table, &a);
    closes_heard++;
    capability_closed = capability;
}

static const struct cap_table_observer observer = {hear_refusal, hear_close};

static void test_observer_hears_refusals_and_closes(void **state)
{
    struct capability *node;
    uint64_t root, copy, stale;

    (void)state;
    refusals_heard = closes_heard = 0;
    a.observer = &observer;
    root = create(&a, &port, ALL);
    stale = root ^ ((uint64_t)1 << IPC_CAP_GENERATION_SHIFT);
    assert_int_equal(lookup(&a, stale, 0, IPC_OBJECT_ANY), -IPC_ERR_INVALID_CAP);
    assert_int_equal(refusals_heard, 1);
    assert_true(token_refused == stale && error_heard == -IPC_ERR_INVALID_CAP);
    copy = derive(&a, root, SEND);
    assert_int_equal(lookup(&a, copy, RECEIVE, IPC_OBJECT_PORT), -IPC_ERR_PERMISSION);
    assert_true(refusals_heard == 2 && token_refused == copy && error_heard == -IPC_ERR_PERMISSION);
    assert_int_equal(cap_lookup_capability(&a, copy, SEND, IPC_OBJECT_PORT, &node), IPC_OK);
    assert_true(node->object == &port.object && node->rights == SEND);
    assert_int_equal(cap_close(&a, copy), IPC_OK);
    assert_true(closes_heard == 1 && capability_closed == node);
    derive(&a, derive(&a, root, SEND), SEND);
    assert_int_equal(cap_revoke(&a, root), IPC_OK);
    assert_int_equal(closes_heard, 3);
    cap_table_destroy(&a); /* the root goes too */
    assert_int_equal(closes_heard, 4);
    assert_int_equal(cap_table_init(&a, CAPACITY), IPC_OK); /* for the teardown */
}

int main(void)
{
#define TEST(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
    const struct CMUnitTest tests[] = {
        TEST(test_token_layout),
        TEST(test_create_then_lookup),
        TEST(test_unknown_slots_are_invalid),
        TEST(test_stale_generation_is_invalid),
        TEST(test_generation_never_zero),
        TEST(test_forged_rights_are_invalid),
        TEST(test_wrong_kind_is_invalid),
        TEST(test_missing_right_is_permission),
        TEST(test_derive_only_shrinks_rights),
        TEST(test_table_capacity_is_a_quota),
        TEST(test_table_needs_a_slot),
        TEST(test_close_keeps_derived_copies),
        TEST(test_revoke_reaches_every_table),
        TEST(test_revoke_needs_revoke_right),
        TEST(test_grant_needs_grant_right),
        TEST(test_grant_is_all_or_nothing),
        TEST(test_transfer_is_all_or_nothing_when_table_full),
        TEST(test_reservation_holds_slots),
        TEST(test_revoke_in_flight),
        TEST(test_discard_undelivered),
        TEST(test_create_in_flight),
        TEST(test_destroy_releases_objects_once),
        TEST(test_out_of_memory_changes_nothing),
        TEST(test_receivers_gone_when_last_receive_goes),
        TEST(test_revoked_receiver_in_flight_counts_down),
        TEST(test_install_derived),
        TEST(test_observer_hears_refusals_and_closes),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
