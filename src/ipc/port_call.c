/*
 * port_call.c - call and reply (see port_call.h for the protocol).
 *
 * Layer: native IPC, on port.c and reply_table.c. The caller side arms its
 * struct port_caller, sends with port_send_args (fast path first) and
 * sleeps; the receiver side answers with port_reply, which writes the
 * reply straight into the sleeping caller's buffers and lets it run next.
 */
#include "ipc/port_call.h"
#include "ipc/ipc_process.h"
#include "ipc/ipc_stats.h"
#include "ipc/port.h"
#include "lib/compiler.h"
#include "proc/process.h"
#include "proc/scheduler.h"
#include "proc/usercopy.h"

static uint64_t last_transaction_id; /* ids are never reused */

/* The caller `pid`, if it still waits for the call `transaction_id`. */
static struct port_caller *caller_waiting_for(uint32_t pid, uint64_t transaction_id)
{
    struct process *process = process_find((int)pid);
    struct ipc_process *ipc = process ? process->ipc : NULL;

    if (!ipc || ipc->call.transaction_id != transaction_id || ipc->call.outcome != PORT_WAITING)
        return NULL;
    return &ipc->call;
}

static void caller_finish(struct port_caller *call, int outcome)
{
    call->outcome = outcome;
    wait_queue_wake_one(&call->reply_wait);
    scheduler_run_next(call->thread);
}

void port_call_fail(uint32_t caller_pid, uint64_t transaction_id, int error)
{
    struct port_caller *call = caller_waiting_for(caller_pid, transaction_id);

    if (call)
        caller_finish(call, error);
}

int port_call(struct ipc_process *caller, struct port *port, const struct ipc_send_args *request,
              const struct delivery_target *reply_to, uint64_t send_deadline, uint64_t reply_deadline)
{
    struct port_caller *call = &caller->call;
    int error;

    call->transaction_id = ++last_transaction_id;
    call->outcome = PORT_WAITING;
    call->thread = thread_current();
    call->reply_to = *reply_to;
    wait_queue_init(&call->reply_wait);
    ipc_totals.calls_waiting++;
    error = port_send_args(port, request, &caller->capabilities, IPC_MSG_CALL, call->transaction_id,
                           send_deadline);
    if (!error) {
        error = port_await_outcome(&call->reply_wait, &call->outcome, reply_deadline);
        if (call->outcome != PORT_WAITING) /* a reply that came with the timeout still counts */
            error = call->outcome == PORT_DELIVERED ? IPC_OK : call->outcome;
    }
    call->transaction_id = 0;
    ipc_totals.calls_waiting--;
    return error;
}

/* A reply on its way: small ones (no capabilities, IPC_INLINE_MAX bytes)
 * on the stack, others as a message. */
struct reply {
    struct ipc_msg_header header;
    const void *payload;
    struct ipc_message *message; /* NULL for a small reply */
    uint8_t small[IPC_INLINE_MAX];
};

/* Copy the replier's payload (and grant its capabilities). */
static int reply_build(struct reply *reply, struct ipc_process *replier, const struct ipc_send_args *args)
{
    int error;

    reply->message = NULL;
    if (likely(reply->header.length <= IPC_INLINE_MAX && reply->header.cap_count == 0)) {
        reply->payload = reply->small;
        return copy_from_user(reply->small, (const void *)args->payload, reply->header.length) < 0
                   ? -IPC_ERR_FAULT
                   : IPC_OK;
    }
    error = message_create(args, &replier->capabilities, &reply->header, &reply->message);
    if (!error)
        reply->payload = reply->message->payload;
    return error;
}

/* Write the reply into the caller; the message, if any, is used up. */
static int reply_deliver(struct reply *reply, struct port_caller *call)
{
    struct ipc_message *message = reply->message;
    int error =
        message_deliver(&call->reply_to, &reply->header, reply->payload, message ? message->caps : NULL);

    if (error != -IPC_ERR_TOO_LARGE && error != -IPC_ERR_QUOTA)
        ipc_trace(IPC_TRACE_REPLY, 0, reply->header.sender_pid, (uint32_t)call->reply_to.process->pid,
                  reply->payload, reply->header.length, error);
    if (!message) {
        if (!error)
            ipc_totals.fast_path_hits++;
    } else if (error) {
        message_destroy(message);
    } else {
        message_free_delivered(message);
    }
    return error;
}

/* The reply could not be given: the replier still owes it. */
static int owe_again(struct ipc_process *replier, uint64_t transaction_id, uint32_t caller_pid, int error)
{
    reply_table_add(&replier->owed, transaction_id, caller_pid);
    ipc_totals.replies_owed++;
    return error;
}

int port_reply(struct ipc_process *replier, uint64_t transaction_id, const struct ipc_send_args *args)
{
    uint32_t replier_pid = (uint32_t)replier->process->pid, caller_pid;
    struct port_caller *call;
    struct reply reply;
    int error = message_header_check(&args->header, IPC_MESSAGE_MAX);

    if (!error)
        error = reply_table_take(&replier->owed, transaction_id, &caller_pid);
    if (error)
        return error;
    ipc_totals.replies_owed--;
    call = caller_waiting_for(caller_pid, transaction_id);
    if (!call)
        return -IPC_ERR_PEER_CLOSED;
    reply.header = message_header_make(&args->header, replier_pid, IPC_MSG_REPLY, transaction_id);
    error = reply_build(&reply, replier, args);
    if (error)
        return owe_again(replier, transaction_id, caller_pid, error);
    error = reply_deliver(&reply, call);
    if (error == -IPC_ERR_TOO_LARGE || error == -IPC_ERR_QUOTA)
        return owe_again(replier, transaction_id, caller_pid, error);
    ipc_totals.sent++;
    if (!error)
        ipc_totals.received++;
    caller_finish(call, error ? error : PORT_DELIVERED); /* error: the caller's buffer faulted */
    return IPC_OK;
}

void port_call_release(struct ipc_process *process)
{
    struct reply_owed owed;

    while (reply_table_pop(&process->owed, &owed)) {
        ipc_totals.replies_owed--;
        port_call_fail(owed.caller_pid, owed.transaction_id, -IPC_ERR_PEER_CLOSED);
    }
}
