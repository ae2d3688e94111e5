/*
 * object.h - the header every IPC kernel object starts with: its kind and
 * a reference count.
 *
 * Layer: native IPC (pure). Ports, channel ends, memory regions and
 * broadcast endpoints embed a struct ipc_object and point it at their
 * kind's struct ipc_object_type, whose release() frees the object.
 *
 * Invariants:
 *   - references counts the capabilities naming the object (in a table, in
 *     a queued message, or bound to a name) plus the kernel's own holders
 *     (the creator until it drops its reference, a thread blocked on it);
 *   - release() runs exactly once, when the count drops to zero, and is
 *     the last thing that touches the object; nothing may take a reference
 *     to an object whose count is zero;
 *   - wait-set entries on `watchers` hold no reference: the object is
 *     unlinked from them just before release();
 *   - receive_holders counts the capabilities carrying IPC_RIGHT_RECEIVE
 *     (cap_table.c keeps it); receivers_gone() runs each time it drops to
 *     zero, while the last such capability still holds its reference.
 * Locking: the caller holds the IPC lock.
 */
#ifndef FREEPORT_IPC_OBJECT_H
#define FREEPORT_IPC_OBJECT_H

#include <stdint.h>
#include "lib/list.h"

enum ipc_object_kind {
    IPC_OBJECT_ANY = 0, /* only as a lookup argument: any kind will do */
    IPC_OBJECT_PORT,
    IPC_OBJECT_CHANNEL_END,
    IPC_OBJECT_MEMORY_REGION,
    IPC_OBJECT_BROADCAST,
    IPC_OBJECT_WAITSET,
    IPC_OBJECT_STREAM,      /* a byte stream (stream.h): pipes and FIFOs, later stream sockets */
    IPC_OBJECT_FILE_EVENT,  /* a terminal's or device's readiness, for poll (file_event.h) */
    IPC_OBJECT_FREEWORLD,   /* an opening of a FreeWorld channel (freeworld.h): what an id names */
    IPC_OBJECT_FILE_RIGHTS, /* descriptors in flight in a socket message (posix/file_rights.h) */
};

struct ipc_object;

/* One per kind, constant: what the capability layer knows of an object. */
struct ipc_object_type {
    enum ipc_object_kind kind;
    void (*release)(struct ipc_object *object); /* the last reference is gone: free it */
    /* The IPC_EVENT_* bits (uapi ipc.h) true of the object now: wait sets
     * and, above them, POSIX poll ask this. NULL: never ready. */
    uint32_t (*poll)(struct ipc_object *object);
    /* A waiter is about to ask poll() and sleep until `events`: make sure
     * whoever makes them true calls ipc_object_notify. Only objects whose
     * changes can bypass the kernel need it (a channel end raises its
     * rings' wake-up flags, so the peer's library enters the kernel).
     * NULL: the object always notifies. */
    void (*arm)(struct ipc_object *object, uint32_t events);
    /* The last capability with IPC_RIGHT_RECEIVE is gone (closed, revoked,
     * discarded): nobody can receive from the object any more, so a port
     * fails its senders with IPC_ERR_PEER_CLOSED. NULL: the kind does not
     * care. It may release other capabilities (cap_discard). */
    void (*receivers_gone)(struct ipc_object *object);
};

struct ipc_object {
    const struct ipc_object_type *type;
    uint32_t references;
    uint32_t receive_holders;  /* capabilities with IPC_RIGHT_RECEIVE */
    struct list_node watchers; /* wait-set entries watching this object (waitset.c) */
};

/* A new object holds one reference, its creator's. */
static inline void ipc_object_init(struct ipc_object *object, const struct ipc_object_type *type)
{
    object->type = type;
    object->references = 1;
    object->receive_holders = 0;
    list_init(&object->watchers);
}

/* Tell the object's watchers that `events` may have become true (a message
 * arrived, room was made, the peer closed). Every object calls this on each
 * such change; the wait sets re-check with type->poll. In waitset.c. */
void ipc_object_notify(struct ipc_object *object, uint32_t events);

static inline void ipc_object_get(struct ipc_object *object)
{
    object->references++;
}

/* The object is going: unlink it from every wait-set entry watching it.
 * An entry whose link is empty knows its object is gone and never touches
 * it again; its set frees it (waitset.c). */
static inline void ipc_object_unlink_watchers(struct ipc_object *object)
{
    while (!list_empty(&object->watchers))
        list_remove(object->watchers.next);
}

static inline void ipc_object_put(struct ipc_object *object)
{
    if (--object->references == 0) {
        ipc_object_unlink_watchers(object);
        object->type->release(object);
    }
}

#endif
