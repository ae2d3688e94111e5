/*
 * port.c - the port object and its general path: sending, receiving,
 * waiting, closing (see port.h for the rules and invariants).
 *
 * Layer: native IPC. Parts, in order: the object (create, poll,
 * release); counting and refusing; waiting and waking; configuring;
 * sending; receiving; closing. The fast path (port_fastpath.c) is the send path
 * with every optional feature removed, and ends in port_hand_off() here.
 */
#include "ipc/port.h"
#include "arch/arch.h"
#include "ipc/ipc_stats.h"
#include "ipc/ipc_wait.h"
#include "ipc/port_call.h"
#include "mm/heap.h"
#include "proc/process.h"
#include "proc/scheduler.h"

/* --- The object --- */

static void port_release(struct ipc_object *object);
static uint32_t port_poll(struct ipc_object *object);
static void port_receivers_gone(struct ipc_object *object);

static const struct ipc_object_type port_type = {
    .kind = IPC_OBJECT_PORT,
    .release = port_release,
    .poll = port_poll,
    .receivers_gone = port_receivers_gone,
};

static const struct ipc_quota_usage one_port = {.ports = 1};

int port_create(uint32_t depth, uint32_t owner_pid, struct ipc_quota_account *account, struct port **out)
{
    struct port *port;
    int error;

    if (depth > IPC_PORT_DEPTH_MAX)
        return -IPC_ERR_INVALID_ARGUMENT;
    port = kzalloc(sizeof(*port));
    if (!port)
        return -IPC_ERR_NO_MEMORY;
    if (account) {
        error = ipc_quota_charge(&ipc_quota_system, account, one_port, &port->charge);
        if (error) {
            kfree(port);
            return error;
        }
    }
    ipc_object_init(&port->object, &port_type);
    msg_queue_init(&port->queue, depth ? depth : IPC_PORT_DEPTH_DEFAULT);
    list_init(&port->receivers);
    list_init(&port->senders);
    list_init(&port->closing_link);
    port->max_message = IPC_MESSAGE_MAX;
    ipc_registry_add(&port->registry, &port->object, IPC_OBJECT_PORT, owner_pid);
    *out = port;
    return IPC_OK;
}

static uint32_t port_poll(struct ipc_object *object)
{
    struct port *port = port_of(object);

    if (port->closed)
        return IPC_EVENT_PEER_CLOSED;
    return (port->queue.depth ? IPC_EVENT_READABLE : 0) |
           (msg_queue_has_room(&port->queue, 1) ? IPC_EVENT_WRITABLE : 0);
}

/* The last capability is gone; closing already emptied the queue. */
static void port_release(struct ipc_object *object)
{
    struct port *port = port_of(object);

    ipc_registry_remove(&port->registry);
    ipc_quota_uncharge(&ipc_quota_system, &port->charge);
    kfree(port);
}

/* --- Counting and refusing --- */

/* The sender to record: 0 for the kernel itself. */
static uint32_t current_pid(void)
{
    struct process *process = process_current();

    return process ? (uint32_t)process->pid : 0;
}

/* Did the port fail to take the message for room or size (dropped), or
 * refuse what it was or carried (refused)? */
static bool for_room_or_size(int error)
{
    return error == -IPC_ERR_FULL || error == -IPC_ERR_TIMEOUT || error == -IPC_ERR_INTERRUPTED ||
           error == -IPC_ERR_TOO_LARGE || error == -IPC_ERR_NO_MEMORY || error == -IPC_ERR_PEER_CLOSED;
}

/* A send the port did not take (the sender is told): counted and traced. */
static int port_refuse(struct port *port, int error)
{
    if (for_room_or_size(error))
        ipc_count(&port->registry.counters, dropped);
    else
        ipc_count(&port->registry.counters, refused);
    ipc_trace(IPC_TRACE_REFUSED, port->registry.id, current_pid(), 0, NULL, 0, error);
    return error;
}

static void count_depth(struct port *port)
{
    ipc_counters_depth(&port->registry.counters, port->queue.depth);
}

/* --- Waiting and waking --- */

