/*
 * <freeport/broadcast.h> - broadcast endpoints (one message, a copy to
 * every subscribed port) and the kernel's system endpoint (process exits,
 * capability violations, log lines).
 *
 * Layer: Freeport SDK header; implemented in userland/libc/ipc_broadcast.c.
 * Every function returns 0 (or a count) or -IPC_ERR_* of <freeport/ipc.h>.
 * Copies arrive on the subscriber's port as ordinary messages. docs/ipc.md,
 * "Broadcast and the system endpoint".
 */
#ifndef FREEPORT_BROADCAST_H
#define FREEPORT_BROADCAST_H

#include <freeport/ipc.h>
#include <stdint.h>
#include <sys/cdefs.h>

__BEGIN_DECLS
int broadcast_create(uint64_t *token);
int broadcast_subscribe(uint64_t token, uint64_t port_token);
int broadcast_unsubscribe(uint64_t token, uint64_t port_token);
/* Returns the number of subscribers whose port took the message. */
int broadcast_publish(uint64_t token, uint32_t type, const void *payload, uint32_t length);
/* The endpoint's counters (port_token 0), or the caller's subscription's. */
int broadcast_stats(uint64_t token, uint64_t port_token, struct ipc_broadcast_stats *stats);

/* The port gets the IPC_SYSTEM_* events in `mask`; 0 unsubscribes. */
int system_subscribe(uint64_t port_token, uint32_t mask);
int system_stats(uint64_t port_token, struct ipc_broadcast_stats *stats);

/* Counters of channels, shared memory, wait sets and broadcast. */
int ipc_transport_stats(struct ipc_transport_stats *stats);
__END_DECLS

#endif
