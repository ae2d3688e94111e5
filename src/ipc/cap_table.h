/*
 * cap_table.h - capabilities: a process's table of slots, the derivation
 * tree that links every copy of a capability, and moving capabilities
 * between tables inside messages.
 *
 * Layer: native IPC (pure: no processes or hardware; host unit-tested by
 * tests/unit/test_cap_table.c). Allocates nodes and slot arrays with
 * kmalloc.
 *
 * A struct capability (a node) is one holder's right to one object. It
 * lives in exactly one place: a slot of some table (user space names it by
 * token), or "in flight" - attached to a queued message or bound to a name,
 * table == NULL. Nodes form trees: a node derived from another is its child,
 * whatever tables the two are in, so a revoke reaches every copy.
 *
 * Invariants:
 *   - slots[0] is never used; a free slot has object == NULL and is on the
 *     free list; a slot's generation is never 0 and changes every time the
 *     slot is freed, so tokens naming the old occupant fail;
 *   - a used slot's object, kind and rights mirror its node's (the slot is
 *     what cap_lookup reads), and node->table/node->slot point back at it;
 *   - a child's rights are a subset of its parent's, and both name the
 *     same object; every node holds one reference to its object (none once
 *     revoked in flight: object == NULL), and one count in the object's
 *     receive_holders if it carries IPC_RIGHT_RECEIVE (the last one to go
 *     calls the object's receivers_gone, see object.h);
 *   - used + reserved <= capacity: slots reserved by cap_transfer_prepare
 *     are kept for cap_transfer_commit, which therefore cannot fail.
 * Closing a node keeps what was derived from it: its children move up to
 * its parent (Zircon-like: handles are independent), so a revoke higher up
 * still reaches them.
 * Locking: the caller holds the IPC lock; one lock covers every table
 * because revoke and transfer cross tables.
 */
#ifndef FREEPORT_IPC_CAP_TABLE_H
#define FREEPORT_IPC_CAP_TABLE_H

#include <stdint.h>
#include "ipc/object.h"
#include "lib/list.h"
#include "uapi/freeport/ipc.h"

struct cap_table;

struct capability {
    struct ipc_object *object; /* NULL once revoked while in flight */
    uint16_t rights;
    struct cap_table *table; /* the holding table, or NULL in flight */
    uint32_t slot;
    struct capability *parent; /* derived from, or NULL for a root */
    struct list_node children; /* derived from this one */
    struct list_node sibling;  /* in parent->children */
};

struct cap_slot {
    struct ipc_object *object; /* NULL while free */
    uint16_t rights;
    uint16_t generation;
    uint8_t kind;       /* enum ipc_object_kind */
    uint32_t next_free; /* free-list link while free; 0 ends it */
    struct capability *node;
};

/* What the layer that owns a table wants to hear; either may be NULL.
 * refused: a token was refused (the error, before it is returned);
 * closed: a slot's capability is leaving the table (closed, revoked, or
 * the table destroyed), before the node is freed. Neither may change the
 * table. */
struct cap_table_observer {
    void (*refused)(struct cap_table *table, uint64_t token, int error);
    void (*closed)(struct cap_table *table, struct capability *node);
};

struct cap_table {
    const struct cap_table_observer *observer; /* NULL: nobody listens */
    struct cap_slot *slots;                    /* capacity + 1 of them */
    uint32_t capacity;                         /* usable slots: the process's quota */
    uint32_t used;
    uint32_t reserved;           /* set aside by cap_transfer_prepare */
    uint32_t free_head;          /* first free slot, 0 if none */
    uint64_t refused_invalid;    /* tokens refused as forged, stale or of the wrong kind */
    uint64_t refused_permission; /* operations refused for a missing right */
};

/* An empty table of `capacity` slots (1 to UINT32_MAX - 1, as slot 0 is
 * never used): -IPC_ERR_INVALID_ARGUMENT otherwise, or -IPC_ERR_NO_MEMORY. */
int cap_table_init(struct cap_table *table, uint32_t capacity);

/* Close every capability (process exit) and free the slots. */
void cap_table_destroy(struct cap_table *table);

/* A root capability to `object` (the creator's, derived from nothing);
 * takes its own reference to the object. */
int cap_create(struct cap_table *table, struct ipc_object *object, uint16_t rights, uint64_t *token);

/* Check `token` against its slot: -IPC_ERR_INVALID_CAP if it names no live
 * slot, a stale generation, other rights than the slot's (forged), or an
 * object of another kind (unless IPC_OBJECT_ANY); -IPC_ERR_PERMISSION if a
 * required right is missing. The object pointer stays valid while the
 * capability does: take ipc_object_get() before sleeping. */
int cap_lookup(struct cap_table *table, uint64_t token, uint16_t required_rights, enum ipc_object_kind kind,
               struct ipc_object **object);

/* As cap_lookup, but the capability itself: for state kept per capability
 * (a mapping made through it goes when it goes). Valid while it is. */
int cap_lookup_capability(struct cap_table *table, uint64_t token, uint16_t required_rights,
                          enum ipc_object_kind kind, struct capability **capability);

/* A copy in the same table with `rights`, which must be a subset of the
 * source's (-IPC_ERR_PERMISSION otherwise); needs no particular right. */
int cap_derive(struct cap_table *table, uint64_t token, uint16_t rights, uint64_t *new_token);

/* A copy of `source` (any node: one bound to a name, say) with `rights`,
 * a subset of its own (-IPC_ERR_PERMISSION otherwise), into `table`:
 * -IPC_ERR_INVALID_CAP if `source` was revoked, -IPC_ERR_QUOTA. */
int cap_install_derived(struct cap_table *table, struct capability *source, uint16_t rights, uint64_t *token);

/* Capability nodes alive, in every table, message and name (statistics:
 * back to its old value once the processes that made them are gone). */
uint64_t cap_count_live(void);

/* Free the slot. What was derived from it stays, re-parented. */
int cap_close(struct cap_table *table, uint64_t token);

/* Invalidate every capability derived from `token`, directly or not, in
 * any table or in flight; `token` itself stays. Needs IPC_RIGHT_REVOKE. */
int cap_revoke(struct cap_table *table, uint64_t token);

/* Sending: for each of `count` tokens (each needing IPC_RIGHT_GRANT), a
 * derived copy with the same rights, in flight. All or none: on error
 * nothing was created. */
int cap_grant(struct cap_table *table, const uint64_t *tokens, uint32_t count, struct capability **in_flight);

/* A root capability to `object` with `rights`, made in flight (no
 * table): for the kernel's own messages (a socket's SCM_RIGHTS, see
 * posix/file_rights.h). Takes its own reference to the object.
 * -IPC_ERR_INVALID_ARGUMENT for unknown rights, -IPC_ERR_NO_MEMORY. */
int cap_create_in_flight(struct ipc_object *object, uint16_t rights, struct capability **in_flight);

/* Release an in-flight capability that will not be delivered. */
void cap_discard(struct capability *in_flight);

/* Receiving, in two steps so a message delivers all its capabilities or
 * none: prepare reserves `count` slots (-IPC_ERR_QUOTA if the table lacks
 * them); then either cancel gives them back, or commit installs the nodes
 * and writes their tokens (IPC_CAP_NONE for one revoked in flight). */
int cap_transfer_prepare(struct cap_table *table, uint32_t count);
void cap_transfer_cancel(struct cap_table *table, uint32_t count);
void cap_transfer_commit(struct cap_table *table, struct capability **in_flight, uint32_t count,
                         uint64_t *tokens);

#endif
