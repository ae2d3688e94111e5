/*
 * names.h - the kernel's name service: "SYSTEM::VFS" or
 * "/var/run/logd.sock" stands for a capability anyone can look up.
 *
 * Layer: native IPC, on name_table.c (the pure hash table) and the
 * capability tables. Binding needs IPC_RIGHT_GRANT: the name holds a copy
 * derived from the binder's capability, so revoking that capability also
 * disables the name, and a lookup receives a copy derived from the name's,
 * with the rights the binder chose for lookups. Only the binder unbinds a
 * name, and its names go when it exits (names_release).
 * Locking: the caller holds the IPC lock.
 */
#ifndef FREEPORT_IPC_NAMES_H
#define FREEPORT_IPC_NAMES_H

#include <stddef.h>
#include <stdint.h>

struct ipc_process;

/* Once, at boot (ipc_init). */
void names_init(void);

/* `name` (length bytes, already in the kernel) stands for a copy of the
 * capability `token`; lookups get `rights` (a subset of its own). */
int names_bind(struct ipc_process *binder, const char *name, size_t length, uint64_t token, uint16_t rights);

/* A capability to what `name` stands for, in the caller's table. */
int names_lookup(struct ipc_process *process, const char *name, size_t length, uint64_t *token);

int names_unbind(struct ipc_process *process, const char *name, size_t length);

/* The process is exiting: its names go. */
void names_release(struct ipc_process *process);

/* Names bound now (statistics). */
uint64_t names_count(void);

#endif
