/*
 * port_filter.h - a port's optional message filter: which types may be
 * sent, how long a message may be, and how many messages each sender may
 * send per window of ticks.
 *
 * Layer: native IPC (pure; host unit-tested by tests/unit/test_port_filter.c).
 * The port asks twice: port_filter_check() before it takes a message (type
 * and size: IPC_ERR_FILTERED), and port_filter_charge() at the moment it
 * accepts one (the rate: IPC_ERR_RATE_LIMITED), so a message the port
 * refuses for another reason (full) costs its sender nothing.
 *
 * Rate windows are per sender and fixed: a sender's window starts with
 * its first message and lasts rate_window_ticks; within it, rate_messages
 * are accepted. The filter remembers PORT_FILTER_SENDERS senders; a new one
 * takes the place of the one whose window started longest ago. So the
 * limit binds each of up to PORT_FILTER_SENDERS busy senders at once; with
 * more, the oldest is forgotten early (a fairness tool, not a wall).
 *
 * Invariant: senders[i].pid == 0 marks a free place (pids start at 1).
 * Locking: the caller holds the IPC lock.
 */
#ifndef FREEPORT_IPC_PORT_FILTER_H
#define FREEPORT_IPC_PORT_FILTER_H

#include <stdbool.h>
#include <stdint.h>
#include "uapi/freeport/ipc.h"

#define PORT_FILTER_SENDERS 16

struct port_filter_sender {
    uint32_t pid;
    uint32_t count;        /* messages accepted in its window */
    uint64_t window_start; /* tick */
};

struct port_filter {
    uint64_t allowed_types; /* bit t: type t may be sent; 0: any type */
    uint32_t max_size;      /* 0: any size */
    uint32_t rate_messages; /* per window; 0: no limit */
    uint32_t rate_window_ticks;
    struct port_filter_sender senders[PORT_FILTER_SENDERS];
};

/* Set the rules from a configuration; forgets every sender's count.
 * -IPC_ERR_INVALID_ARGUMENT (nothing changes) for a rate without a window. */
int port_filter_configure(struct port_filter *filter, const struct ipc_port_config *config);

/* Does the filter have any rule? (The fast path only runs when not.) */
bool port_filter_active(const struct port_filter *filter);

/* Type and size: 0, or -IPC_ERR_FILTERED. Changes nothing. */
int port_filter_check(const struct port_filter *filter, uint32_t type, uint32_t length);

/* Count one message of `sender` at tick `now`: 0, or -IPC_ERR_RATE_LIMITED
 * (not counted) if its window is used up. */
int port_filter_charge(struct port_filter *filter, uint32_t sender, uint64_t now);

#endif
