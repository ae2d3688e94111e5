/*
 * ipc_wait.c - timeouts and sleeping for native IPC (see ipc_wait.h).
 *
 * Layer: native IPC, on the processes layer's wait queues and clocks.
 */
#include "ipc/ipc_wait.h"
#include "errno.h"
#include "proc/clock.h"
#include "proc/waitqueue.h"
#include "uapi/freeport/ipc.h"

uint64_t ipc_deadline(uint64_t timeout)
{
    uint64_t now = clock_monotonic_ns();

    if (timeout == IPC_TIMEOUT_NONE)
        return 0; /* already passed: a sleep ends at once */
    if (timeout == IPC_TIMEOUT_FOREVER || timeout > UINT64_MAX - now)
        return IPC_DEADLINE_NEVER;
    return clock_tick_at(now + timeout);
}

int ipc_sleep(struct wait_queue *queue, uint64_t deadline)
{
    int error =
        deadline == IPC_DEADLINE_NEVER ? wait_queue_sleep(queue) : wait_queue_sleep_until(queue, deadline);

    if (error == -ETIMEDOUT)
        return -IPC_ERR_TIMEOUT;
    if (error == -EINTR)
        return -IPC_ERR_INTERRUPTED;
    return error;
}
