/*
 * sys_cap.c - the capability system calls: close, derive, revoke, info.
 *
 * Layer: native IPC (system-call side, see syscalls.h), on cap_table.c.
 * A refused token is counted in the process's table (cap_table.c) and in
 * the totals (ipc_checked).
 */
#include "ipc/cap_table.h"
#include "ipc/cap_token.h"
#include "ipc/sys_hand_out.h"
#include "ipc/sys_user.h"
#include "ipc/syscalls.h"

long sys_cap_close(uint64_t token)
{
    struct ipc_process *self = ipc_caller();

    if (!self)
        return -IPC_ERR_NO_MEMORY;
    return ipc_checked(self, cap_close(&self->capabilities, token));
}

long sys_cap_derive(uint64_t token, uint32_t rights, uint64_t *user_new_token)
{
    struct ipc_process *self = ipc_caller();
    uint64_t new_token;
    int error;

    if (!self)
        return -IPC_ERR_NO_MEMORY;
    if (rights & ~IPC_RIGHTS_ALL)
        return -IPC_ERR_INVALID_ARGUMENT;
    error = ipc_checked(self, cap_derive(&self->capabilities, token, (uint16_t)rights, &new_token));
    return error ? error : ipc_hand_out_token(self, new_token, user_new_token);
}

long sys_cap_revoke(uint64_t token)
{
    struct ipc_process *self = ipc_caller();

    if (!self)
        return -IPC_ERR_NO_MEMORY;
    return ipc_checked(self, cap_revoke(&self->capabilities, token));
}

long sys_cap_info(uint64_t token, struct ipc_cap_info *user_info)
{
    struct ipc_process *self = ipc_caller();
    struct ipc_registry_entry *entry;
    struct ipc_object *object;
    struct ipc_cap_info info;
    int error;

    if (!self)
        return -IPC_ERR_NO_MEMORY;
    error = ipc_checked(self, cap_lookup(&self->capabilities, token, 0, IPC_OBJECT_ANY, &object));
    if (error)
        return error;
    entry = ipc_registry_of(object);
    info = (struct ipc_cap_info){
        .kind = object->type->kind,
        .rights = cap_token_rights(token),
        .object_id = entry ? entry->id : 0,
    };
    return ipc_copy_out(user_info, &info, sizeof(info));
}
