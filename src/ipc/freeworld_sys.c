/*
 * freeworld_sys.c - the FreeWorld channel system calls: names and
 * arguments copied in and checked, ids turned into endpoints, endpoints
 * handed out as capabilities.
 *
 * Layer: native IPC (system-call side, see freeworld_syscalls.h). An id is
 * the slot of the endpoint's capability in the caller's table: small, and
 * private to the process, like a file descriptor. The kernel rebuilds the
 * full token from the slot and checks it with cap_lookup, so an id that
 * names a free slot, another kind of capability, or an endpoint opened
 * without the mode the call needs is refused (INVALID_CAP, PERMISSION),
 * and counted like any refused token.
 */
#include "ipc/cap_token.h"
#include "ipc/freeworld.h"
#include "ipc/freeworld_syscalls.h"
#include "ipc/sys_user.h"

/* What a call on an id works with: the caller's IPC state, the endpoint
 * (referenced while the call runs) and its capability's token. */
struct endpoint_call {
    struct ipc_process *self;
    struct freeworld_endpoint *endpoint;
    uint64_t token;
};

/* Begin a call on the endpoint `id` names, which needs `rights`: 0, or
 * the refusal with nothing held. */
static int call_begin(uint32_t id, uint16_t rights, struct endpoint_call *call)
{
    struct cap_table *table;
    const struct cap_slot *slot;
    struct ipc_object *object;
    int error;

    if ((call->self = ipc_caller()) == NULL)
        return -IPC_ERR_NO_MEMORY;
    table = &call->self->capabilities;
    slot = id <= table->capacity ? &table->slots[id] : NULL;
    call->token = slot ? cap_token_make(id, slot->generation, slot->rights) : cap_token_make(id, 0, 0);
    error = ipc_checked(call->self, cap_lookup(table, call->token, rights, IPC_OBJECT_FREEWORLD, &object));
    if (error)
        return error;
    ipc_object_get(object);
    call->endpoint = freeworld_endpoint_of(object);
    return IPC_OK;
}

static void endpoint_put(struct freeworld_endpoint *endpoint)
{
    ipc_object_put(&endpoint->object);
}

/* The new endpoint's capability, taking over its reference: the id. */
static long hand_out(struct ipc_process *self, struct freeworld_endpoint *endpoint)
{
    uint64_t token;
    int error =
        cap_create(&self->capabilities, &endpoint->object, freeworld_rights_of(endpoint->mode), &token);

    endpoint_put(endpoint); /* the capability holds it now, or it goes */
    return error ? error : (long)cap_token_slot(token);
}

/* Copy a name of `length` bytes into `name` (IPC_CHANNEL_NAME_MAX). */
static int name_in(char *name, const char *user_name, uint64_t length)
{
    int error = freeworld_check_name(length);

    return error ? error : ipc_copy_in(name, user_name, length);
}

long sys_fw_create(const char *user_name, uint64_t length, uint32_t type, uint32_t buffer_size)
{
    struct ipc_process *self = ipc_caller();
    struct freeworld_endpoint *endpoint;
    char name[IPC_CHANNEL_NAME_MAX];
    uint32_t depth;
    int error;

    if (!self)
        return -IPC_ERR_NO_MEMORY;
    if ((error = freeworld_check_create(type, buffer_size, &depth)) != 0 ||
        (error = name_in(name, user_name, length)) != 0 ||
        (error = freeworld_create(name, length, type, depth, (uint32_t)self->process->pid, &endpoint)) != 0)
        return error;
    return hand_out(self, endpoint);
}

long sys_fw_open(const char *user_name, uint64_t length, uint32_t mode)
{
    struct ipc_process *self = ipc_caller();
    struct freeworld_endpoint *endpoint;
    char name[IPC_CHANNEL_NAME_MAX];
    int error;

    if (!self)
        return -IPC_ERR_NO_MEMORY;
    if ((error = freeworld_check_mode(mode)) != 0 || (error = name_in(name, user_name, length)) != 0 ||
        (error = freeworld_open(name, length, mode, (uint32_t)self->process->pid, &endpoint)) != 0)
        return error;
    return hand_out(self, endpoint);
}

long sys_fw_close(uint32_t id)
{
    struct endpoint_call call;
    int error = call_begin(id, 0, &call);

    if (error)
        return error;
    error = cap_close(&call.self->capabilities, call.token);
    endpoint_put(call.endpoint);
    return error;
}

long sys_fw_send(uint32_t id, const void *buffer, uint32_t size, uint32_t type, uint32_t receiver,
                 uint32_t priority)
{
    struct freeworld_message message = {
        .type = type, .size = size, .receiver = receiver, .priority = priority};
    struct endpoint_call call;
    long result = call_begin(id, IPC_RIGHT_SEND, &call);

    if (result)
        return result;
    result = freeworld_send(call.endpoint, &call.self->capabilities, buffer, &message);
    endpoint_put(call.endpoint);
    return result;
}

long sys_fw_receive(uint32_t id, struct ipc_receive_args *args)
{
    struct endpoint_call call;
    long result = call_begin(id, IPC_RIGHT_RECEIVE, &call);

    if (result)
        return result;
    result = freeworld_receive(call.endpoint, call.self, args);
    endpoint_put(call.endpoint);
    return result;
}
