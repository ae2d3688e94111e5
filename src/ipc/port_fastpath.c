/*
 * port_fastpath.c - the IPC fast path: a small message, for a receiver
 * already waiting, handed over without a queue or an allocation.
 *
 * Layer: native IPC, modelled on seL4's fastpath (src/fastpath/fastpath.c):
 * one function that reads straight down; every precondition is an
 * unlikely() test that gives up (PORT_FASTPATH_MISSED) before anything has
 * changed, and the general path (port.c) then handles the message with all
 * its features. port_send and port_call both try it first; for a call, the
 * caller then sleeps waiting for its reply (port_call.c), and since the
 * receiver was made the next to run, that sleep switches straight to it.
 *
 * What it leaves out, each one a reason to miss:
 *   - nobody waiting, or messages already queued (they must not be
 *     overtaken): the message has to be queued;
 *   - more than IPC_INLINE_MAX bytes: the payload would not fit the
 *     buffer on this stack;
 *   - capabilities: they need the two-step transfer and may not fit;
 *   - a filter: rate limits are charged per sender;
 *   - a receiver whose buffer is too small, or (for a call) that owes too
 *     many replies already: the general path reports it;
 *   - a fault in either process's memory: likewise.
 * The sender's header was checked by port_check() before (port.c).
 * Locking: the caller holds the IPC lock and a reference to the port.
 */
#include "ipc/port.h"
#include "ipc/ipc_process.h"
#include "ipc/ipc_stats.h"
#include "lib/compiler.h"
#include "proc/process.h"
#include "proc/usercopy.h"

int port_fastpath(struct port *port, const struct ipc_send_args *args, uint16_t flags,
                  uint64_t transaction_id)
{
    uint8_t payload[IPC_INLINE_MAX];
    struct ipc_msg_header header;
    struct port_waiter *receiver;
    uint32_t length = args->header.length;

    if (unlikely(list_empty(&port->receivers) || port->queue.depth != 0))
        return PORT_FASTPATH_MISSED;
    if (unlikely(length > IPC_INLINE_MAX || args->header.cap_count != 0 || port->filtered))
        return PORT_FASTPATH_MISSED;
    receiver = list_entry(port->receivers.next, struct port_waiter, link);
    if (unlikely(length > receiver->target.capacity))
        return PORT_FASTPATH_MISSED;
    if (unlikely((flags & IPC_MSG_CALL) && !reply_table_has_room(&receiver->target.ipc->owed)))
        return PORT_FASTPATH_MISSED;
    if (unlikely(copy_from_user(payload, (const void *)args->payload, length) < 0))
        return PORT_FASTPATH_MISSED;

    header = message_header_make(&args->header, (uint32_t)process_current()->pid, flags, transaction_id);
    if (unlikely(message_deliver(&receiver->target, &header, payload, NULL) != IPC_OK))
        return PORT_FASTPATH_MISSED;
    header.receiver_pid = (uint32_t)receiver->target.process->pid;
    ipc_count(&port->registry.counters, fast_path_hits);
    port_hand_off(port, receiver, &header, payload);
    return IPC_OK;
}
