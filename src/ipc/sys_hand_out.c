/*
 * sys_hand_out.c - handing a capability to the calling process (see
 * sys_hand_out.h).
 *
 * Layer: native IPC (system-call side).
 */
#include "ipc/sys_hand_out.h"
#include "ipc/cap_table.h"
#include "ipc/sys_user.h"

int ipc_hand_out(struct ipc_process *self, struct ipc_object *object, uint16_t rights, uint64_t *user_token,
                 uint64_t *token)
{
    uint64_t created;
    int error = cap_create(&self->capabilities, object, rights, &created);

    ipc_object_put(object); /* the capability holds it now, or it goes */
    if (!error)
        error = ipc_hand_out_token(self, created, user_token);
    if (!error && token)
        *token = created;
    return error;
}

int ipc_hand_out_token(struct ipc_process *self, uint64_t token, uint64_t *user_token)
{
    int error = ipc_copy_out(user_token, &token, sizeof(token));

    if (error)
        cap_close(&self->capabilities, token);
    return error;
}
