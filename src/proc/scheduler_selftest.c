/*
 * scheduler_selftest.c - self-tests of threads, the scheduler and wait
 * queues, run with the `selftest` boot option.
 *
 * Layer: processes (tests only). The runner is the boot thread, which is
 * also the idle thread and must never sleep, so every test starts kernel
 * threads that do the sleeping and waking, and the runner waits for them
 * by yielding and halting until they report `done`. Kernel threads are not
 * preempted, so the order in which they run is exactly the scheduler's
 * choice, and the tests can check it step by step.
 */
#include "proc/scheduler.h"
#include "proc/sleep.h"
#include "proc/waitqueue.h"
#include "arch/arch.h"
#include "arch/context.h"
#include "errno.h"
#include "mm/frame.h"
#include "mm/heap.h"
#include "selftest.h"

#define LOG_MAX 16

struct test_log {
    char entries[LOG_MAX + 1];
    unsigned length;
    unsigned finished;
};

struct worker {
    struct test_log *log;
    char name;
    struct wait_queue *queue;
    int result;
    uint64_t ticks_slept;
};

static void log_append(struct test_log *log, char entry)
{
    if (log->length < LOG_MAX)
        log->entries[log->length++] = entry;
    log->entries[log->length] = 0;
}

/* The runner (boot/idle thread): let the workers run until `count` of them
 * finished. Halts between rounds so timed sleeps can expire. */
static void wait_for_workers(struct test_log *log, unsigned count)
{
    uint64_t give_up = arch_ticks() + 5 * arch_tick_hz();

    while (log->finished < count && arch_ticks() < give_up) {
        scheduler_yield();
        if (log->finished < count)
            arch_wait_for_interrupt();
    }
    /* One more switch, so the last worker to exit is freed. */
    scheduler_yield();
}

static bool counters_equal(struct frame_stats frames, struct heap_stats heap, uint64_t threads)
{
    return frame_stats().free == frames.free && heap_stats().allocations == heap.allocations &&
           thread_count() == threads;
}

static void yield_three_times(void *argument)
{
    struct worker *worker = argument;

    for (int i = 0; i < 3; i++) {
        log_append(worker->log, worker->name);
        scheduler_yield();
    }
    worker->log->finished++;
}

/* Three threads of one priority that yield take strict turns, and every
 * stack and structure comes back once they exit. */
SELFTEST(scheduler_round_robin_within_priority)
{
    struct frame_stats frames = frame_stats();
    struct heap_stats heap = heap_stats();
    uint64_t threads = thread_count();
    struct test_log log = {0};
    struct worker workers[3] = {{&log, 'a', NULL, 0, 0}, {&log, 'b', NULL, 0, 0}, {&log, 'c', NULL, 0, 0}};

    for (int i = 0; i < 3; i++)
        SELFTEST_ASSERT(thread_create_kernel("rr", yield_three_times, &workers[i], THREAD_PRIORITY_KERNEL));
    wait_for_workers(&log, 3);
    SELFTEST_ASSERT(log.finished == 3);
    SELFTEST_ASSERT(log.length == 9);
    for (unsigned i = 0; i < 9; i++)
        SELFTEST_ASSERT(log.entries[i] == "abc"[i % 3]);
    SELFTEST_ASSERT(counters_equal(frames, heap, threads));
}

static void log_once(void *argument)
{
    struct worker *worker = argument;

    log_append(worker->log, worker->name);
    worker->log->finished++;
}

/* A higher priority runs first, whatever the order of creation. */
SELFTEST(scheduler_higher_priority_first)
{
    struct test_log log = {0};
    struct worker low = {&log, 'l', NULL, 0, 0}, high = {&log, 'h', NULL, 0, 0};

    SELFTEST_ASSERT(thread_create_kernel("low", log_once, &low, THREAD_PRIORITY_USER));
    SELFTEST_ASSERT(thread_create_kernel("high", log_once, &high, THREAD_PRIORITIES - 1));
    wait_for_workers(&log, 2);
    SELFTEST_ASSERT(log.finished == 2 && log.entries[0] == 'h' && log.entries[1] == 'l');
}

static void sleep_then_log(void *argument)
{
    struct worker *worker = argument;
    int enabled = arch_irq_save();

    worker->result = wait_queue_sleep(worker->queue);
    arch_irq_restore(enabled);
    log_append(worker->log, worker->name);
    worker->log->finished++;
}

static void waker(void *argument)
{
    struct worker *worker = argument;

    wait_queue_wake_one(worker->queue);
    log_append(worker->log, '1');
    scheduler_yield();
    wait_queue_wake_all(worker->queue);
    log_append(worker->log, '*');
    worker->log->finished++;
}

