/*
 * fuzz_cap_table.c - libFuzzer target: capability tokens (src/ipc/cap_token.h)
 * and tables (src/ipc/cap_table.c) under any sequence of operations and
 * any tokens, forged ones included.
 *
 * The input is a program: each operation is an opcode byte and argument
 * bytes (create, lookup, derive, close, revoke, move to the other table),
 * on two tables of CAPACITY slots and two objects. Tokens are picked from
 * those handed out so far, mutated (another generation, other rights) or
 * read raw from the input. A model of the derivation tree predicts each
 * result: an operation on a token the model does not hold live must fail,
 * a lookup must return the right object, a derive or move must not create
 * rights, a revoke must kill every descendant. An opcode can make the next
 * allocation fail (heap_stub.h); then failing is allowed too. At the end
 * both tables are destroyed: each object must be released exactly once,
 * and no allocation may be left. Built by tests/robustness.mk.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "fuzz_input.h"
#include "heap_stub.h"
#include "ipc/cap_table.h"
#include "ipc/cap_token.h"

#define CAPACITY  8
#define MODEL_MAX 64
#define NO_PARENT (-1)

struct test_object {
    struct ipc_object object;
    int releases;
};

static void count_release(struct ipc_object *object)
{
    ((struct test_object *)object)->releases++;
}

static const struct ipc_object_type types[2] = {
    {.kind = IPC_OBJECT_PORT, .release = count_release},
    {.kind = IPC_OBJECT_CHANNEL_END, .release = count_release},
};

/* What the model knows of each token ever handed out. */
struct model_cap {
    uint64_t token;
    int table, object, parent;
    uint16_t rights;
    bool live;
};

static struct cap_table tables[2];
static struct test_object objects[2];
static struct model_cap model[MODEL_MAX];
static int model_count;
static bool allocation_may_fail;

static int model_find(int table, uint64_t token)
{
    for (int i = 0; i < model_count; i++)
        if (model[i].live && model[i].table == table && model[i].token == token)
            return i;
    return -1;
}

static int table_used(int table)
{
    int used = 0;

    for (int i = 0; i < model_count; i++)
        used += model[i].live && model[i].table == table;
    return used;
}

/* The program stops before the model could overflow (one token per operation). */
static void model_add(uint64_t token, int table, int object, int parent, uint16_t rights)
{
    model[model_count++] = (struct model_cap){token, table, object, parent, rights, true};
}

/* A token to try: a handed-out one, one of those mutated, or raw bits. */
static uint64_t pick_token(struct fuzz_input *input)
{
    uint8_t how = next_byte(input);
    uint64_t token = model_count ? model[next_byte(input) % model_count].token : 0;

    switch (how % 4) {
    case 0: return token;
    case 1: return token + ((uint64_t)1 << IPC_CAP_GENERATION_SHIFT);
    case 2: return token ^ ((uint64_t)(next_byte(input) | 1) << IPC_CAP_RIGHTS_SHIFT);
    default: return next_word(input);
    }
}

/* `result` must be success exactly when `predicted` says (or may fail, when
 * an allocation was made to fail). */
static void expect(bool predicted, int result)
{
    if (result == 0 && !predicted)
        abort();
    if (result != 0 && predicted && !allocation_may_fail)
        abort();
}

static void do_lookup(struct fuzz_input *input, int table)
{
    uint64_t token = pick_token(input);
    uint16_t required = next_byte(input) & IPC_RIGHTS_ALL;
    enum ipc_object_kind kind = (enum ipc_object_kind)(next_byte(input) % 3); /* ANY, PORT, CHANNEL_END */
    struct ipc_object *object = NULL;
    int index = model_find(table, token);
    int result = cap_lookup(&tables[table], token, required, kind, &object);
    bool predicted = index >= 0 && cap_rights_include(model[index].rights, required) &&
                     (kind == IPC_OBJECT_ANY || kind == types[model[index].object].kind);

    expect(predicted, result);
    if (result == 0 && object != &objects[model[index].object].object)
        abort();
}

