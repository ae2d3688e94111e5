/*
 * <freeport/waitset.h> - wait sets: sleep until one of several ports or
 * channel ends is readable, writable or has lost its peer.
 *
 * Layer: Freeport SDK header; implemented in userland/libc/ipc_waitset.c.
 * Every function returns 0 (or a count) or -IPC_ERR_* of <freeport/ipc.h>.
 * docs/ipc.md, "Wait sets".
 */
#ifndef FREEPORT_WAITSET_H
#define FREEPORT_WAITSET_H

#include <freeport/ipc.h>
#include <stdint.h>
#include <sys/cdefs.h>

__BEGIN_DECLS
int waitset_create(uint64_t *token);
/* Watch a port or channel end for IPC_EVENT_* bits; `cookie` comes back in
 * struct ipc_ready. Adding an object again changes its events and cookie. */
int waitset_add(uint64_t set, uint64_t token, uint32_t events, uint64_t cookie);
int waitset_remove(uint64_t set, uint64_t token);
/* Up to `max` ready entries; returns how many (>= 1), or TIMEOUT. */
int waitset_wait(uint64_t set, struct ipc_ready *ready, uint32_t max, uint64_t timeout);
__END_DECLS

#endif