/* wake_one wakes the longest sleeper; wake_all the rest; each sees 0. */
SELFTEST(wait_queue_wakes_in_order)
{
    struct wait_queue queue = WAIT_QUEUE_INIT(queue);
    struct test_log log = {0};
    struct worker sleepers[3] = {
        {&log, 'a', &queue, -1, 0}, {&log, 'b', &queue, -1, 0}, {&log, 'c', &queue, -1, 0}};
    struct worker wake = {&log, 'w', &queue, 0, 0};

    for (int i = 0; i < 3; i++)
        SELFTEST_ASSERT(
            thread_create_kernel("sleeper", sleep_then_log, &sleepers[i], THREAD_PRIORITY_KERNEL));
    scheduler_yield(); /* all three are asleep now */
    SELFTEST_ASSERT(log.length == 0 && !list_empty(&queue.sleepers));
    SELFTEST_ASSERT(thread_create_kernel("waker", waker, &wake, THREAD_PRIORITY_KERNEL));
    wait_for_workers(&log, 4);
    SELFTEST_ASSERT(log.finished == 4);
    SELFTEST_ASSERT(log.entries[0] == '1' && log.entries[1] == 'a'); /* the first sleeper, woken alone */
    SELFTEST_ASSERT(log.entries[2] == '*' && log.entries[3] == 'b' && log.entries[4] == 'c');
    for (int i = 0; i < 3; i++)
        SELFTEST_ASSERT(sleepers[i].result == 0);
    SELFTEST_ASSERT(list_empty(&queue.sleepers));
}

static void sleep_three_ticks(void *argument)
{
    struct worker *worker = argument;
    uint64_t start = arch_ticks();
    int enabled = arch_irq_save();

    worker->result = wait_queue_sleep_until(worker->queue, start + 3);
    arch_irq_restore(enabled);
    worker->ticks_slept = arch_ticks() - start;
    worker->log->finished++;
}

/* Nobody wakes the queue: the deadline does, after 3 ticks, with -ETIMEDOUT;
 * a deadline already past returns at once. */
SELFTEST(wait_queue_sleep_until_times_out)
{
    struct wait_queue queue = WAIT_QUEUE_INIT(queue);
    struct test_log log = {0};
    struct worker sleeper = {&log, 's', &queue, 0, 0};

    SELFTEST_ASSERT(thread_create_kernel("timed", sleep_three_ticks, &sleeper, THREAD_PRIORITY_KERNEL));
    wait_for_workers(&log, 1);
    SELFTEST_ASSERT(log.finished == 1);
    SELFTEST_ASSERT(sleeper.result == -ETIMEDOUT);
    SELFTEST_ASSERT(sleeper.ticks_slept >= 3 && sleeper.ticks_slept <= 5);
    SELFTEST_ASSERT(list_empty(&queue.sleepers));
}

static void interrupted_sleep(void *argument)
{
    struct worker *worker = argument;
    int enabled = arch_irq_save();

    worker->result = wait_queue_sleep_until(worker->queue, arch_ticks() + 1000);
    arch_irq_restore(enabled);
    worker->log->finished++;
}

static void interrupter(void *argument)
{
    struct worker *worker = argument;
    struct thread *sleeper = list_entry(worker->queue->sleepers.next, struct thread, queue_node);
    int enabled = arch_irq_save();

    wait_queue_interrupt(sleeper);
    arch_irq_restore(enabled);
    worker->log->finished++;
}

/* A sleep ended from outside (as a signal does) returns -EINTR at once
 * and leaves neither the queue nor the timed sleepers' list. */
SELFTEST(wait_queue_interrupt_ends_sleep)
{
    struct wait_queue queue = WAIT_QUEUE_INIT(queue);
    struct test_log log = {0};
    struct worker sleeper = {&log, 's', &queue, 0, 0}, other = {&log, 'i', &queue, 0, 0};
    uint64_t start = arch_ticks();

    SELFTEST_ASSERT(thread_create_kernel("sleeper", interrupted_sleep, &sleeper, THREAD_PRIORITY_KERNEL));
    scheduler_yield();
    SELFTEST_ASSERT(thread_create_kernel("interrupter", interrupter, &other, THREAD_PRIORITY_KERNEL));
    wait_for_workers(&log, 2);
    SELFTEST_ASSERT(log.finished == 2 && sleeper.result == -EINTR);
    SELFTEST_ASSERT(arch_ticks() - start < 100);
    SELFTEST_ASSERT(list_empty(&queue.sleepers));
}