int port_await_outcome(struct wait_queue *queue, const int *outcome, uint64_t deadline)
{
    int enabled = arch_irq_save(), error = IPC_OK;

    while (*outcome == PORT_WAITING && !error)
        error = ipc_sleep(queue, deadline);
    arch_irq_restore(enabled);
    return error;
}

/* Join `waiters` (at the front: a waiter looking again keeps its place)
 * and sleep until taken off, the deadline or a signal. The outcome; a
 * waiter nobody took off leaves by itself with TIMEOUT or INTERRUPTED. */
static int port_wait(struct port_waiter *waiter, struct list_node *waiters, bool front, uint64_t deadline)
{
    int error;

    waiter->outcome = PORT_WAITING;
    waiter->thread = thread_current();
    wait_queue_init(&waiter->queue);
    if (front)
        list_push_front(waiters, &waiter->link);
    else
        list_push_back(waiters, &waiter->link);
    error = port_await_outcome(&waiter->queue, &waiter->outcome, deadline);
    if (waiter->outcome == PORT_WAITING) {
        list_remove(&waiter->link);
        waiter->outcome = error;
    }
    return waiter->outcome;
}

/* Take a waiter off its list with `outcome` and wake it. */
static void waiter_finish(struct port_waiter *waiter, int outcome)
{
    list_remove(&waiter->link);
    waiter->outcome = outcome;
    wait_queue_wake_one(&waiter->queue);
}

static struct port_waiter *first_waiter(struct list_node *waiters)
{
    return list_empty(waiters) ? NULL : list_entry(waiters->next, struct port_waiter, link);
}

static void finish_all(struct list_node *waiters, int outcome)
{
    while (!list_empty(waiters))
        waiter_finish(first_waiter(waiters), outcome);
}

uint32_t port_waiting(const struct list_node *waiters)
{
    uint32_t count = 0;

    list_for_each(link, waiters)
        count++;
    return count;
}

/* --- Configuring --- */

int port_configure(struct port *port, const struct ipc_port_config *config)
{
    uint32_t depth = config->depth_limit ? config->depth_limit : IPC_PORT_DEPTH_DEFAULT;
    uint32_t max_message = config->max_message ? config->max_message : IPC_MESSAGE_MAX;
    int error;

    if (depth > IPC_PORT_DEPTH_MAX || max_message > IPC_MESSAGE_MAX || config->reserved != 0)
        return -IPC_ERR_INVALID_ARGUMENT;
    error = port_filter_configure(&port->filter, config);
    if (error)
        return error;
    port->filtered = port_filter_active(&port->filter);
    port->queue.depth_limit = depth;
    port->max_message = max_message;
    finish_all(&port->senders, PORT_RETRY);
    ipc_object_notify(&port->object, port_poll(&port->object));
    return IPC_OK;
}

/* --- Sending --- */

static enum ipc_trace_op sent_op(const struct ipc_msg_header *header)
{
    return header->flags & IPC_MSG_CALL ? IPC_TRACE_CALL : IPC_TRACE_SEND;
}

void port_hand_off(struct port *port, struct port_waiter *receiver, const struct ipc_msg_header *header,
                   const void *payload)
{
    uint64_t id = port->registry.id;

    ipc_count(&port->registry.counters, sent);
    ipc_count(&port->registry.counters, received);
    ipc_trace(sent_op(header), id, header->sender_pid, 0, payload, header->length, 0);
    ipc_trace(IPC_TRACE_RECEIVE, id, header->sender_pid, header->receiver_pid, payload, header->length, 0);
    waiter_finish(receiver, PORT_DELIVERED);
    scheduler_run_next(receiver->thread);
}

/* The port takes the message, which has room: handed to the first
 * waiting receiver if nothing is queued (and it fits), else queued, the
 * first receiver then told to look. */
