/*
 * ipc_wait.h - sleeping in native IPC: timeouts as deadlines, and the
 * errors a wait ends with.
 *
 * Layer: native IPC, on proc/waitqueue.h and proc/clock.h. Timeouts are
 * the uapi's (<freeport/ipc.h>): nanoseconds from the start of the call,
 * IPC_TIMEOUT_NONE never waits, IPC_TIMEOUT_FOREVER has no end. A deadline
 * is the timer tick at which the wait gives up, rounded up so a wait is
 * never cut short.
 * The sleep rule is waitqueue.h's: interrupts off from the check of the
 * condition until the sleep, and the condition checked again after it.
 */
#ifndef FREEPORT_IPC_IPC_WAIT_H
#define FREEPORT_IPC_IPC_WAIT_H

#include <stdint.h>

struct wait_queue;

#define IPC_DEADLINE_NEVER UINT64_MAX

/* The deadline tick of a wait of `timeout` nanoseconds starting now. */
uint64_t ipc_deadline(uint64_t timeout);

/* Sleep on `queue` until woken (0), the deadline (-IPC_ERR_TIMEOUT) or a
 * signal (-IPC_ERR_INTERRUPTED). Interrupts off, as for wait_queue_sleep. */
int ipc_sleep(struct wait_queue *queue, uint64_t deadline);

#endif
