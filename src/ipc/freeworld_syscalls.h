/*
 * freeworld_syscalls.h - FreeWorld's channel system calls, kernel side
 * (numbers 220-224 of <freeport/syscall.h>).
 *
 * Layer: native IPC (system-call side; freeworld_sys.c). Called by
 * proc/syscall_table.c with the raw register arguments; each returns an
 * id, a count, 0, or -IPC_ERR_* (the C library's <freeport/freeworld.h>
 * turns errors into errno through the one IPC-error table).
 */
#ifndef FREEPORT_IPC_FREEWORLD_SYSCALLS_H
#define FREEPORT_IPC_FREEWORLD_SYSCALLS_H

#include <stdint.h>
#include "uapi/freeport/ipc.h"

long sys_fw_create(const char *name, uint64_t length, uint32_t type, uint32_t buffer_size);
long sys_fw_open(const char *name, uint64_t length, uint32_t mode);
long sys_fw_close(uint32_t id);
long sys_fw_send(uint32_t id, const void *buffer, uint32_t size, uint32_t type, uint32_t receiver,
                 uint32_t priority);
long sys_fw_receive(uint32_t id, struct ipc_receive_args *args);

#endif
