/*
 * name_table.c - the name service's hash table (see name_table.h for the
 * invariants).
 *
 * Layer: native IPC (pure, host unit-tested). Buckets are intrusive lists;
 * a lookup hashes the name, walks one bucket and compares the stored hash
 * first and the bytes only when it matches, so a collision costs one
 * memcmp.
 */
#include "ipc/name_table.h"
#include "ipc/cap_table.h"
#include "ipc/cap_token.h"
#include "lib/string.h"
#include "mm/heap.h"

void name_table_init(struct name_table *table, struct list_node *buckets, uint32_t bucket_count)
{
    for (uint32_t index = 0; index < bucket_count; index++)
        list_init(&buckets[index]);
    table->buckets = buckets;
    table->bucket_count = bucket_count;
    table->count = 0;
}

uint32_t name_table_hash(const char *name, size_t length)
{
    uint32_t hash = 0;

    for (size_t index = 0; index < length; index++)
        hash = (unsigned char)name[index] + (hash << 6) + (hash << 16) - hash;
    return hash;
}

static struct list_node *bucket_of(const struct name_table *table, uint32_t hash)
{
    return &table->buckets[hash % table->bucket_count];
}

static struct name_entry *find(const struct name_table *table, const char *name, size_t length)
{
    uint32_t hash = name_table_hash(name, length);

    list_for_each(link, bucket_of(table, hash)) {
        struct name_entry *entry = list_entry(link, struct name_entry, link);
        if (entry->hash == hash && entry->length == length && memcmp(entry->name, name, length) == 0)
            return entry;
    }
    return NULL;
}

static void remove_entry(struct name_table *table, struct name_entry *entry)
{
    list_remove(&entry->link);
    table->count--;
    cap_discard(entry->capability);
    kfree(entry);
}

int name_table_bind(struct name_table *table, const char *name, size_t length, uint32_t binder,
                    struct capability *capability, uint16_t rights)
{
    struct name_entry *entry;

    if (length == 0)
        return -IPC_ERR_INVALID_ARGUMENT;
    if (length > IPC_NAME_MAX)
        return -IPC_ERR_TOO_LARGE;
    if (!cap_rights_include(capability->rights, rights))
        return -IPC_ERR_PERMISSION;
    if (find(table, name, length) != NULL)
        return -IPC_ERR_NAME_EXISTS;
    entry = kmalloc(sizeof(*entry) + length);
    if (entry == NULL)
        return -IPC_ERR_NO_MEMORY;
    entry->hash = name_table_hash(name, length);
    entry->binder = binder;
    entry->capability = capability;
    entry->rights = rights;
    entry->length = (uint16_t)length;
    memcpy(entry->name, name, length);
    list_push_back(bucket_of(table, entry->hash), &entry->link);
    table->count++;
    return IPC_OK;
}

int name_table_lookup(const struct name_table *table, const char *name, size_t length,
                      const struct name_entry **entry)
{
    *entry = find(table, name, length);
    if (*entry == NULL)
        return -IPC_ERR_NAME_NOT_FOUND;
    if ((*entry)->capability->object == NULL)
        return -IPC_ERR_INVALID_CAP;
    return IPC_OK;
}

int name_table_unbind(struct name_table *table, const char *name, size_t length, uint32_t caller)
{
    struct name_entry *entry = find(table, name, length);

    if (entry == NULL)
        return -IPC_ERR_NAME_NOT_FOUND;
    if (entry->binder != caller)
        return -IPC_ERR_PERMISSION;
    remove_entry(table, entry);
    return IPC_OK;
}

uint32_t name_table_unbind_all_of(struct name_table *table, uint32_t binder)
{
    uint32_t removed = 0;

    for (uint32_t index = 0; index < table->bucket_count; index++) {
        list_for_each_safe(link, &table->buckets[index]) {
            struct name_entry *entry = list_entry(link, struct name_entry, link);
            if (entry->binder == binder) {
                remove_entry(table, entry);
                removed++;
            }
        }
    }
    return removed;
}
