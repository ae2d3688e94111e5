/*
 * cap_table.c - capability tables and the derivation tree (see
 * cap_table.h for the invariants).
 *
 * Layer: native IPC (pure, host unit-tested). Three parts, bottom up:
 * slots (free list, generations), nodes (the derivation tree), and the
 * operations user space reaches through tokens. Every token goes through
 * find_slot(), which counts each refusal in the table and tells the
 * table's observer; every slot emptied tells it too (slot_release).
 * Locking: the caller holds the IPC lock.
 */
#include "ipc/cap_table.h"
#include "ipc/cap_token.h"
#include "mm/heap.h"

/* --- Slots --- */

static bool has_room(const struct cap_table *table, uint32_t count)
{
    return table->capacity - table->used - table->reserved >= count;
}

/* Fill a free slot from `node` and return the token that names it. The
 * caller made sure a slot is free (has_room or a reservation). */
static uint64_t slot_install(struct cap_table *table, struct capability *node)
{
    uint32_t index = table->free_head;
    struct cap_slot *slot = &table->slots[index];

    table->free_head = slot->next_free;
    table->used++;
    slot->object = node->object;
    slot->kind = (uint8_t)node->object->type->kind;
    slot->rights = node->rights;
    slot->node = node;
    node->table = table;
    node->slot = index;
    return cap_token_make(index, slot->generation, slot->rights);
}

/* Empty a slot; its new generation makes every token naming it stale. */
static void slot_release(struct cap_table *table, uint32_t index)
{
    struct cap_slot *slot = &table->slots[index];

    if (table->observer && table->observer->closed)
        table->observer->closed(table, slot->node);
    slot->object = NULL;
    slot->node = NULL;
    slot->rights = 0;
    slot->generation = slot->generation == UINT16_MAX ? 1 : slot->generation + 1;
    slot->next_free = table->free_head;
    table->free_head = index;
    table->used--;
}

/* Tell the observer about a refusal, and return it. */
static int refuse(struct cap_table *table, uint64_t token, int error)
{
    if (table->observer && table->observer->refused)
        table->observer->refused(table, token, error);
    return error;
}

/* The live slot `token` names, holding at least the `wanted` rights.
 * Every refusal is counted in the table. */
static int find_slot(struct cap_table *table, uint64_t token, enum ipc_object_kind kind, uint16_t wanted,
                     struct cap_slot **found)
{
    uint32_t index = cap_token_slot(token);
    struct cap_slot *slot;

    if (!cap_token_well_formed(token) || index > table->capacity)
        goto invalid;
    slot = &table->slots[index];
    if (slot->object == NULL || slot->generation != cap_token_generation(token))
        goto invalid;
    if (slot->rights != cap_token_rights(token))
        goto invalid; /* forged: the token claims other rights */
    if (kind != IPC_OBJECT_ANY && slot->kind != kind)
        goto invalid;
    if (!cap_rights_include(slot->rights, wanted)) {
        table->refused_permission++;
        return refuse(table, token, -IPC_ERR_PERMISSION);
    }
    *found = slot;
    return IPC_OK;
invalid:
    table->refused_invalid++;
    return refuse(table, token, -IPC_ERR_INVALID_CAP);
}

/* --- Nodes: the derivation tree --- */

static uint64_t nodes_live; /* every node, in a table or in flight */

static struct capability *node_create(struct ipc_object *object, uint16_t rights, struct capability *parent)
{
    struct capability *node = kmalloc(sizeof(*node));

    if (node == NULL)
        return NULL;
    node->object = object;
    node->rights = rights;
    node->table = NULL;
    node->slot = 0;
    node->parent = parent;
    list_init(&node->children);
    list_init(&node->sibling);
    if (parent != NULL)
        list_push_back(&parent->children, &node->sibling);
    ipc_object_get(object);
    if (rights & IPC_RIGHT_RECEIVE)
        object->receive_holders++;
    nodes_live++;
    return node;
}

/* A node lets go of its object: the last receiver tells the object while
 * the node's reference still keeps it alive, then the reference goes (it
 * may release the object). */
