/*
 * thread.h - a thread: a kernel stack, a saved kernel context, and for
 * user threads the saved user registers at the top of that stack.
 *
 * Layer: processes. Kernel threads (the idle thread, self-test workers)
 * belong to no process; a user thread belongs to exactly one process (one
 * thread per process today). The scheduler (scheduler.h) moves threads
 * between states:
 *
 *   READY --schedule()--> RUNNING --wait_queue_sleep()--> SLEEPING
 *     ^                     |  |                             |
 *     +----- preempted -----+  +--thread_exit()--> DEAD      |
 *     +------------------ woken (wait_queue_wake_*) ---------+
 *
 * Invariants: a thread is on at most one list through queue_node (a run
 * queue while READY, a wait queue while SLEEPING); a DEAD thread's stack is
 * freed by the next thread to run (scheduler_finish_switch), never by
 * itself, since it is still standing on it.
 */
#ifndef FREEPORT_PROC_THREAD_H
#define FREEPORT_PROC_THREAD_H

#include <stdbool.h>
#include <stdint.h>
#include "arch/context.h"
#include "lib/list.h"
#include "proc/kernel_stack.h"

struct process;
struct trap_frame;
struct wait_queue;

enum thread_state { THREAD_READY, THREAD_RUNNING, THREAD_SLEEPING, THREAD_DEAD };

/* Priority levels, highest first to run; the idle thread is below them all. */
#define THREAD_PRIORITIES      4
#define THREAD_PRIORITY_USER   1
#define THREAD_PRIORITY_KERNEL 2

struct thread {
    uintptr_t saved_stack_pointer; /* while not running: its parked context (switch.S) */
    struct kernel_stack stack;     /* top == 0: the boot stack (the idle thread) */
    int id;
    char name[16];
    enum thread_state state;
    int priority;                  /* 0 .. THREAD_PRIORITIES - 1 */
    unsigned slice_left;           /* ticks before it must let others run */
    struct process *process;       /* NULL for kernel threads */
    struct trap_frame *user_frame; /* user threads: the top of the kernel stack */
    struct list_node queue_node;   /* run queue or wait queue */
    uint64_t ready_since_tick;     /* when it last joined a run queue (scheduler_check) */

    /* Sleeping (waitqueue.c). */
    struct wait_queue *waiting_on;
    struct list_node timer_node; /* on the timed sleepers' list if the sleep has a deadline */
    uint64_t deadline_tick;
    int wake_result; /* 0, -EINTR or -ETIMEDOUT */

    /* System calls (syscall_table.c). Never preempted while in_syscall. */
    bool in_syscall;
    long syscall_number;

    void (*entry)(void *); /* kernel threads: what they run */
    void *argument;

    /* The x87/SSE registers while the thread is not running (switched
     * eagerly by the scheduler). */
    uint8_t fpu_state[ARCH_FPU_STATE_SIZE] __attribute__((aligned(16)));
};

/* A kernel thread running entry(argument) at `priority`, READY. NULL if
 * out of memory. Kernel threads are never preempted: they run until they
 * sleep, yield or return (which ends the thread). */
struct thread *thread_create_kernel(const char *name, void (*entry)(void *), void *argument, int priority);

/* A user thread for `process`, not yet READY: the caller fills in
 * *thread->user_frame, then calls scheduler_make_ready(). When it first
 * runs it enters user mode with that frame. NULL if out of memory. */
struct thread *thread_create_user(struct process *process);

/* The running thread ends; it is freed once another runs. */
__attribute__((noreturn)) void thread_exit(void);

/* Free the stack and structure of a DEAD thread (the scheduler, once it
 * stands on another stack) or of one that never ran (a failed fork). */
void thread_destroy(struct thread *thread);

/* Live threads, the idle thread included (SYS_kstat). */
uint64_t thread_count(void);

#endif
