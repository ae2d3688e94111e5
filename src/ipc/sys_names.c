/*
 * sys_names.c - the name service's system calls: bind, lookup, unbind.
 *
 * Layer: native IPC (system-call side, see syscalls.h), on names.c. A name
 * is passed as (address, length): 1 to IPC_NAME_MAX bytes, any bytes,
 * compared exactly (so "a" and "a\0" differ).
 */
#include "ipc/names.h"
#include "ipc/sys_hand_out.h"
#include "ipc/sys_user.h"
#include "ipc/syscalls.h"

/* Copy a name in: -IPC_ERR_INVALID_ARGUMENT if empty, -IPC_ERR_TOO_LARGE
 * beyond IPC_NAME_MAX, -IPC_ERR_FAULT. */
static int name_in(char name[IPC_NAME_MAX], const char *user_name, size_t length)
{
    if (length == 0)
        return -IPC_ERR_INVALID_ARGUMENT;
    if (length > IPC_NAME_MAX)
        return -IPC_ERR_TOO_LARGE;
    return ipc_copy_in(name, user_name, length);
}

long sys_ns_bind(const char *user_name, size_t length, uint64_t token, uint32_t rights)
{
    struct ipc_process *self = ipc_caller();
    char name[IPC_NAME_MAX];
    int error;

    if (!self)
        return -IPC_ERR_NO_MEMORY;
    if (rights & ~IPC_RIGHTS_ALL)
        return -IPC_ERR_INVALID_ARGUMENT;
    error = name_in(name, user_name, length);
    if (error)
        return error;
    return ipc_checked(self, names_bind(self, name, length, token, (uint16_t)rights));
}

long sys_ns_lookup(const char *user_name, size_t length, uint64_t *user_token)
{
    struct ipc_process *self = ipc_caller();
    char name[IPC_NAME_MAX];
    uint64_t token;
    int error;

    if (!self)
        return -IPC_ERR_NO_MEMORY;
    error = name_in(name, user_name, length);
    if (!error)
        error = names_lookup(self, name, length, &token);
    return error ? error : ipc_hand_out_token(self, token, user_token);
}

long sys_ns_unbind(const char *user_name, size_t length)
{
    struct ipc_process *self = ipc_caller();
    char name[IPC_NAME_MAX];
    int error;

    if (!self)
        return -IPC_ERR_NO_MEMORY;
    error = name_in(name, user_name, length);
    return error ? error : names_unbind(self, name, length);
}
