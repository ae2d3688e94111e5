/*
 * userland/libc/ipc_capability.c - <freeport/capability.h>: one system
 * call each; names go to the kernel as (address, length).
 *
 * Layer: libfreeport. Results are the kernel's (0 or -IPC_ERR_*), no errno.
 */
#include <freeport/capability.h>
#include <string.h>
#include "syscall.h"

int cap_close(uint64_t token)
{
    return (int)SYSCALL(SYS_cap_close, token);
}

int cap_derive(uint64_t token, uint32_t rights, uint64_t *new_token)
{
    return (int)SYSCALL(SYS_cap_derive, token, rights, new_token);
}

int cap_revoke(uint64_t token)
{
    return (int)SYSCALL(SYS_cap_revoke, token);
}

int cap_info(uint64_t token, struct ipc_cap_info *info)
{
    return (int)SYSCALL(SYS_cap_info, token, info);
}

int ns_bind(const char *name, uint64_t token, uint32_t rights_for_lookups)
{
    return (int)SYSCALL(SYS_ns_bind, name, strlen(name), token, rights_for_lookups);
}

int ns_lookup(const char *name, uint64_t *token)
{
    return (int)SYSCALL(SYS_ns_lookup, name, strlen(name), token);
}

int ns_unbind(const char *name)
{
    return (int)SYSCALL(SYS_ns_unbind, name, strlen(name));
}
