/*
 * registry.h - the list of every live IPC object user space can see: its
 * kind, an id, the pid of its owner and its counters. ipcstat, the stats
 * system call and the GDB helpers read it; nothing else depends on it.
 *
 * Layer: native IPC (pure; host unit-tested by tests/unit/test_registry.c).
 * Each object kind (ports, channel ends, memory regions, broadcast
 * endpoints) embeds a struct ipc_registry_entry, adds it when the object is
 * created and removes it when the object is released, and counts its
 * traffic in entry->counters.
 *
 * Invariants: ids are 1, 2, 3, ... in order of creation and never reused;
 * the list holds exactly the live entries, in increasing id order (each is
 * appended), so a reader can walk it across sleeps by remembering the last
 * id it saw (ipc_registry_next).
 * Locking: the caller holds the IPC lock.
 */
#ifndef FREEPORT_IPC_REGISTRY_H
#define FREEPORT_IPC_REGISTRY_H

#include <stdint.h>
#include "ipc/object.h"
#include "lib/list.h"

/* What an object counts about its traffic. A refusal is never silent: the
 * sender is told, and the refusal lands in `dropped` or `refused`. */
struct ipc_counters {
    uint64_t sent;           /* messages (or records) accepted */
    uint64_t received;       /* messages delivered to a receiver */
    uint64_t dropped;        /* not taken for room or size (full, too large, out of memory) */
    uint64_t refused;        /* refused for what it was or carried: filter, rate, a bad capability */
    uint64_t discarded;      /* accepted, then thrown away undelivered (closed with them queued) */
    uint64_t fast_path_hits; /* delivered by the fast path (ports) */
    uint32_t depth;          /* queued now: messages, or bytes for a ring */
    uint32_t max_depth;      /* the most ever queued */
};

struct ipc_registry_entry {
    struct list_node link; /* in the registry, by increasing id */
    uint64_t id;           /* never reused; 0 while not registered */
    enum ipc_object_kind kind;
    uint32_t owner_pid; /* who created the object (0: the kernel) */
    struct ipc_object *object;
    struct ipc_counters counters;
};

/* Register `object` (of `kind`, owned by `owner_pid`) with a fresh id and
 * zeroed counters. */
void ipc_registry_add(struct ipc_registry_entry *entry, struct ipc_object *object, enum ipc_object_kind kind,
                      uint32_t owner_pid);

/* Take the entry off the list (the object is being released). */
void ipc_registry_remove(struct ipc_registry_entry *entry);

/* The live entry with the smallest id greater than `after_id`, or NULL:
 * ipc_registry_next(0) is the first. */
struct ipc_registry_entry *ipc_registry_next(uint64_t after_id);

/* The live entry with this id, or NULL. */
struct ipc_registry_entry *ipc_registry_find(uint64_t id);

/* The entry of `object`, or NULL if it is not registered. */
struct ipc_registry_entry *ipc_registry_of(const struct ipc_object *object);

/* Live objects of `kind` (IPC_OBJECT_ANY: all of them). */
uint64_t ipc_registry_count(enum ipc_object_kind kind);

/* Record that depth just changed to `depth`, keeping max_depth. */
static inline void ipc_counters_depth(struct ipc_counters *counters, uint32_t depth)
{
    counters->depth = depth;
    if (depth > counters->max_depth)
        counters->max_depth = depth;
}

#endif