static void do_derive(struct fuzz_input *input, int table)
{
    uint64_t token = pick_token(input), new_token;
    uint16_t rights = next_byte(input) & IPC_RIGHTS_ALL;
    int index = model_find(table, token);
    int result = cap_derive(&tables[table], token, rights, &new_token);

    expect(index >= 0 && cap_rights_include(model[index].rights, rights) && table_used(table) < CAPACITY,
           result);
    if (result == 0)
        model_add(new_token, table, model[index].object, index, rights);
}

static void do_close(struct fuzz_input *input, int table)
{
    uint64_t token = pick_token(input);
    int index = model_find(table, token);

    expect(index >= 0, cap_close(&tables[table], token));
    if (index < 0)
        return;
    model[index].live = false;
    for (int i = 0; i < model_count; i++)
        if (model[i].parent == index)
            model[i].parent = model[index].parent;
}

static bool descends_from(int index, int ancestor)
{
    for (int at = model[index].parent; at != NO_PARENT; at = model[at].parent)
        if (at == ancestor)
            return true;
    return false;
}

static void do_revoke(struct fuzz_input *input, int table)
{
    uint64_t token = pick_token(input);
    int index = model_find(table, token);

    expect(index >= 0 && cap_rights_include(model[index].rights, IPC_RIGHT_REVOKE),
           cap_revoke(&tables[table], token));
    if (index < 0 || !cap_rights_include(model[index].rights, IPC_RIGHT_REVOKE))
        return;
    for (int i = 0; i < model_count; i++)
        if (model[i].live && descends_from(i, index))
            model[i].live = false;
}

/* Grant one capability and commit it into the other table, as a message
 * carrying it would. */
static void do_move(struct fuzz_input *input, int table)
{
    uint64_t token = pick_token(input), received;
    int index = model_find(table, token), other = 1 - table;
    struct capability *in_flight;
    int result = cap_grant(&tables[table], &token, 1, &in_flight);

    expect(index >= 0 && cap_rights_include(model[index].rights, IPC_RIGHT_GRANT), result);
    if (result)
        return;
    if (cap_transfer_prepare(&tables[other], 1) != 0) {
        if (table_used(other) < CAPACITY)
            abort();
        cap_discard(in_flight);
        return;
    }
    cap_transfer_commit(&tables[other], &in_flight, 1, &received);
    if (received == IPC_CAP_NONE)
        abort();
    model_add(received, other, model[index].object, index, model[index].rights);
}

static void do_create(struct fuzz_input *input, int table)
{
    int object = next_byte(input) % 2;
    uint16_t rights = next_byte(input) & IPC_RIGHTS_ALL;
    uint64_t token;
    int result = cap_create(&tables[table], &objects[object].object, rights, &token);

    expect(table_used(table) < CAPACITY, result);
    if (result == 0)
        model_add(token, table, object, NO_PARENT, rights);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct fuzz_input input = {data, size};

    model_count = 0;
    heap_stub_successes_left = -1;
    for (int i = 0; i < 2; i++) {
        objects[i] = (struct test_object){0};
        ipc_object_init(&objects[i].object, &types[i]);
        if (cap_table_init(&tables[i], CAPACITY) != 0)
            abort();
    }
    while (input.size && model_count < MODEL_MAX) {
        uint8_t opcode = next_byte(&input);
        int table = opcode >> 7;
        allocation_may_fail = heap_stub_successes_left == 0;
        switch (opcode % 7) {
        case 0: do_create(&input, table); break;
        case 1: do_lookup(&input, table); break;
        case 2: do_derive(&input, table); break;
        case 3: do_close(&input, table); break;
        case 4: do_revoke(&input, table); break;
        case 5: do_move(&input, table); break;
        default: heap_stub_successes_left = heap_stub_successes_left < 0 ? 0 : -1; break;
        }
    }
    heap_stub_successes_left = -1;
    cap_table_destroy(&tables[0]);
    cap_table_destroy(&tables[1]);
    for (int i = 0; i < 2; i++) {
        ipc_object_put(&objects[i].object);
        if (objects[i].releases != 1)
            abort();
    }
    if (heap_stub_live != 0 || cap_count_live() != 0)
        abort();
    return 0;
}
