/*
 * channel.h - channels: two endpoint objects joined by two rings (one per
 * direction) in frames that both ends' processes map, so that records flow
 * between them without entering the kernel.
 *
 * Layer: native IPC, on ring.c (the record format and the wake-up
 * protocol), ipc_mapping.c and the wait queues. The kernel never reads a
 * ring's data: it keeps a view of each control block (ring_attach_control)
 * to sleep by the futex rule, to answer poll() and to raise the closed
 * flag. Everything it reads there is validated by ring.c or used only as
 * an opaque counter.
 *
 *   end 0 --rings[0]--> end 1        end e sends on rings[e]
 *   end 0 <--rings[1]-- end 1        and receives on rings[1 - e]
 *
 * Lifetime: each end is an object with its own references (capabilities,
 * sleeping threads). When one end is released, both rings get the closed
 * flag and every sleeper and watcher of the other end is woken: it reads
 * what is left, then sees IPC_ERR_PEER_CLOSED. The channel (frames, quota
 * charge) goes with its second end; frames still mapped somewhere are
 * freed by the last address space to let go (frame_release).
 * Locking: the IPC lock; sleeps follow ipc_wait.h.
 */
#ifndef FREEPORT_IPC_CHANNEL_H
#define FREEPORT_IPC_CHANNEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "ipc/object.h"
#include "ipc/quota.h"
#include "ipc/registry.h"
#include "ipc/ring.h"
#include "proc/waitqueue.h"
#include "uapi/freeport/ipc.h"

struct capability;
struct ipc_process;

struct channel_ring {
    uint64_t *frames;            /* [0]: the control block; then the data area, page by page */
    struct ring view;            /* the kernel's: control block only */
    struct wait_queue consumers; /* threads waiting for records */
    struct wait_queue producers; /* threads waiting for room */
};

struct channel_end {
    struct ipc_object object; /* IPC_OBJECT_CHANNEL_END */
    struct channel *channel;
    unsigned side; /* 0 or 1 */
    bool released;
    struct ipc_registry_entry registry;
};

struct channel {
    struct channel_end ends[2];
    struct channel_ring rings[2];
    uint64_t capacity;   /* of each ring's data area */
    uint64_t ring_pages; /* control block + data pages */
    struct ipc_quota_charge charge;
};

static inline struct channel_end *channel_end_of(struct ipc_object *object)
{
    return (struct channel_end *)((char *)object - offsetof(struct channel_end, object));
}

/* A channel with rings of `capacity` bytes (rounded up to a power of two,
 * at least IPC_CHANNEL_MIN_CAPACITY), charged to `creator`: two ends, each
 * holding one reference for the caller. -IPC_ERR_INVALID_ARGUMENT (0),
 * -IPC_ERR_TOO_LARGE (beyond IPC_CHANNEL_MAX_CAPACITY), -IPC_ERR_QUOTA,
 * -IPC_ERR_NO_MEMORY. */
int channel_create(struct ipc_process *creator, uint64_t capacity, struct channel_end *ends[2]);

/* Map the end that `capability` names into its owner: send ring, then
 * receive ring, each a control page and the data pages. */
int channel_map(struct ipc_process *owner, struct capability *capability, struct ipc_channel_map *map);

/* Sleep until the direction's event counter differs from `expected` (0),
 * the peer is gone (-IPC_ERR_PEER_CLOSED), the deadline passes
 * (-IPC_ERR_TIMEOUT) or a signal comes (-IPC_ERR_INTERRUPTED). The caller
 * holds a reference to `end` for the whole call. */
int channel_wait(struct channel_end *end, uint32_t direction, uint32_t expected, uint64_t deadline);

/* Wake the peer's sleepers and watchers for `direction`. */
void channel_wake(struct channel_end *end, uint32_t direction);

/* Since boot: channel_wait and channel_wake calls (the slow path). */
extern uint64_t channel_waits, channel_wakes;

#endif
