/*
 * port.h - ports: bounded, prioritised message queues that any holder of
 * a SEND capability can send to and any holder of a RECEIVE capability can
 * receive from; the object behind port_send, port_receive and port_call.
 *
 * Layer: native IPC, on message.c (building and delivering messages),
 * msg_queue.c (the queue), port_filter.c, the registry and ipc_wait.c
 * (deadlines, and sleeping on the processes layer's wait queues). The
 * system calls are in sys_port.c; the fast path in port_fastpath.c; call
 * and reply in port_call.c.
 *
 * A send first looks for a receiver already waiting (receivers are served
 * in the order they came): the message is written straight into its
 * buffers (a hand-off). Otherwise it is queued, or the sender waits for
 * room. A receive takes the queue's next message (highest priority first,
 * FIFO within one) or waits for a sender's hand-off.
 *
 * A port is *closed* once no capability with RECEIVE is left (closed,
 * revoked, its holder exited): everyone waiting is woken with
 * IPC_ERR_PEER_CLOSED, queued messages are discarded (their capabilities
 * released, their callers failed), and later sends fail the same way. It
 * is freed when its last capability goes. Closing can cascade (a queued
 * message held the last receiver of another port), so closed ports are
 * emptied one after the other from a list, never by recursion.
 *
 * Invariants:
 *   - a message waits on the queue while receivers wait only until the
 *     first of them looks: queueing one wakes it, and so does a receiver
 *     that could not take the next message (too large for it);
 *   - a sender waits only while the queue is at its depth limit;
 *   - a waiter is on its port's list exactly while its outcome is
 *     PORT_WAITING; whoever takes it off sets the outcome and wakes it;
 *   - a closed port has an empty queue and no waiters, and stays closed;
 *   - a message on the queue never carries a capability to its own port.
 * Locking: the caller holds the IPC lock, and a reference to the port (a
 * system call takes one for its length, so a revoke cannot free the port
 * under it).
 */
#ifndef FREEPORT_IPC_PORT_H
#define FREEPORT_IPC_PORT_H

#include <stdbool.h>
#include <stdint.h>
#include "ipc/message.h"
#include "ipc/msg_queue.h"
#include "ipc/object.h"
#include "ipc/port_filter.h"
#include "ipc/quota.h"
#include "ipc/registry.h"
#include "proc/waitqueue.h"

struct cap_table;
struct thread;

struct port {
    struct ipc_object object;           /* kind IPC_OBJECT_PORT */
    struct ipc_registry_entry registry; /* id, owner, counters */
    struct msg_queue queue;
    struct list_node receivers; /* struct port_waiter in port_receive, oldest first */
    struct list_node senders;   /* struct port_waiter waiting for room, oldest first */
    uint32_t max_message;       /* payload bytes */
    bool filtered;              /* the filter has a rule */
    bool closed;                /* no RECEIVE capability is left */
    struct port_filter filter;
    struct list_node closing_link;  /* on the list of closed ports to empty */
    struct ipc_quota_charge charge; /* one port, given back at release; none for a queue's */
};

/* A waiter's outcome: still waiting, or why it was taken off the list. */
enum port_outcome {
    PORT_WAITING = 1,   /* on the list; nobody has answered yet */
    PORT_DELIVERED = 2, /* a message was written into its buffers */
    PORT_RETRY = 3,     /* look at the port again (a message came, room was made) */
};                      /* or a negative IPC error: -IPC_ERR_PEER_CLOSED */

struct port_waiter {
    struct list_node link;   /* in port->receivers or port->senders */
    struct wait_queue queue; /* where its thread sleeps, alone */
    struct thread *thread;
    struct delivery_target target; /* receivers: where a message goes */
    int outcome;                   /* enum port_outcome, or -IPC_ERR_* */
};

/* The fast path's answer when a precondition fails: take the general path. */
#define PORT_FASTPATH_MISSED 1

static inline struct port *port_of(struct ipc_object *object)
{
    return (struct port *)object; /* the object is the port's first member */
}

/* A new open port of `owner_pid`'s, with one reference (the caller's) and
 * no capability yet. depth 0: IPC_PORT_DEPTH_DEFAULT. Charged one port to
 * `account` (and the system's totals) until it is released: -IPC_ERR_QUOTA
 * beyond either limit. A NULL account charges nothing (a POSIX queue's
 * port, which FP_MQ_OPEN_MAX bounds). */
