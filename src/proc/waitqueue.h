/*
 * waitqueue.h - sleeping until something happens, xv6-style.
 *
 * Layer: processes. A wait queue is a list of sleeping threads. The rule, as
 * in xv6's sleep/wakeup: check the condition and go to sleep with interrupts
 * off, so a wake-up cannot slip in between; always re-check the condition in
 * a loop after waking:
 *
 *     int enabled = arch_irq_save();
 *     while (!ring_has_data(ring)) {
 *         int error = wait_queue_sleep(&ring->readers);
 *         if (error) { arch_irq_restore(enabled); return error; }   // -EINTR
 *     }
 *     ...
 *     arch_irq_restore(enabled);
 *
 * wait_queue_sleep() returns 0 when woken, or -EINTR when a signal is pending
 * for the thread (before or during the sleep). wait_queue_sleep_until() also
 * returns -ETIMEDOUT once the tick count reaches `deadline_tick`.
 */
#ifndef FREEPORT_PROC_WAITQUEUE_H
#define FREEPORT_PROC_WAITQUEUE_H

#include <stdint.h>
#include "lib/list.h"

struct wait_queue {
    struct list_node sleepers;
};

#define WAIT_QUEUE_INIT(name) { LIST_HEAD_INIT((name).sleepers) }

void wait_queue_init(struct wait_queue *queue);
int wait_queue_sleep(struct wait_queue *queue);
int wait_queue_sleep_until(struct wait_queue *queue, uint64_t deadline_tick);
void wait_queue_wake_one(struct wait_queue *queue);
void wait_queue_wake_all(struct wait_queue *queue);

#endif
