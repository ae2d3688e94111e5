/*
 * sys_channel.c - channel_create, channel_map, channel_wait, channel_wake.
 *
 * Layer: native IPC (system-call side, see syscalls.h), on channel.c.
 * These are the slow path only: sending and receiving happen in user
 * space on the mapped rings (userland/libc/ipc_channel.c), which call
 * channel_wait to sleep on an empty or full ring and channel_wake when
 * ring.c says the other side sleeps. Refused tokens are counted and
 * traced (ipc_checked).
 */
#include "ipc/channel.h"
#include "ipc/cap_table.h"
#include "ipc/ipc_mapping.h"
#include "ipc/ipc_wait.h"
#include "ipc/sys_hand_out.h"
#include "ipc/sys_user.h"
#include "ipc/syscalls.h"

#define CHANNEL_END_RIGHTS (IPC_RIGHT_SEND | IPC_RIGHT_RECEIVE | IPC_RIGHT_GRANT | IPC_RIGHT_MAP)

long sys_channel_create(uint64_t capacity, uint64_t *user_tokens)
{
    struct ipc_process *self = ipc_caller();
    struct channel_end *ends[2];
    uint64_t first;
    int error;

    if (!self)
        return -IPC_ERR_NO_MEMORY;
    error = channel_create(self, capacity, ends);
    if (error)
        return error;
    error = ipc_hand_out(self, &ends[0]->object, CHANNEL_END_RIGHTS, &user_tokens[0], &first);
    if (error) {
        ipc_object_put(&ends[1]->object);
        return error;
    }
    error = ipc_hand_out(self, &ends[1]->object, CHANNEL_END_RIGHTS, &user_tokens[1], NULL);
    if (error)
        cap_close(&self->capabilities, first);
    return error;
}

long sys_channel_map(uint64_t token, struct ipc_channel_map *user_map)
{
    struct ipc_process *self = ipc_caller();
    struct capability *capability;
    struct ipc_channel_map map;
    int error;

    if (!self)
        return -IPC_ERR_NO_MEMORY;
    error = ipc_checked(self, cap_lookup_capability(&self->capabilities, token, IPC_RIGHT_MAP,
                                                    IPC_OBJECT_CHANNEL_END, &capability));
    if (!error)
        error = channel_map(self, capability, &map);
    if (error)
        return error;
    error = ipc_copy_out(user_map, &map, sizeof(map));
    if (error)
        ipc_mapping_remove_at(self, map.send_control, IPC_OBJECT_CHANNEL_END);
    return error;
}

/* The end `token` names, referenced (channel_end_put when done): any
 * rights will do, since mapping the rings already gave the holder all. */
static int channel_end_get(uint64_t token, uint32_t direction, struct channel_end **end)
{
    struct ipc_process *self = ipc_caller();
    struct ipc_object *object;
    int error;

    if (!self)
        return -IPC_ERR_NO_MEMORY;
    if (direction != IPC_CHANNEL_DATA && direction != IPC_CHANNEL_ROOM)
        return -IPC_ERR_INVALID_ARGUMENT;
    error = ipc_checked(self, cap_lookup(&self->capabilities, token, 0, IPC_OBJECT_CHANNEL_END, &object));
    if (error)
        return error;
    ipc_object_get(object); /* a revoke while we sleep must not free it */
    *end = channel_end_of(object);
    return IPC_OK;
}

static void channel_end_put(struct channel_end *end)
{
    ipc_object_put(&end->object);
}

long sys_channel_wait(uint64_t token, uint32_t direction, uint32_t expected_events, uint64_t timeout)
{
    struct channel_end *end;
    int error = channel_end_get(token, direction, &end);

    if (error)
        return error;
    error = channel_wait(end, direction, expected_events, ipc_deadline(timeout));
    channel_end_put(end);
    return error;
}

long sys_channel_wake(uint64_t token, uint32_t direction)
{
    struct channel_end *end;
    int error = channel_end_get(token, direction, &end);

    if (error)
        return error;
    channel_wake(end, direction);
    channel_end_put(end);
    return IPC_OK;
}
