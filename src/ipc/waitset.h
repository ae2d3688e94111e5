/*
 * waitset.h - wait sets: sleeping until any of several IPC objects (ports,
 * channel ends) is ready, and ipc_object_notify(), which objects call when
 * they may have become ready.
 *
 * Layer: native IPC. Level-triggered: a waiter asks each object's poll()
 * what is true now, and sleeps only when nothing it wants is; objects call
 * ipc_object_notify() on every change, which wakes the sets watching them
 * to ask again. Before asking, the waiter calls the object's arm() so that
 * a change made without the kernel (a push into a channel ring) still
 * reaches ipc_object_notify.
 *
 * Two users: the wait sets user space holds (an IPC object of kind
 * IPC_OBJECT_WAITSET, created by waitset_create), and kernel code waiting
 * on a list of objects without any set user space can see
 * (ipc_wait_objects: POSIX poll and select will be built on it).
 *
 * Entries hold no reference to their object: when an object is released
 * it unlinks itself from its entries (object.h), and the set frees such
 * entries the next time it looks. A set's entries are all freed with it.
 * Invariants: an entry is on its set's list; while its `watching` link is
 * linked, the entry is on its object's watchers list and the object lives.
 * Locking: the IPC lock; sleeps follow ipc_wait.h (interrupts off from the
 * polls to the sleep).
 */
#ifndef FREEPORT_IPC_WAITSET_H
#define FREEPORT_IPC_WAITSET_H

#include <stddef.h>
#include <stdint.h>
#include "ipc/object.h"
#include "lib/list.h"
#include "proc/waitqueue.h"
#include "uapi/freeport/ipc.h"

struct waitset {
    struct ipc_object object; /* a set user space holds; unused by a kernel waiter's own */
    struct list_node entries; /* struct waitset_entry, through in_set */
    uint32_t entry_count;
    struct wait_queue sleepers; /* threads in waitset_wait */
};

struct waitset_entry {
    struct waitset *set;
    struct ipc_object *object; /* valid while `watching` is linked */
    uint32_t events;           /* IPC_EVENT_* wanted */
    uint64_t cookie;
    struct list_node in_set;
    struct list_node watching; /* on object->watchers */
};

static inline struct waitset *waitset_of(struct ipc_object *object)
{
    return (struct waitset *)((char *)object - offsetof(struct waitset, object));
}

/* A set user space will hold, with one reference for the caller. */
int waitset_create(struct waitset **set);

/* Watch `object` for `events` (READABLE, WRITABLE, PEER_CLOSED; at least
 * one). An object already in the set gets the new events and cookie.
 * -IPC_ERR_INVALID_ARGUMENT (no events, or unknown ones), -IPC_ERR_QUOTA
 * beyond IPC_WAITSET_MAX_ENTRIES, -IPC_ERR_NO_MEMORY. */
int waitset_add(struct waitset *set, struct ipc_object *object, uint32_t events, uint64_t cookie);

/* Stop watching it: -IPC_ERR_INVALID_ARGUMENT if it was not watched. */
int waitset_remove(struct waitset *set, struct ipc_object *object);

/* Fill up to `max` (>= 1) ready entries and return how many, sleeping
 * until at least one is ready: -IPC_ERR_TIMEOUT at the deadline,
 * -IPC_ERR_INTERRUPTED for a signal. Entries reported go to the back of
 * the list, so a busy object cannot hide the others. The caller keeps the
 * set alive for the whole call. */
int waitset_wait(struct waitset *set, struct ipc_ready *ready, uint32_t max, uint64_t deadline);

/* For kernel callers: wait until one of `count` distinct objects (each
 * kept alive by the caller) has one of its events. On return ready[i] holds object
 * i's events that are true; the result is how many objects are ready, or
 * -IPC_ERR_TIMEOUT, -IPC_ERR_INTERRUPTED, -IPC_ERR_NO_MEMORY,
 * -IPC_ERR_INVALID_ARGUMENT (more than IPC_WAITSET_MAX_ENTRIES). */
int ipc_wait_objects(struct ipc_object *const *objects, const uint32_t *events, uint32_t *ready,
                     uint32_t count, uint64_t deadline);

/* Live sets and entries (for the counters). */
extern uint64_t waitset_count, waitset_entry_count;

#endif
