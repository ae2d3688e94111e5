/*
 * scheduler.h - who runs next: round-robin within priority levels.
 *
 * Layer: processes. One CPU; the running thread is thread_current(). Every
 * READY thread waits on the run queue of its priority; schedule() takes the
 * first thread of the highest non-empty queue, or the idle thread when all
 * are empty. A thread that used up its time slice goes to the back of its
 * queue, so threads of equal priority take turns.
 *
 * Preemption: the timer tick only counts. A thread is switched away from
 * only when it sleeps (wait_queue_sleep), yields, exits, or is about to
 * return to user mode with its slice used up (or a higher-priority thread
 * ready). So kernel code is never preempted: between two sleeps it runs
 * alone, and kernel data shared between threads needs no lock on one CPU.
 * Data shared with interrupt handlers still needs interrupts off.
 *
 * Invariants: schedule() is called with interrupts off; the idle thread is
 * never on a run queue and never sleeps.
 */
#ifndef FREEPORT_PROC_SCHEDULER_H
#define FREEPORT_PROC_SCHEDULER_H

#include <stdbool.h>
#include "proc/thread.h"

#define SCHEDULER_SLICE_TICKS 5 /* 50 ms at 100 Hz */

/* Make the boot flow the idle thread and start counting ticks. Once, from
 * kmain, before interrupts are enabled. */
void scheduler_init(void);

struct thread *thread_current(void);

/* Put `thread` on its run queue (from any state but RUNNING and DEAD). */
void scheduler_make_ready(struct thread *thread);

/* Make a READY thread the next to run at its priority: the front of its
 * run queue instead of the back. The IPC fast path hands the CPU to the
 * receiver it just woke this way, then sleeps: the switch goes straight to
 * it, unless a thread of higher priority is ready (priorities still rule).
 * Does nothing to a thread that is not READY. */
void scheduler_run_next(struct thread *thread);

/* Run the best READY thread; the current one stays READY if it was
 * RUNNING. Interrupts off. Returns when this thread is chosen again. */
void schedule(void);

/* Let every other READY thread of this priority or higher run first. */
void scheduler_yield(void);

/* The slice is over or a more urgent thread is ready. */
bool scheduler_should_switch(void);

/* After a switch, in the thread switched to: free the thread switched
 * from if it was DEAD. Called by schedule() and by a new thread first. */
void scheduler_finish_switch(void);

/* The run queues hold READY threads of their priority, none waiting much
 * longer than its turn; problems go into `report` (kcheck.h, SYS_kcheck). */
struct freeport_kcheck;
void scheduler_check(struct freeport_kcheck *report);

/* The boot thread becomes the idle thread: halt until there is work. */
__attribute__((noreturn)) void scheduler_idle(void);

#endif