static void node_let_go(struct ipc_object *object, uint16_t rights)
{
    if ((rights & IPC_RIGHT_RECEIVE) && --object->receive_holders == 0 && object->type->receivers_gone)
        object->type->receivers_gone(object);
    ipc_object_put(object);
}

/* Take `node` out of the tree; its children move up to its parent. */
static void node_detach(struct capability *node)
{
    list_for_each_safe(link, &node->children) {
        struct capability *child = list_entry(link, struct capability, sibling);
        list_remove(link);
        child->parent = node->parent;
        if (node->parent != NULL)
            list_push_back(&node->parent->children, link);
    }
    list_remove(&node->sibling);
    node->parent = NULL;
}

/* Detach, drop the object reference (last: it may release the object)
 * and free the node. Its slot, if any, is already released. */
static void node_destroy(struct capability *node)
{
    struct ipc_object *object = node->object;
    uint16_t rights = node->rights;

    node_detach(node);
    kfree(node);
    nodes_live--;
    if (object != NULL)
        node_let_go(object, rights);
}

/* A leaf of a revoked subtree: one in a table goes entirely; one in flight
 * stays allocated for its message or name, marked by object == NULL. */
static void node_invalidate(struct capability *leaf)
{
    if (leaf->table != NULL) {
        slot_release(leaf->table, leaf->slot);
        node_destroy(leaf);
        return;
    }
    struct ipc_object *object = leaf->object;

    node_detach(leaf);
    leaf->object = NULL; /* before letting go: that may discard this very node */
    node_let_go(object, leaf->rights);
}

static struct capability *first_child(struct capability *node)
{
    return list_entry(node->children.next, struct capability, sibling);
}

/* --- Tables --- */

int cap_table_init(struct cap_table *table, uint32_t capacity)
{
    if (capacity == 0 || capacity == UINT32_MAX)
        return -IPC_ERR_INVALID_ARGUMENT;
    table->slots = kmalloc(((size_t)capacity + 1) * sizeof(struct cap_slot));
    if (table->slots == NULL)
        return -IPC_ERR_NO_MEMORY;
    for (uint32_t index = 0; index <= capacity; index++)
        table->slots[index] = (struct cap_slot){.generation = 1, .next_free = index + 1};
    table->slots[capacity].next_free = 0;
    table->observer = NULL;
    table->capacity = capacity;
    table->used = 0;
    table->reserved = 0;
    table->free_head = 1;
    table->refused_invalid = 0;
    table->refused_permission = 0;
    return IPC_OK;
}

void cap_table_destroy(struct cap_table *table)
{
    for (uint32_t index = 1; index <= table->capacity; index++) {
        struct capability *node = table->slots[index].node;
        if (node != NULL) {
            slot_release(table, index);
            node_destroy(node);
        }
    }
    kfree(table->slots);
    table->slots = NULL;
    table->capacity = 0;
}

/* A new node in a slot: the part create and derive share. */
static int install_new(struct cap_table *table, struct ipc_object *object, uint16_t rights,
                       struct capability *parent, uint64_t *token)
{
    struct capability *node;

    if (!has_room(table, 1))
        return -IPC_ERR_QUOTA;
    node = node_create(object, rights, parent);
    if (node == NULL)
        return -IPC_ERR_NO_MEMORY;
    *token = slot_install(table, node);
    return IPC_OK;
}

int cap_create(struct cap_table *table, struct ipc_object *object, uint16_t rights, uint64_t *token)
{
    if ((rights & ~IPC_RIGHTS_ALL) != 0)
        return -IPC_ERR_INVALID_ARGUMENT;
    return install_new(table, object, rights, NULL, token);
}

int cap_lookup(struct cap_table *table, uint64_t token, uint16_t required_rights, enum ipc_object_kind kind,
               struct ipc_object **object)
{
    struct cap_slot *slot;
    int error = find_slot(table, token, kind, required_rights, &slot);

    if (error == IPC_OK)
        *object = slot->object;
    return error;
}

int cap_lookup_capability(struct cap_table *table, uint64_t token, uint16_t required_rights,
                          enum ipc_object_kind kind, struct capability **capability)
{
    struct cap_slot *slot;
    int error = find_slot(table, token, kind, required_rights, &slot);

    if (error == IPC_OK)
        *capability = slot->node;
    return error;
}

