/*
 * errno_map.h - the one table that turns native IPC errors into errno.
 *
 * Layer: POSIX. Native IPC (src/ipc/) answers with -IPC_ERR_* of
 * <freeport/ipc.h>; a POSIX system call answers with -errno. Every POSIX
 * call built on native IPC passes its native result through
 * posix_result() on the way out, and nothing else in the kernel converts
 * between the two spaces. docs/posix.md explains each choice.
 */
#ifndef FREEPORT_POSIX_ERRNO_MAP_H
#define FREEPORT_POSIX_ERRNO_MAP_H

/* The errno for IPC error `code` (a positive IPC_ERR_* value); EIO for a
 * code the table does not know (a kernel bug, never a user's doing). */
int posix_errno_of(int code);

/* A native result as POSIX returns it: counts (>= 0) unchanged,
 * -IPC_ERR_x as -errno. */
static inline long posix_result(long native)
{
    return native >= 0 ? native : -posix_errno_of((int)-native);
}

#endif
