/*
 * sys_port.c - the port system calls: create, send, receive, call, reply,
 * configure.
 *
 * Layer: native IPC (system-call side, see syscalls.h). Each call copies
 * its arguments in, checks the token (refusals are counted and traced),
 * holds a reference to the port while it works (a capability revoked
 * meanwhile cannot free the port under it), and hands over to port.c or
 * port_call.c.
 */
#include "ipc/port.h"
#include "ipc/ipc_wait.h"
#include "ipc/port_call.h"
#include "ipc/sys_hand_out.h"
#include "ipc/sys_user.h"
#include "ipc/syscalls.h"

#define PORT_CREATOR_RIGHTS (IPC_RIGHT_SEND | IPC_RIGHT_RECEIVE | IPC_RIGHT_GRANT | IPC_RIGHT_REVOKE)

/* The port `token` names with `rights`, referenced: port_put when done. */
static int port_get(struct ipc_process *self, uint64_t token, uint16_t rights, struct port **port)
{
    struct ipc_object *object;
    int error = ipc_checked(self, cap_lookup(&self->capabilities, token, rights, IPC_OBJECT_PORT, &object));

    if (error)
        return error;
    ipc_object_get(object);
    *port = port_of(object);
    return IPC_OK;
}

static void port_put(struct port *port)
{
    ipc_object_put(&port->object);
}

long sys_port_create(uint32_t depth, uint64_t *user_token)
{
    struct ipc_process *self = ipc_caller();
    struct port *port;
    int error;

    if (!self)
        return -IPC_ERR_NO_MEMORY;
    error = port_create(depth, (uint32_t)self->process->pid, &self->quota, &port);
    if (error)
        return error;
    return ipc_hand_out(self, &port->object, PORT_CREATOR_RIGHTS, user_token, NULL);
}

long sys_port_send(uint64_t token, const struct ipc_send_args *user_args)
{
    struct ipc_process *self = ipc_caller();
    struct ipc_send_args args;
    struct port *port;
    int error;

    if (!self)
        return -IPC_ERR_NO_MEMORY;
    error = ipc_copy_in(&args, user_args, sizeof(args));
    if (!error)
        error = port_get(self, token, IPC_RIGHT_SEND, &port);
    if (error)
        return error;
    error = port_send_args(port, &args, &self->capabilities, 0, 0, ipc_deadline(args.timeout));
    port_put(port);
    return ipc_checked(self, error); /* the tokens in the message */
}

/* The receiver's arguments, and where its message goes. */
static int receive_args_in(struct ipc_process *self, struct ipc_receive_args *user_args,
                           struct ipc_receive_args *args, struct delivery_target *target)
{
    int error = ipc_copy_in(args, user_args, sizeof(*args));

    if (!error && args->reserved != 0)
        error = -IPC_ERR_INVALID_ARGUMENT;
    *target = delivery_target_of(self, user_args, args);
    return error;
}

long sys_port_receive(uint64_t token, struct ipc_receive_args *user_args)
{
    struct ipc_process *self = ipc_caller();
    struct delivery_target target;
    struct ipc_receive_args args;
    struct port *port;
    int error;

    if (!self)
        return -IPC_ERR_NO_MEMORY;
    error = receive_args_in(self, user_args, &args, &target);
    if (!error)
        error = port_get(self, token, IPC_RIGHT_RECEIVE, &port);
    if (error)
        return error;
    error = port_receive(port, &target, ipc_deadline(args.timeout));
    port_put(port);
    return error;
}

long sys_port_call(uint64_t token, const struct ipc_send_args *user_request,
                   struct ipc_receive_args *user_reply)
{
    struct ipc_process *self = ipc_caller();
    struct ipc_send_args request;
    struct ipc_receive_args reply;
    struct delivery_target reply_to;
    struct port *port;
    int error;

    if (!self)
        return -IPC_ERR_NO_MEMORY;
    error = ipc_copy_in(&request, user_request, sizeof(request));
    if (!error)
        error = receive_args_in(self, user_reply, &reply, &reply_to);
    if (!error)
        error = port_get(self, token, IPC_RIGHT_SEND, &port);
    if (error)
        return error;
    error = port_call(self, port, &request, &reply_to, ipc_deadline(request.timeout),
                      ipc_deadline(reply.timeout));
    port_put(port);
    return ipc_checked(self, error);
}

long sys_port_reply(uint64_t transaction_id, const struct ipc_send_args *user_args)
{
    struct ipc_process *self = ipc_caller();
    struct ipc_send_args args;
    int error;

    if (!self)
        return -IPC_ERR_NO_MEMORY;
    error = ipc_copy_in(&args, user_args, sizeof(args));
    if (!error)
        error = ipc_checked(self, port_reply(self, transaction_id, &args));
    return error;
}

long sys_port_configure(uint64_t token, const struct ipc_port_config *user_config)
{
    struct ipc_process *self = ipc_caller();
    struct ipc_port_config config;
    struct port *port;
    int error;

    if (!self)
        return -IPC_ERR_NO_MEMORY;
    error = ipc_copy_in(&config, user_config, sizeof(config));
    if (!error)
        error = port_get(self, token, IPC_RIGHT_RECEIVE, &port);
    if (error)
        return error;
    error = port_configure(port, &config);
    port_put(port);
    return error;
}