int port_create(uint32_t depth, uint32_t owner_pid, struct ipc_quota_account *account, struct port **port);

/* New limits and filter; senders waiting for room look again. */
int port_configure(struct port *port, const struct ipc_port_config *config);

/* Send the message described by checked-in `args` (the current process's
 * user memory, its table `table`): the fast path if it applies, else the
 * general one. flags and transaction_id are the kernel's (IPC_MSG_CALL).
 * `deadline` is a tick (ipc_deadline) for waiting while full. */
int port_send_args(struct port *port, const struct ipc_send_args *args, struct cap_table *table,
                   uint16_t flags, uint64_t transaction_id, uint64_t deadline);

/* Send a message built from kernel memory, never waiting: broadcast's
 * copies and the system endpoint's events (sender_pid 0 for the kernel).
 * The header's type, length and priority are used; no capabilities. The
 * port's checks apply as to any sender: -IPC_ERR_FULL, -IPC_ERR_PEER_CLOSED,
 * -IPC_ERR_FILTERED... each counted by the port. */
int port_send_kernel(struct port *port, const struct ipc_msg_header *header, const void *payload,
                     uint32_t sender_pid);

/* Receive the next message into `target` (the current process), waiting
 * until `deadline` for one. */
int port_receive(struct port *port, const struct delivery_target *target, uint64_t deadline);

/* port_fastpath.c: a small message without capabilities or filter, for a
 * receiver already waiting, handed over without queueing or allocation.
 * IPC_OK, or PORT_FASTPATH_MISSED. */
int port_fastpath(struct port *port, const struct ipc_send_args *args, uint16_t flags,
                  uint64_t transaction_id);

/* A message was written into a waiting receiver (the hand-off): count,
 * trace, take it off the list, wake it and let it run next. */
void port_hand_off(struct port *port, struct port_waiter *receiver, const struct ipc_msg_header *header,
                   const void *payload);

/* Sleep on `queue` (ipc_sleep) until *outcome is no longer PORT_WAITING
 * or `deadline` (a tick from ipc_deadline) passes: 0, -IPC_ERR_TIMEOUT or
 * -IPC_ERR_INTERRUPTED. A waiter's and a caller's sleep (port_call.c). */
int port_await_outcome(struct wait_queue *queue, const int *outcome, uint64_t deadline);

/* For the kernel's own users of a port no capability names (a POSIX Unix
 * socket's: its records, descriptors or connections), which build and
 * take whole messages:
 *
 * port_send_message: send a message the caller built (message_allocate),
 * the general path's checks and waiting included (not port_check's: the
 * caller bounds the size). The port owns the message from then on, and
 * frees it if it refuses it.
 * port_next_message: the message at the head of the queue in *out, left
 * there; when there is none, wait (until `deadline`) for the next change,
 * and then *out NULL says "look again". -IPC_ERR_EMPTY (deadline 0),
 * -IPC_ERR_PEER_CLOSED, -IPC_ERR_TIMEOUT, -IPC_ERR_INTERRUPTED. A kernel
 * receiver waits on the receivers list with no target process: it is
 * never handed a message, only told to look.
 * port_consume: take that head message off the queue (counted and traced
 * as received, a waiting sender told to look); the caller frees it.
 * port_wake_waiters: every waiting receiver and sender looks again, and
 * so do wait sets watching the port (their caller's own state changed: a
 * shutdown, a peer that went away). */
int port_send_message(struct port *port, struct ipc_message *message, uint64_t deadline);
int port_next_message(struct port *port, uint64_t deadline, struct ipc_message **out);
void port_consume(struct port *port, struct ipc_message *message);
void port_wake_waiters(struct port *port);

/* Close a port no capability names, held by the kernel alone (a POSIX
 * message queue): as when its last RECEIVE capability goes, waiters fail
 * with IPC_ERR_PEER_CLOSED and the queue is emptied. The caller then drops
 * its reference. */
void port_close(struct port *port);

/* Receivers and senders waiting now (statistics). */
uint32_t port_waiting(const struct list_node *waiters);

#endif