/* Rights beyond the source's are refused like a missing right. */
int cap_derive(struct cap_table *table, uint64_t token, uint16_t rights, uint64_t *new_token)
{
    struct cap_slot *slot;
    int error;

    if ((rights & ~IPC_RIGHTS_ALL) != 0)
        return -IPC_ERR_INVALID_ARGUMENT;
    error = find_slot(table, token, IPC_OBJECT_ANY, rights, &slot);
    if (error != IPC_OK)
        return error;
    return install_new(table, slot->object, rights, slot->node, new_token);
}

int cap_install_derived(struct cap_table *table, struct capability *source, uint16_t rights, uint64_t *token)
{
    if (source->object == NULL)
        return -IPC_ERR_INVALID_CAP;
    if (!cap_rights_include(source->rights, rights))
        return -IPC_ERR_PERMISSION;
    return install_new(table, source->object, rights, source, token);
}

uint64_t cap_count_live(void)
{
    return nodes_live;
}

int cap_close(struct cap_table *table, uint64_t token)
{
    struct cap_slot *slot;
    struct capability *node;
    int error = find_slot(table, token, IPC_OBJECT_ANY, 0, &slot);

    if (error != IPC_OK)
        return error;
    node = slot->node;
    slot_release(table, node->slot);
    node_destroy(node);
    return IPC_OK;
}

/* Iterative, so a long chain of derivations cannot overflow the kernel
 * stack: walk down to a leaf, invalidate it, start again. The object
 * outlives the loop because `token` itself holds a reference. */
int cap_revoke(struct cap_table *table, uint64_t token)
{
    struct cap_slot *slot;
    struct capability *root;
    int error = find_slot(table, token, IPC_OBJECT_ANY, IPC_RIGHT_REVOKE, &slot);

    if (error != IPC_OK)
        return error;
    root = slot->node;
    while (!list_empty(&root->children)) {
        struct capability *leaf = first_child(root);
        while (!list_empty(&leaf->children))
            leaf = first_child(leaf);
        node_invalidate(leaf);
    }
    return IPC_OK;
}

/* --- Moving capabilities in messages --- */

static int grant_one(struct cap_table *table, uint64_t token, struct capability **in_flight)
{
    struct cap_slot *slot;
    int error = find_slot(table, token, IPC_OBJECT_ANY, IPC_RIGHT_GRANT, &slot);

    if (error != IPC_OK)
        return error;
    *in_flight = node_create(slot->object, slot->rights, slot->node);
    return *in_flight == NULL ? -IPC_ERR_NO_MEMORY : IPC_OK;
}

int cap_grant(struct cap_table *table, const uint64_t *tokens, uint32_t count, struct capability **in_flight)
{
    for (uint32_t made = 0; made < count; made++) {
        int error = grant_one(table, tokens[made], &in_flight[made]);
        if (error != IPC_OK) {
            while (made > 0)
                cap_discard(in_flight[--made]);
            return error;
        }
    }
    return IPC_OK;
}

int cap_create_in_flight(struct ipc_object *object, uint16_t rights, struct capability **in_flight)
{
    if ((rights & ~IPC_RIGHTS_ALL) != 0)
        return -IPC_ERR_INVALID_ARGUMENT;
    *in_flight = node_create(object, rights, NULL);
    return *in_flight ? IPC_OK : -IPC_ERR_NO_MEMORY;
}

void cap_discard(struct capability *in_flight)
{
    node_destroy(in_flight);
}

int cap_transfer_prepare(struct cap_table *table, uint32_t count)
{
    if (!has_room(table, count))
        return -IPC_ERR_QUOTA;
    table->reserved += count;
    return IPC_OK;
}

void cap_transfer_cancel(struct cap_table *table, uint32_t count)
{
    table->reserved -= count;
}

void cap_transfer_commit(struct cap_table *table, struct capability **in_flight, uint32_t count,
                         uint64_t *tokens)
{
    table->reserved -= count;
    for (uint32_t index = 0; index < count; index++) {
        if (in_flight[index]->object == NULL) {
            node_destroy(in_flight[index]);
            tokens[index] = IPC_CAP_NONE;
        } else {
            tokens[index] = slot_install(table, in_flight[index]);
        }
    }
}
