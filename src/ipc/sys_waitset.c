/*
 * sys_waitset.c - waitset_create, waitset_add, waitset_remove,
 * waitset_wait.
 *
 * Layer: native IPC (system-call side), on waitset.c. Rights: the set's
 * SEND to change it, RECEIVE to wait on it; watching an object for
 * READABLE needs RECEIVE on it, for WRITABLE SEND (PEER_CLOSED needs
 * nothing more). Ports and channel ends can be watched.
 */
#include "ipc/waitset.h"
#include "ipc/cap_table.h"
#include "ipc/ipc_wait.h"
#include "ipc/sys_hand_out.h"
#include "ipc/sys_user.h"
#include "ipc/syscalls.h"

#define WAITSET_RIGHTS (IPC_RIGHT_SEND | IPC_RIGHT_RECEIVE | IPC_RIGHT_GRANT)

long sys_waitset_create(uint64_t *user_token)
{
    struct ipc_process *self = ipc_caller();
    struct waitset *set;
    int error;

    if (!self)
        return -IPC_ERR_NO_MEMORY;
    error = waitset_create(&set);
    if (error)
        return error;
    return ipc_hand_out(self, &set->object, WAITSET_RIGHTS, user_token, NULL);
}

static int lookup_set(struct ipc_process *self, uint64_t token, uint16_t rights, struct waitset **set)
{
    struct ipc_object *object;
    int error;

    if (!self)
        return -IPC_ERR_NO_MEMORY;
    error = ipc_checked(self, cap_lookup(&self->capabilities, token, rights, IPC_OBJECT_WAITSET, &object));
    if (!error)
        *set = waitset_of(object);
    return error;
}

/* The object to watch for `events`, with the rights they need. */
static int lookup_watched(struct ipc_process *self, uint64_t token, uint32_t events,
                          struct ipc_object **object)
{
    uint16_t rights = (events & IPC_EVENT_READABLE ? IPC_RIGHT_RECEIVE : 0) |
                      (events & IPC_EVENT_WRITABLE ? IPC_RIGHT_SEND : 0);
    int error = ipc_checked(self, cap_lookup(&self->capabilities, token, rights, IPC_OBJECT_ANY, object));

    if (error)
        return error;
    if ((*object)->type->kind != IPC_OBJECT_PORT && (*object)->type->kind != IPC_OBJECT_CHANNEL_END)
        return -IPC_ERR_INVALID_ARGUMENT;
    return IPC_OK;
}

long sys_waitset_add(uint64_t set_token, uint64_t token, uint32_t events, uint64_t cookie)
{
    struct ipc_process *self = ipc_caller();
    struct ipc_object *object;
    struct waitset *set;
    int error = lookup_set(self, set_token, IPC_RIGHT_SEND, &set);

    if (!error)
        error = lookup_watched(self, token, events, &object);
    return error ? error : waitset_add(set, object, events, cookie);
}

long sys_waitset_remove(uint64_t set_token, uint64_t token)
{
    struct ipc_process *self = ipc_caller();
    struct ipc_object *object;
    struct waitset *set;
    int error = lookup_set(self, set_token, IPC_RIGHT_SEND, &set);

    if (!error)
        error = ipc_checked(self, cap_lookup(&self->capabilities, token, 0, IPC_OBJECT_ANY, &object));
    return error ? error : waitset_remove(set, object);
}

long sys_waitset_wait(uint64_t set_token, struct ipc_ready *user_ready, uint32_t max, uint64_t timeout)
{
    struct ipc_ready ready[IPC_WAITSET_MAX_ENTRIES];
    struct waitset *set;
    int result = lookup_set(ipc_caller(), set_token, IPC_RIGHT_RECEIVE, &set);

    if (result)
        return result;
    if (max == 0)
        return -IPC_ERR_INVALID_ARGUMENT;
    if (max > IPC_WAITSET_MAX_ENTRIES)
        max = IPC_WAITSET_MAX_ENTRIES;
    ipc_object_get(&set->object); /* kept while we sleep, whatever happens to the token */
    result = waitset_wait(set, ready, max, ipc_deadline(timeout));
    ipc_object_put(&set->object);
    if (result > 0) {
        int error = ipc_copy_out(user_ready, ready, (size_t)result * sizeof(ready[0]));
        if (error)
            return error;
    }
    return result;
}
