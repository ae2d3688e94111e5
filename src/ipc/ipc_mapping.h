/*
 * ipc_mapping.h - an IPC object's frames mapped into a process: a channel
 * end's two rings, a shared-memory region.
 *
 * Layer: native IPC, on the processes layer's shared regions
 * (user_memory_map_shared). A mapping is made through one capability and
 * lives no longer than it: when that capability leaves its table (closed,
 * revoked, moved away, or the process exits) the mapping is removed from
 * the address space (ipc_mapping_capability_closed, called by the table's
 * observer). So a process can reach an object's memory exactly while it
 * holds a capability to it.
 *
 * The frames are the object's; a mapping takes one more owner of each
 * (frame_share) and the address space gives it back when the pages go,
 * whichever of object and mappings goes last.
 *
 * Invariants: each mapping is on its process's `mappings` list and names a
 * capability in that process's table; its shared_id is unique since boot,
 * so after munmap or execve replaced the pages, removing the mapping
 * touches nothing it does not own.
 * Locking: the caller holds the IPC lock.
 */
#ifndef FREEPORT_IPC_IPC_MAPPING_H
#define FREEPORT_IPC_IPC_MAPPING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "ipc/object.h"
#include "lib/list.h"

struct capability;
struct ipc_process;

#define IPC_MAPPINGS_PER_PROCESS 64

/* Frames to map one after the other. */
struct ipc_frame_run {
    const uint64_t *frames;
    size_t count;
};

struct ipc_mapping {
    struct capability *capability; /* made through it */
    uint64_t shared_id;            /* its regions' tag in user_memory */
    uintptr_t address;
    uint64_t length;
    struct list_node link; /* in the process's mappings */
};

/* Map the runs, in order, at a free address of the process's space,
 * read-write if `writable`; *address is where. -IPC_ERR_QUOTA beyond
 * IPC_MAPPINGS_PER_PROCESS, -IPC_ERR_NO_MEMORY. */
int ipc_mapping_create(struct ipc_process *owner, struct capability *capability,
                       const struct ipc_frame_run *runs, size_t run_count, bool writable, uintptr_t *address);

/* Remove the mapping of a `kind` object that starts at `address`:
 * -IPC_ERR_INVALID_ARGUMENT if there is none. */
int ipc_mapping_remove_at(struct ipc_process *owner, uintptr_t address, enum ipc_object_kind kind);

/* The capability is leaving the owner's table: remove what it mapped. */
void ipc_mapping_capability_closed(struct ipc_process *owner, struct capability *capability);

/* Mappings in all processes (for the counters). */
uint64_t ipc_mapping_count(void);

#endif
