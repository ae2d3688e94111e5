/*
 * scheduler.c - run queues, the switch, the tick, the idle thread.
 *
 * Layer: processes (see scheduler.h for the policy). The running thread is
 * `current`; READY threads wait on ready_queues[priority]. A switch is:
 *
 *   schedule()  pick next -> point TSS.rsp0 and the syscall stack at its
 *               kernel stack -> load its address space -> swap the x87/SSE
 *               registers -> arch_context_switch -> (later, back in this
 *               thread) scheduler_finish_switch()
 *
 * Kernel threads, and a process between freeing its memory and its end,
 * keep whatever address space was loaded: they only use the kernel half,
 * which every space shares.
 *
 * The tick (timer interrupt, interrupts off) stamps the clock (clock.c),
 * charges the tick to the running process, wakes sleepers whose deadline
 * has come, posts due alarms, and counts down the slice. If the thread it interrupted was running user
 * code, the tick is also a return to user mode: thread_return_to_user()
 * may switch and deliver signals right there.
 *
 * Invariants: interrupts are off whenever the queues, `current` or
 * `switched_from` change; the idle thread is never queued.
 */
#include "proc/scheduler.h"
#include "proc/clock.h"
#include "proc/process.h"
#include "proc/sleep.h"
#include "arch/arch.h"
#include "arch/context.h"
#include "kcheck.h"
#include "mm/paging.h"

static struct list_node ready_queues[THREAD_PRIORITIES];
static struct thread idle_thread = {.name = "idle", .state = THREAD_RUNNING};
static struct thread *current = &idle_thread;
static struct thread *switched_from; /* the thread the last switch left */
static bool more_urgent_ready;       /* a ready thread outranks the current one */

struct thread *thread_current(void)
{
    return current;
}

void scheduler_make_ready(struct thread *thread)
{
    int enabled = arch_irq_save();

    thread->state = THREAD_READY;
    thread->ready_since_tick = arch_ticks();
    list_push_back(&ready_queues[thread->priority], &thread->queue_node);
    if (current == &idle_thread || thread->priority > current->priority)
        more_urgent_ready = true;
    arch_irq_restore(enabled);
}

void scheduler_run_next(struct thread *thread)
{
    int enabled = arch_irq_save();

    if (thread->state == THREAD_READY) {
        list_remove(&thread->queue_node);
        list_push_front(&ready_queues[thread->priority], &thread->queue_node);
    }
    arch_irq_restore(enabled);
}

static struct thread *pick_next(void)
{
    for (int priority = THREAD_PRIORITIES - 1; priority >= 0; priority--) {
        struct list_node *node = list_pop_front(&ready_queues[priority]);
        if (node)
            return list_entry(node, struct thread, queue_node);
    }
    return &idle_thread;
}

static void switch_to(struct thread *next)
{
    struct thread *previous = current;

    next->state = THREAD_RUNNING;
    next->slice_left = SCHEDULER_SLICE_TICKS;
    current = next;
    switched_from = previous;
    if (next->stack.top)
        arch_set_kernel_stack(next->stack.top);
    if (next->process && next->process->address_space)
        address_space_switch(next->process->address_space);
    arch_fpu_save(previous->fpu_state);
    arch_fpu_restore(next->fpu_state);
    arch_context_switch(&previous->saved_stack_pointer, next->saved_stack_pointer);
    scheduler_finish_switch();
}

void schedule(void)
{
    struct thread *self = current;

    more_urgent_ready = false;
    if (self->state == THREAD_RUNNING && self != &idle_thread)
        scheduler_make_ready(self);
    struct thread *next = pick_next();
    if (next == self) {
        self->state = THREAD_RUNNING;
        self->slice_left = SCHEDULER_SLICE_TICKS;
        return;
    }
    switch_to(next);
}

void scheduler_finish_switch(void)
{
    struct thread *previous = switched_from;

    switched_from = NULL;
    if (previous && previous->state == THREAD_DEAD)
        thread_destroy(previous);
}

void scheduler_yield(void)
{
    int enabled = arch_irq_save();

    schedule();
    arch_irq_restore(enabled);
}

bool scheduler_should_switch(void)
{
    return more_urgent_ready || current->slice_left == 0;
}

static void charge_tick(struct thread *thread)
{
    if (!thread->process)
        return;
    if (thread->in_syscall)
        thread->process->system_ticks++;
    else
        thread->process->user_ticks++;
}

static void scheduler_tick(void)
{
    uint64_t now = arch_ticks();

    clock_tick();
    charge_tick(current);
    wait_queue_expire_deadlines(now);
    signal_check_alarms(now);
    if (current->slice_left > 0)
        current->slice_left--;
    if (current->process && !current->in_syscall)
        thread_return_to_user(current->user_frame);
}

/* A ready thread waits for at most the slices of those ahead of it; this
 * margin covers system calls that run long (kernel code is not preempted)
 * and an emulator catching up on ticks it could not deliver in time. */
#define SCHEDULER_STUCK_MARGIN_TICKS 1000

/* One run queue; false if it holds more threads than are alive (a loop). */
static bool check_run_queue(struct freeport_kcheck *report, int priority, uint64_t now, uint64_t alive,
                            uint64_t *queued)
{
    list_for_each(node, &ready_queues[priority]) {
        struct thread *thread = list_entry(node, struct thread, queue_node);
        if (++*queued > alive) {
            kcheck_problem(report, FP_KCHECK_SCHEDULER, "more threads queued than the %lu alive",
                           (unsigned long)alive);
            return false;
        }
        if (thread == &idle_thread || thread == current || thread->state != THREAD_READY ||
            thread->priority != priority)
            kcheck_problem(report, FP_KCHECK_SCHEDULER, "thread %d on run queue %d: state %d, priority %d%s",
                           thread->id, priority, thread->state, thread->priority,
                           thread == current ? ", running" : "");
        else if (now - thread->ready_since_tick > SCHEDULER_SLICE_TICKS * alive + SCHEDULER_STUCK_MARGIN_TICKS)
            kcheck_problem(report, FP_KCHECK_SCHEDULER, "thread %d (%s) ready for %lu ticks without running",
                           thread->id, thread->name, (unsigned long)(now - thread->ready_since_tick));
    }
    return true;
}

void scheduler_check(struct freeport_kcheck *report)
{
    int enabled = arch_irq_save();
    uint64_t now = arch_ticks(), alive = thread_count(), queued = 0;

    if (current->state != THREAD_RUNNING)
        kcheck_problem(report, FP_KCHECK_SCHEDULER, "the running thread %d is in state %d", current->id,
                       current->state);
    for (int priority = THREAD_PRIORITIES - 1; priority >= 0; priority--)
        if (!check_run_queue(report, priority, now, alive, &queued))
            break;
    arch_irq_restore(enabled);
}

void scheduler_init(void)
{
    for (int priority = 0; priority < THREAD_PRIORITIES; priority++)
        list_init(&ready_queues[priority]);
    list_init(&idle_thread.queue_node);
    list_init(&idle_thread.timer_node);
    arch_set_tick_handler(scheduler_tick);
}

void scheduler_idle(void)
{
    for (;;) {
        arch_irq_save();
        if (scheduler_should_switch())
            schedule();
        arch_wait_for_interrupt();
    }
}
