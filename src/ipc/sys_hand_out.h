/*
 * sys_hand_out.h - how a system call gives the caller a capability it has
 * just put in the caller's table (a new object's, a lookup's, a derived
 * copy): its token written to user memory, or the capability closed again
 * if that faults, so a failed call leaves nothing behind.
 *
 * Layer: native IPC (system-call side), private to the sys_*.c files,
 * next to sys_user.h.
 */
#ifndef FREEPORT_IPC_SYS_HAND_OUT_H
#define FREEPORT_IPC_SYS_HAND_OUT_H

#include <stdint.h>
#include "ipc/object.h"

struct ipc_process;

/* Give the caller a capability with `rights` to a new `object`, taking
 * over the creator's reference, and write its token to *user_token (and
 * to *token if not NULL). On failure the reference is dropped (the object
 * goes) and nothing is left in the table. */
int ipc_hand_out(struct ipc_process *self, struct ipc_object *object, uint16_t rights, uint64_t *user_token,
                 uint64_t *token);

/* Write `token`, already in the caller's table, to *user_token; if that
 * faults, close it again. */
int ipc_hand_out_token(struct ipc_process *self, uint64_t token, uint64_t *user_token);

#endif
