/*
 * syscalls.h - native IPC's system calls, kernel side (numbers 100-139 of
 * <freeport/syscall.h>).
 *
 * Layer: native IPC (system-call side). proc/syscall_table.c calls these
 * with the raw register arguments (see the calling convention there);
 * pointers are user addresses, touched only through proc/usercopy.h. Each
 * returns 0 (or a count) or -IPC_ERR_* of <freeport/ipc.h>, never -errno.
 * One family per file:
 *   sys_port.c    ports and call/reply        sys_cap.c    capabilities
 *   sys_names.c   the name service            sys_stats.c  statistics and trace
 *   sys_channel.c channels                    sys_shm.c    shared memory
 *   sys_waitset.c wait sets                   sys_broadcast.c broadcast, system endpoint
 *   sys_transport_stats.c  counters of the four above
 */
#ifndef FREEPORT_IPC_SYSCALLS_H
#define FREEPORT_IPC_SYSCALLS_H

#include <stddef.h>
#include <stdint.h>
#include "uapi/freeport/ipc.h"

/* sys_port.c */
long sys_port_create(uint32_t depth, uint64_t *token);
long sys_port_send(uint64_t token, const struct ipc_send_args *args);
long sys_port_receive(uint64_t token, struct ipc_receive_args *args);
long sys_port_call(uint64_t token, const struct ipc_send_args *request, struct ipc_receive_args *reply);
long sys_port_reply(uint64_t transaction_id, const struct ipc_send_args *args);
long sys_port_configure(uint64_t token, const struct ipc_port_config *config);

/* sys_cap.c */
long sys_cap_close(uint64_t token);
long sys_cap_derive(uint64_t token, uint32_t rights, uint64_t *new_token);
long sys_cap_revoke(uint64_t token);
long sys_cap_info(uint64_t token, struct ipc_cap_info *info);

/* sys_names.c */
long sys_ns_bind(const char *name, size_t length, uint64_t token, uint32_t rights);
long sys_ns_lookup(const char *name, size_t length, uint64_t *token);
long sys_ns_unbind(const char *name, size_t length);

/* sys_stats.c */
long sys_ipc_stats(uint32_t what, uint64_t argument, void *out);
long sys_ipc_trace_control(uint32_t enable);
long sys_ipc_trace_read(uint64_t *cursor, struct ipc_trace_event *events, uint32_t max, uint64_t *missed);

/* sys_channel.c */
long sys_channel_create(uint64_t capacity, uint64_t *tokens);
long sys_channel_map(uint64_t token, struct ipc_channel_map *map);
long sys_channel_wait(uint64_t token, uint32_t direction, uint32_t expected_events, uint64_t timeout);
long sys_channel_wake(uint64_t token, uint32_t direction);

/* sys_shm.c */
long sys_shm_create(uint64_t size, uint64_t *token);
long sys_shm_map(uint64_t token, uint64_t *address);
long sys_shm_unmap(uint64_t address);
long sys_shm_transfer(uint64_t token, uint64_t port_token, uint32_t type);

/* sys_waitset.c */
long sys_waitset_create(uint64_t *token);
long sys_waitset_add(uint64_t set_token, uint64_t token, uint32_t events, uint64_t cookie);
long sys_waitset_remove(uint64_t set_token, uint64_t token);
long sys_waitset_wait(uint64_t set_token, struct ipc_ready *ready, uint32_t max, uint64_t timeout);

/* sys_broadcast.c */
long sys_broadcast_create(uint64_t *token);
long sys_broadcast_subscribe(uint64_t token, uint64_t port_token);
long sys_broadcast_unsubscribe(uint64_t token, uint64_t port_token);
long sys_broadcast_publish(uint64_t token, const struct ipc_send_args *args);
long sys_broadcast_stats(uint64_t token, uint64_t port_token, struct ipc_broadcast_stats *stats);
long sys_system_subscribe(uint64_t port_token, uint32_t mask);
long sys_system_stats(uint64_t port_token, struct ipc_broadcast_stats *stats);

/* sys_transport_stats.c */
long sys_ipc_transport_stats(struct ipc_transport_stats *stats);

#endif
