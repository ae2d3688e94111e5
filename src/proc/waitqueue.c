/*
 * waitqueue.c - sleeping until woken, until a deadline, or until a signal.
 *
 * Layer: processes (the interface and its rule are in waitqueue.h). A
 * sleeping thread is on its queue's `sleepers` list through queue_node,
 * and, when it has a deadline, on `timed_sleepers` through timer_node. Every
 * way a sleep ends goes through wake(): it takes the thread off both lists,
 * records why it woke (0, -EINTR, -ETIMEDOUT) and makes it ready.
 *
 * Invariants: interrupts are off whenever a list changes (interrupt
 * handlers wake sleepers; on SMP a per-queue spinlock would be taken
 * there, and the scheduler's lock while the thread goes to sleep);
 * a thread with waiting_on == NULL is on no sleepers list.
 */
#include "proc/waitqueue.h"
#include "proc/process.h"
#include "proc/scheduler.h"
#include "proc/sleep.h"
#include "arch/arch.h"
#include "errno.h"

static struct list_node timed_sleepers = LIST_HEAD_INIT(timed_sleepers);

void wait_queue_init(struct wait_queue *queue)
{
    list_init(&queue->sleepers);
}

static bool interrupted_by_signal(const struct thread *thread)
{
    return thread->process && signal_is_deliverable(thread->process);
}

static int sleep_on(struct wait_queue *queue, bool timed, uint64_t deadline_tick)
{
    struct thread *self = thread_current();
    int enabled = arch_irq_save(), result;

    if (interrupted_by_signal(self))
        result = -EINTR;
    else if (timed && deadline_tick <= arch_ticks())
        result = -ETIMEDOUT;
    else {
        self->waiting_on = queue;
        self->wake_result = 0;
        self->deadline_tick = deadline_tick;
        list_push_back(&queue->sleepers, &self->queue_node);
        if (timed)
            list_push_back(&timed_sleepers, &self->timer_node);
        self->state = THREAD_SLEEPING;
        schedule();
        result = self->wake_result;
    }
    arch_irq_restore(enabled);
    return result;
}

int wait_queue_sleep(struct wait_queue *queue)
{
    return sleep_on(queue, false, 0);
}

int wait_queue_sleep_until(struct wait_queue *queue, uint64_t deadline_tick)
{
    return sleep_on(queue, true, deadline_tick);
}

static void wake(struct thread *thread, int result)
{
    list_remove(&thread->queue_node);
    list_remove(&thread->timer_node);
    thread->waiting_on = NULL;
    thread->wake_result = result;
    scheduler_make_ready(thread);
}

void wait_queue_wake_one(struct wait_queue *queue)
{
    int enabled = arch_irq_save();

    if (!list_empty(&queue->sleepers))
        wake(list_entry(queue->sleepers.next, struct thread, queue_node), 0);
    arch_irq_restore(enabled);
}

void wait_queue_wake_all(struct wait_queue *queue)
{
    int enabled = arch_irq_save();

    while (!list_empty(&queue->sleepers))
        wake(list_entry(queue->sleepers.next, struct thread, queue_node), 0);
    arch_irq_restore(enabled);
}

void wait_queue_expire_deadlines(uint64_t now)
{
    list_for_each_safe(node, &timed_sleepers) {
        struct thread *thread = list_entry(node, struct thread, timer_node);
        if (thread->deadline_tick <= now)
            wake(thread, -ETIMEDOUT);
    }
}

void wait_queue_interrupt(struct thread *thread)
{
    if (thread->state == THREAD_SLEEPING && thread->waiting_on)
        wake(thread, -EINTR);
}
