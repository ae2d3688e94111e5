/*
 * thread.c - creating and ending threads, and the last step before user
 * mode.
 *
 * Layer: processes, on the scheduler and arch/context.h. A new thread's
 * stack is prepared (arch_context_prepare) so that the first switch to it
 * runs thread_start_kernel or thread_start_user on it:
 *
 *   kernel thread:  [top] initial context -> thread_start_kernel(thread)
 *   user thread:    [top] user trap frame, initial context -> thread_start_user(thread)
 *
 * Invariants: thread ids are never reused; threads_alive counts every
 * thread not yet destroyed, the idle thread included.
 */
#include "proc/thread.h"
#include "proc/process.h"
#include "proc/scheduler.h"
#include "arch/arch.h"
#include "arch/context.h"
#include "lib/string.h"
#include "mm/heap.h"
#include "panic.h"

static int next_thread_id = 1; /* 0 is the idle thread */
static uint64_t threads_alive = 1;

static struct thread *thread_alloc(const char *name, int priority)
{
    struct thread *thread = kzalloc(sizeof(*thread));

    if (!thread)
        return NULL;
    if (kernel_stack_alloc(&thread->stack) < 0) {
        kfree(thread);
        return NULL;
    }
    thread->id = next_thread_id++;
    strlcpy(thread->name, name, sizeof(thread->name));
    thread->priority = priority;
    thread->state = THREAD_SLEEPING; /* not runnable until made ready */
    thread->syscall_number = -1;
    arch_fpu_init_state(thread->fpu_state);
    list_init(&thread->queue_node);
    list_init(&thread->timer_node);
    threads_alive++;
    return thread;
}

static void thread_start_kernel(void *argument)
{
    struct thread *thread = argument;

    scheduler_finish_switch();
    arch_irq_enable();
    thread->entry(thread->argument);
    thread_exit();
}

static void thread_start_user(void *argument)
{
    struct thread *thread = argument;

    scheduler_finish_switch();
    thread_return_to_user(thread->user_frame);
    arch_enter_user(thread->user_frame);
}

struct thread *thread_create_kernel(const char *name, void (*entry)(void *), void *argument, int priority)
{
    struct thread *thread = thread_alloc(name, priority);

    if (!thread)
        return NULL;
    thread->entry = entry;
    thread->argument = argument;
    thread->saved_stack_pointer = arch_context_prepare(thread->stack.top, thread_start_kernel, thread);
    scheduler_make_ready(thread);
    return thread;
}

struct thread *thread_create_user(struct process *process)
{
    struct thread *thread = thread_alloc(process->name, THREAD_PRIORITY_USER);

    if (!thread)
        return NULL;
    thread->process = process;
    thread->user_frame = (struct trap_frame *)(thread->stack.top - USER_FRAME_SIZE);
    thread->saved_stack_pointer =
        arch_context_prepare((uintptr_t)thread->user_frame, thread_start_user, thread);
    return thread;
}

void thread_exit(void)
{
    struct thread *self = thread_current();

    arch_irq_save();
    self->state = THREAD_DEAD;
    schedule();
    panic("thread %d (%s) ran after it exited", self->id, self->name);
}

void thread_destroy(struct thread *thread)
{
    kernel_stack_free(&thread->stack);
    kfree(thread);
    threads_alive--;
}

uint64_t thread_count(void)
{
    return threads_alive;
}

/* The one way back to user mode, interrupts off: first let others run if
 * this thread's turn is over, then deliver signals (which may end the
 * process: then this never returns). */
void thread_return_to_user(struct trap_frame *frame)
{
    if (scheduler_should_switch())
        schedule();
    signal_deliver(frame);
}
