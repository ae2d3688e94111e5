/*
 * sleep.h - ending a thread's sleep from outside its wait queue: when its
 * deadline passes (the tick) or a signal arrives (signal.c).
 *
 * Layer: processes; the other half of waitqueue.c. Interrupts off.
 */
#ifndef FREEPORT_PROC_SLEEP_H
#define FREEPORT_PROC_SLEEP_H

#include <stdint.h>

struct thread;

/* Wake, with -ETIMEDOUT, every sleeper whose deadline is at or before `now`. */
void wait_queue_expire_deadlines(uint64_t now);

/* If `thread` sleeps, wake it with -EINTR. */
void wait_queue_interrupt(struct thread *thread);

#endif
