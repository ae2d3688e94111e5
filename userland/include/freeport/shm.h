/*
 * <freeport/shm.h> - shared memory regions: map the same frames into
 * several processes; hand a buffer over without copying it.
 *
 * Layer: Freeport SDK header; implemented in userland/libc/ipc_shm.c.
 * Every function returns 0 or -IPC_ERR_* of <freeport/ipc.h>. A mapping
 * lasts until shm_unmap or until the capability it was made with goes
 * (cap_close, revoke, shm_transfer, exit). docs/ipc.md, "Shared memory".
 */
#ifndef FREEPORT_SHM_H
#define FREEPORT_SHM_H

#include <freeport/ipc.h>
#include <stdint.h>
#include <sys/cdefs.h>

__BEGIN_DECLS
/* A zeroed region of `size` bytes; the token has MAP | WRITE | GRANT | REVOKE. */
int shm_create(uint64_t size, uint64_t *token);
/* Map it all: read-write if the token has IPC_RIGHT_WRITE, else read-only. */
int shm_map(uint64_t token, void **address);
int shm_unmap(void *address);
/* Move the region's capability to a port, in a message of `type`: the
 * caller loses the token and every mapping made with it. */
int shm_transfer(uint64_t token, uint64_t port_token, uint32_t type);
__END_DECLS

#endif
