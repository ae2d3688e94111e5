/*
 * name_table.h - the kernel name service's table: service names such as
 * "SYSTEM::VFS" or "/var/run/logd.sock" bound to capabilities.
 *
 * Layer: native IPC (pure; host unit-tested by tests/unit/test_name_table.c).
 * A hash table with chaining: SDBM hash, buckets supplied by the caller,
 * full-name comparison on every hit. Names are byte strings of 1 to
 * IPC_NAME_MAX bytes, compared exactly.
 *
 * Invariants:
 *   - a name is bound at most once; its entry sits in bucket hash % count;
 *   - an entry owns its capability (in flight, derived from the binder's):
 *     unbinding discards it, and a lookup receives at most entry->rights,
 *     a subset of the capability's;
 *   - only the binder may unbind a name, and a binder's names go when it
 *     does (name_table_unbind_all_of at process exit).
 * Locking: the caller holds the IPC lock.
 */
#ifndef FREEPORT_IPC_NAME_TABLE_H
#define FREEPORT_IPC_NAME_TABLE_H

#include <stddef.h>
#include <stdint.h>
#include "lib/list.h"
#include "uapi/freeport/ipc.h"

struct capability;

struct name_entry {
    struct list_node link; /* in its bucket */
    uint32_t hash;
    uint32_t binder;               /* process id of the binder */
    struct capability *capability; /* what the name stands for */
    uint16_t rights;               /* the rights a lookup receives */
    uint16_t length;
    char name[]; /* `length` bytes, no terminator */
};

struct name_table {
    struct list_node *buckets;
    uint32_t bucket_count;
    uint32_t count; /* names bound */
};

/* An empty table over the caller's `bucket_count` (>= 1) buckets. */
void name_table_init(struct name_table *table, struct list_node *buckets, uint32_t bucket_count);

/* SDBM: h = c + (h << 6) + (h << 16) - h over the bytes of the name. */
uint32_t name_table_hash(const char *name, size_t length);

/* Bind `name` to `capability`, which the table then owns (the caller keeps
 * it on error). -IPC_ERR_INVALID_ARGUMENT for an empty name,
 * -IPC_ERR_TOO_LARGE beyond IPC_NAME_MAX, -IPC_ERR_PERMISSION if `rights`
 * exceed the capability's, -IPC_ERR_NAME_EXISTS, -IPC_ERR_NO_MEMORY. */
int name_table_bind(struct name_table *table, const char *name, size_t length, uint32_t binder,
                    struct capability *capability, uint16_t rights);

/* The entry bound to `name`: -IPC_ERR_NAME_NOT_FOUND, or
 * -IPC_ERR_INVALID_CAP if the binder has revoked the capability since. */
int name_table_lookup(const struct name_table *table, const char *name, size_t length,
                      const struct name_entry **entry);

/* Remove `name`: -IPC_ERR_NAME_NOT_FOUND, or -IPC_ERR_PERMISSION unless
 * `caller` bound it. */
int name_table_unbind(struct name_table *table, const char *name, size_t length, uint32_t caller);

/* Remove every name `binder` bound; returns how many. */
uint32_t name_table_unbind_all_of(struct name_table *table, uint32_t binder);

#endif
