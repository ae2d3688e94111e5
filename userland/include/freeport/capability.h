/*
 * <freeport/capability.h> - capabilities (tokens naming IPC objects, with
 * rights) and the name service that publishes them.
 *
 * Layer: Freeport SDK header; implemented in userland/libc/ipc_capability.c,
 * one system call each. Every function returns 0 or -IPC_ERR_* of
 * <freeport/ipc.h> directly: none sets errno. docs/ipc.md, "Objects and
 * capabilities" and "Names".
 */
#ifndef FREEPORT_CAPABILITY_H
#define FREEPORT_CAPABILITY_H

#include <freeport/ipc.h>
#include <stdint.h>
#include <sys/cdefs.h>

__BEGIN_DECLS
int cap_close(uint64_t token);
/* A copy with `rights`, which must be a subset of the token's. */
int cap_derive(uint64_t token, uint32_t rights, uint64_t *new_token);
/* Every copy derived from token, in any process, becomes stale. */
int cap_revoke(uint64_t token);
int cap_info(uint64_t token, struct ipc_cap_info *info);

/* Names are NUL-terminated strings here (1..IPC_NAME_MAX bytes). */
int ns_bind(const char *name, uint64_t token, uint32_t rights_for_lookups);
int ns_lookup(const char *name, uint64_t *token);
int ns_unbind(const char *name);
__END_DECLS

#endif