static void port_accept(struct port *port, struct ipc_message *message)
{
    struct port_waiter *receiver = first_waiter(&port->receivers);

    if (receiver && receiver->target.process && port->queue.depth == 0 &&
        message_deliver(&receiver->target, &message->header, message->payload, message->caps) == IPC_OK) {
        struct ipc_msg_header delivered = message->header;
        delivered.receiver_pid = (uint32_t)receiver->target.process->pid;
        port_hand_off(port, receiver, &delivered, message->payload);
        message_free_delivered(message);
        return;
    }
    msg_queue_push(&port->queue, message); /* room and priority were checked */
    count_depth(port);
    ipc_count(&port->registry.counters, sent);
    ipc_trace(sent_op(&message->header), port->registry.id, message->header.sender_pid, 0, message->payload,
              message->header.length, 0);
    if (receiver)
        waiter_finish(receiver, PORT_RETRY);
    ipc_object_notify(&port->object, IPC_EVENT_READABLE);
}

/* The general path: the port owns the message from here, and frees it if
 * it refuses it. Waits for room until `deadline`. */
static int port_send(struct port *port, struct ipc_message *message, uint64_t deadline)
{
    struct port_waiter waiter;
    bool keep_place = false;
    int error = message_carries(message, &port->object) ? -IPC_ERR_INVALID_ARGUMENT : IPC_OK;

    while (!error) {
        if (port->closed) {
            error = -IPC_ERR_PEER_CLOSED;
        } else if (msg_queue_has_room(&port->queue, message->header.length)) {
            error = port_filter_charge(&port->filter, message->header.sender_pid, arch_ticks());
            if (!error) {
                port_accept(port, message);
                return IPC_OK;
            }
        } else if (deadline == 0) {
            error = -IPC_ERR_FULL;
        } else {
            int outcome = port_wait(&waiter, &port->senders, keep_place, deadline);
            error = outcome == PORT_RETRY ? IPC_OK : outcome;
            keep_place = true;
        }
    }
    message_destroy(message);
    return port_refuse(port, error);
}

/* Type, size and filter: may this be sent to the port at all? */
static int port_check(struct port *port, const struct ipc_msg_header *header)
{
    int error = message_header_check(header, port->max_message);

    if (!error)
        error = port_filter_check(&port->filter, header->type, header->length);
    return error ? port_refuse(port, error) : IPC_OK;
}

int port_send_args(struct port *port, const struct ipc_send_args *args, struct cap_table *table,
                   uint16_t flags, uint64_t transaction_id, uint64_t deadline)
{
    struct ipc_msg_header header;
    struct ipc_message *message;
    int error = port_check(port, &args->header);

    if (error)
        return error;
    error = port_fastpath(port, args, flags, transaction_id);
    if (error != PORT_FASTPATH_MISSED)
        return error;
    header = message_header_make(&args->header, current_pid(), flags, transaction_id);
    error = message_create(args, table, &header, &message);
    if (error)
        return port_refuse(port, error);
    return port_send(port, message, deadline);
}

int port_send_kernel(struct port *port, const struct ipc_msg_header *header, const void *payload,
                     uint32_t sender_pid)
{
    struct ipc_msg_header made = message_header_make(header, sender_pid, 0, 0);
    struct ipc_message *message;
    int error = port_check(port, &made);

    if (!error && made.cap_count != 0)
        error = port_refuse(port, -IPC_ERR_INVALID_ARGUMENT);
    if (error)
        return error;
    error = message_create_kernel(&made, payload, &message);
    if (error)
        return port_refuse(port, error);
    return port_send(port, message, 0);
}

/* --- Receiving --- */

/* The queue's next message, `next`, was received by `receiver_pid`: take
 * it off, count and trace it. That makes room: the first waiting sender
 * looks again. */
static void port_dequeue(struct port *port, struct ipc_message *next, uint32_t receiver_pid)
{
    struct port_waiter *sender = first_waiter(&port->senders);

    msg_queue_pop(&port->queue);
    count_depth(port);
    ipc_count(&port->registry.counters, received);
    ipc_trace(IPC_TRACE_RECEIVE, port->registry.id, next->header.sender_pid, receiver_pid, next->payload,
              next->header.length, 0);
    if (sender)
        waiter_finish(sender, PORT_RETRY);
    ipc_object_notify(&port->object, IPC_EVENT_WRITABLE);
}

/* Deliver the queue's next message into the target. On failure it stays
 * queued, and the next waiting receiver (with a bigger buffer, perhaps)
 * tries it. */
