/*
 * system_endpoint.h - the kernel's own broadcast: process exits,
 * capability violations and kernel log lines, as messages (types and
 * payloads in <freeport/ipc.h>) on the ports that subscribed; also console
 * device claims refused (fs/device_claim.c reports them through a hook).
 *
 * Layer: native IPC, on broadcast.c. Events happen in awkward places - a
 * capability refused in the middle of another IPC operation, a printk with
 * interrupts off or in an interrupt handler - so they are never published
 * where they happen: they are copied into a small queue (interrupt-safe)
 * and a kernel thread, "sysevents", publishes them (log lines within a
 * tick). Publishing is thus always plain thread context, never
 * re-entrant. The thread lives only while subscriptions exist. An event no subscriber
 * wants is not even queued; one that finds the queue full is counted as
 * lost, and so is a log line printed by the publishing thread itself
 * (which could otherwise feed itself forever).
 * Locking: the queue with interrupts off; the rest under the IPC lock.
 */
#ifndef FREEPORT_IPC_SYSTEM_ENDPOINT_H
#define FREEPORT_IPC_SYSTEM_ENDPOINT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct ipc_object;
struct ipc_process;
struct ipc_broadcast_stats;
struct process;

/* Create the endpoint and hook printk. Once, at boot. */
void system_endpoint_init(void);

/* Have `port` receive the events in `mask` (IPC_SYSTEM_MASK bits); mask 0
 * ends the subscription. -IPC_ERR_INVALID_ARGUMENT for unknown bits, or
 * mask 0 without a subscription. */
int system_endpoint_subscribe(struct ipc_process *subscriber, struct ipc_object *port, uint32_t mask);

/* The counters of `subscriber`'s subscription with `port`, or of the whole
 * endpoint when port is NULL. */
int system_endpoint_stats(struct ipc_process *subscriber, struct ipc_object *port,
                          struct ipc_broadcast_stats *stats);

/* Events. Any context. */
void system_endpoint_process_exited(struct process *process);
void system_endpoint_capability_refused(int pid, uint64_t token, int error);
void system_endpoint_device_refused(int pid, int device, int error);     /* device_claim refused */
void system_endpoint_quota_refused(unsigned resource, bool system_wide); /* quota.c's refusal hook */
void system_endpoint_log(const char *line, size_t length);

/* Since boot: events queued, and events lost (queue full, or recursive). */
extern uint64_t system_events_queued, system_events_lost;

#endif
