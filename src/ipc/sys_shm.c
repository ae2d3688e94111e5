/*
 * sys_shm.c - shm_create, shm_map, shm_unmap, shm_transfer.
 *
 * Layer: native IPC (system-call side), on shm.c and ipc_mapping.c.
 * Rights: MAP to map, MAP | WRITE to map writable; the creator's
 * capability has MAP | WRITE | GRANT | REVOKE, and cap_derive makes a
 * MAP-only copy to share a region read-only.
 */
#include "ipc/shm.h"
#include "ipc/cap_table.h"
#include "ipc/ipc_mapping.h"
#include "ipc/ipc_wait.h"
#include "ipc/port.h"
#include "ipc/sys_hand_out.h"
#include "ipc/sys_user.h"
#include "ipc/syscalls.h"

#define REGION_RIGHTS (IPC_RIGHT_MAP | IPC_RIGHT_WRITE | IPC_RIGHT_GRANT | IPC_RIGHT_REVOKE)

long sys_shm_create(uint64_t size, uint64_t *user_token)
{
    struct ipc_process *self = ipc_caller();
    struct shm_region *region;
    int error;

    if (!self)
        return -IPC_ERR_NO_MEMORY;
    error = shm_create(self, size, &region);
    if (error)
        return error;
    return ipc_hand_out(self, &region->object, REGION_RIGHTS, user_token, NULL);
}

long sys_shm_map(uint64_t token, uint64_t *user_address)
{
    struct ipc_process *self = ipc_caller();
    struct capability *capability;
    uintptr_t address;
    int error;

    if (!self)
        return -IPC_ERR_NO_MEMORY;
    error = ipc_checked(self, cap_lookup_capability(&self->capabilities, token, IPC_RIGHT_MAP,
                                                    IPC_OBJECT_MEMORY_REGION, &capability));
    if (!error)
        error = shm_map(self, capability, &address);
    if (error)
        return error;
    error = ipc_copy_out(user_address, &address, sizeof(address));
    if (error)
        ipc_mapping_remove_at(self, address, IPC_OBJECT_MEMORY_REGION);
    return error;
}

long sys_shm_unmap(uint64_t address)
{
    struct ipc_process *self = ipc_caller();

    if (!self)
        return -IPC_ERR_NO_MEMORY;
    return ipc_mapping_remove_at(self, address, IPC_OBJECT_MEMORY_REGION);
}

/* Send the region's capability (a derived copy, in flight) to the port,
 * then close the caller's: the move is the send plus the close, and the
 * close takes the caller's mappings through it (ipc_mapping.h). If the
 * send fails nothing changes. */
long sys_shm_transfer(uint64_t token, uint64_t port_token, uint32_t type)
{
    struct ipc_process *self = ipc_caller();
    struct ipc_object *region, *port;
    struct ipc_send_args args = {.header = {.type = type, .cap_count = 1, .caps = {token}}};
    int error;

    if (!self)
        return -IPC_ERR_NO_MEMORY;
    error = ipc_checked(
        self, cap_lookup(&self->capabilities, token, IPC_RIGHT_GRANT, IPC_OBJECT_MEMORY_REGION, &region));
    if (!error)
        error = ipc_checked(
            self, cap_lookup(&self->capabilities, port_token, IPC_RIGHT_SEND, IPC_OBJECT_PORT, &port));
    if (!error)
        error =
            port_send_args(port_of(port), &args, &self->capabilities, 0, 0, ipc_deadline(IPC_TIMEOUT_NONE));
    if (!error)
        error = cap_close(&self->capabilities, token);
    return error;
}