static int port_take(struct port *port, struct ipc_message *next, const struct delivery_target *target)
{
    int error = message_deliver(target, &next->header, next->payload, next->caps);
    struct port_waiter *other_receiver;

    if (error) {
        other_receiver = first_waiter(&port->receivers);
        if (other_receiver)
            waiter_finish(other_receiver, PORT_RETRY);
        return error;
    }
    port_dequeue(port, next, (uint32_t)target->process->pid);
    message_free_delivered(next);
    return IPC_OK;
}

int port_receive(struct port *port, const struct delivery_target *target, uint64_t deadline)
{
    struct port_waiter waiter = {.target = *target};
    bool keep_place = false;

    for (;;) {
        struct ipc_message *next = msg_queue_peek(&port->queue);
        int outcome;
        if (next)
            return port_take(port, next, target);
        if (port->closed)
            return -IPC_ERR_PEER_CLOSED;
        if (deadline == 0)
            return -IPC_ERR_EMPTY;
        outcome = port_wait(&waiter, &port->receivers, keep_place, deadline);
        if (outcome == PORT_DELIVERED)
            return IPC_OK;
        if (outcome != PORT_RETRY)
            return outcome;
        keep_place = true;
    }
}

/* --- Senders and receivers in the kernel --- */

int port_send_message(struct port *port, struct ipc_message *message, uint64_t deadline)
{
    return port_send(port, message, deadline);
}

int port_next_message(struct port *port, uint64_t deadline, struct ipc_message **out)
{
    struct port_waiter waiter = {.target = {.process = NULL}};
    int outcome;

    *out = msg_queue_peek(&port->queue);
    if (*out)
        return IPC_OK;
    if (port->closed)
        return -IPC_ERR_PEER_CLOSED;
    if (deadline == 0)
        return -IPC_ERR_EMPTY;
    outcome = port_wait(&waiter, &port->receivers, false, deadline);
    return outcome == PORT_RETRY ? IPC_OK : outcome;
}

void port_consume(struct port *port, struct ipc_message *message)
{
    port_dequeue(port, message, current_pid());
}

void port_wake_waiters(struct port *port)
{
    finish_all(&port->receivers, PORT_RETRY);
    finish_all(&port->senders, PORT_RETRY);
    ipc_object_notify(&port->object, IPC_EVENT_READABLE | IPC_EVENT_WRITABLE);
}

/* --- Closing --- */

static struct list_node closing_ports = LIST_HEAD_INIT(closing_ports); /* closed ports still to empty */
static bool emptying;

/* Throw the queued messages away: their capabilities are released (which
 * may close further ports: they join the list), their callers failed. */
static void port_discard_queue(struct port *port)
{
    struct ipc_message *message;

    while ((message = msg_queue_pop(&port->queue))) {
        ipc_count(&port->registry.counters, discarded);
        if (message->header.flags & IPC_MSG_CALL)
            port_call_fail(message->header.sender_pid, message->header.transaction_id, -IPC_ERR_PEER_CLOSED);
        message_destroy(message);
    }
    count_depth(port);
}

/* Empty closed ports one at a time, whoever closed the first: a port
 * closed while another is emptied waits on the list. Each holds a
 * reference until it is empty. */
static void empty_closed_ports(void)
{
    if (emptying)
        return;
    emptying = true;
    while (!list_empty(&closing_ports)) {
        struct port *port = list_entry(list_pop_front(&closing_ports), struct port, closing_link);
        port_discard_queue(port);
        ipc_object_put(&port->object);
    }
    emptying = false;
}

static void port_receivers_gone(struct ipc_object *object)
{
    struct port *port = port_of(object);

    port->closed = true;
    finish_all(&port->receivers, -IPC_ERR_PEER_CLOSED);
    finish_all(&port->senders, -IPC_ERR_PEER_CLOSED);
    ipc_object_notify(object, IPC_EVENT_PEER_CLOSED);
    ipc_object_get(object);
    list_push_back(&closing_ports, &port->closing_link);
    empty_closed_ports();
}

void port_close(struct port *port)
{
    port_receivers_gone(&port->object);
}
