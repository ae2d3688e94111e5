/*
 * port_call.h - call and reply: a message that waits for its answer.
 *
 * Layer: native IPC, on port.c. port_call sends a request marked
 * IPC_MSG_CALL with a fresh transaction id, then sleeps in its process's
 * `struct port_caller` until the answer is written into its reply buffer.
 * Delivering the call gives the receiver the right to answer it, once
 * (reply_table.h); port_reply(transaction id) finds the caller by the pid
 * the table recorded and checks that it still waits for that very id. So
 * a reply goes to exactly the caller that asked, and a stale, duplicate or
 * forged one is refused. Nothing is allocated per call: the caller's
 * state and the receiver's table are part of each process's IPC state,
 * and a small reply (IPC_INLINE_MAX bytes, no capabilities) travels on the
 * stack, like the fast path's requests.
 *
 * Failure, on either side:
 *   - the port closes with the call still queued: the caller gets
 *     IPC_ERR_PEER_CLOSED (port.c, when it discards the queue);
 *   - the receiver exits owing the reply: likewise (port_call_release);
 *   - the caller stops waiting (timeout, signal, death): its transaction
 *     id is forgotten, and the late reply is refused with PEER_CLOSED.
 *
 * Invariants: a caller waits for at most one call (one thread per
 * process); transaction_id != 0 exactly while it waits, and is never
 * reused; ipc_totals.calls_waiting counts the callers waiting.
 * Locking: the caller holds the IPC lock.
 */
#ifndef FREEPORT_IPC_PORT_CALL_H
#define FREEPORT_IPC_PORT_CALL_H

#include <stdint.h>
#include "ipc/message.h"
#include "proc/waitqueue.h"
#include "uapi/freeport/ipc.h"

struct ipc_process;
struct port;
struct thread;

/* A process's side of its call in progress (in struct ipc_process). */
struct port_caller {
    uint64_t transaction_id; /* the call waiting for its reply; 0: none */
    int outcome;             /* PORT_WAITING, PORT_DELIVERED or -IPC_ERR_* */
    struct thread *thread;
    struct delivery_target reply_to;
    struct wait_queue reply_wait; /* the caller sleeps here, alone */
};

/* Send `request` to the port as a call and wait for the reply into
 * `reply_to`: the request waits for room until send_deadline, the whole
 * call ends by reply_deadline (ticks, ipc_deadline()). */
int port_call(struct ipc_process *caller, struct port *port, const struct ipc_send_args *request,
              const struct delivery_target *reply_to, uint64_t send_deadline, uint64_t reply_deadline);

/* Answer the call `transaction_id` that `replier` received. */
int port_reply(struct ipc_process *replier, uint64_t transaction_id, const struct ipc_send_args *reply);

/* The call will never be answered: wake its caller, if it still waits for
 * it, with `error`. */
void port_call_fail(uint32_t caller_pid, uint64_t transaction_id, int error);

/* Process exit: fail every call the process received and did not answer. */
void port_call_release(struct ipc_process *process);

#endif
