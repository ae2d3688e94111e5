/*
 * shm.h - shared-memory regions: zeroed frames that processes holding a
 * capability map into their address spaces, read-only (IPC_RIGHT_MAP) or
 * read-write (IPC_RIGHT_MAP | IPC_RIGHT_WRITE).
 *
 * Layer: native IPC, on ipc_mapping.c. A region's capabilities travel in
 * port messages like any other; shm_transfer *moves* one: the message
 * carries a copy and the sender's capability goes, and with it (see
 * ipc_mapping.h) every mapping the sender made through it. That is the
 * zero-copy hand-off of a large buffer: the bytes never move, only the
 * right to reach them.
 *
 * Lifetime: the region lives while a capability names it; each mapping
 * holds its own share of the frames, so the pages stay valid under a
 * mapping until the mapping goes (it goes with its capability).
 * Locking: the IPC lock.
 */
#ifndef FREEPORT_IPC_SHM_H
#define FREEPORT_IPC_SHM_H

#include <stdint.h>
#include "ipc/object.h"
#include "ipc/quota.h"
#include "ipc/registry.h"

struct capability;
struct ipc_process;

struct shm_region {
    struct ipc_object object; /* IPC_OBJECT_MEMORY_REGION */
    uint64_t size;            /* bytes, whole pages */
    uint64_t *frames;         /* size / PAGE_SIZE of them */
    struct ipc_quota_charge charge;
    struct ipc_registry_entry registry;
};

/* A region of `size` bytes (rounded up to pages), zeroed, charged to
 * `creator`, holding one reference for the caller. -IPC_ERR_INVALID_ARGUMENT
 * (0), -IPC_ERR_QUOTA, -IPC_ERR_NO_MEMORY. */
int shm_create(struct ipc_process *creator, uint64_t size, struct shm_region **region);

/* Map the region `capability` names into its owner, writable if the
 * capability has IPC_RIGHT_WRITE; *address is where. */
int shm_map(struct ipc_process *owner, struct capability *capability, uintptr_t *address);

#endif
