/*
 * waitset_selftest.c - self-tests of the kernel side of wait sets
 * (ipc_wait_objects, ipc_object_notify), run with the `selftest` boot
 * option: the API POSIX poll and select will use, with no user space.
 *
 * Layer: native IPC (tests only). The objects are "flags": a test object
 * kind whose poll() returns what the test set, and whose arm() counts the
 * calls. The runner is the boot thread, which is also the idle thread and
 * must never sleep: a test that sleeps starts kernel threads, and the
 * runner yields, which lets every ready thread run (kernel threads are not
 * preempted) before the idle thread is chosen again.
 */
#include "ipc/waitset.h"
#include "ipc/ipc_wait.h"
#include "mm/heap.h"
#include "proc/scheduler.h"
#include "selftest.h"

struct flag {
    struct ipc_object object;
    uint32_t events; /* what poll() answers */
    unsigned armed;  /* arm() calls */
};

static uint32_t flag_poll(struct ipc_object *object)
{
    return ((struct flag *)object)->events;
}

static void flag_arm(struct ipc_object *object, uint32_t events)
{
    (void)events;
    ((struct flag *)object)->armed++;
}

static void flag_release(struct ipc_object *object)
{
    (void)object;
}

static const struct ipc_object_type flag_type = {
    .kind = IPC_OBJECT_ANY, /* no real kind: never in a capability table */
    .release = flag_release,
    .poll = flag_poll,
    .arm = flag_arm,
};

static void flags_init(struct flag *flags, unsigned count, struct ipc_object **objects)
{
    for (unsigned index = 0; index < count; index++) {
        ipc_object_init(&flags[index].object, &flag_type);
        flags[index].events = 0;
        flags[index].armed = 0;
        objects[index] = &flags[index].object;
    }
}

/* Without sleeping: what is ready is reported at once, without arming;
 * nothing ready and a deadline already passed is TIMEOUT after one armed
 * look; every entry is gone afterwards. */
SELFTEST(ipc_wait_objects_without_sleeping)
{
    struct flag flags[3];
    struct ipc_object *objects[3];
    const uint32_t wanted[3] = {IPC_EVENT_READABLE, IPC_EVENT_WRITABLE, IPC_EVENT_READABLE};
    uint32_t ready[3];
    uint64_t allocations = heap_stats().allocations;

    flags_init(flags, 3, objects);
    flags[1].events = IPC_EVENT_WRITABLE;
    flags[2].events = IPC_EVENT_WRITABLE; /* not what is wanted of it */
    SELFTEST_ASSERT(ipc_wait_objects(objects, wanted, ready, 3, 0) == 1);
    SELFTEST_ASSERT(ready[0] == 0 && ready[1] == IPC_EVENT_WRITABLE && ready[2] == 0);
    SELFTEST_ASSERT(flags[0].armed == 0);
    flags[1].events = 0;
    SELFTEST_ASSERT(ipc_wait_objects(objects, wanted, ready, 3, 0) == -IPC_ERR_TIMEOUT);
    SELFTEST_ASSERT(flags[0].armed == 1 && flags[1].armed == 1 && flags[2].armed == 1);
    flags[2].events = IPC_EVENT_PEER_CLOSED; /* always reported */
    SELFTEST_ASSERT(ipc_wait_objects(objects, wanted, ready, 3, 0) == 1 && ready[2] == IPC_EVENT_PEER_CLOSED);
    for (unsigned index = 0; index < 3; index++)
        SELFTEST_ASSERT(list_empty(&flags[index].object.watchers));
    SELFTEST_ASSERT(heap_stats().allocations == allocations);
}

struct sleeper {
    struct ipc_object **objects;
    uint32_t ready[2];
    int result;
    bool done;
};

static void wait_for_any(void *argument)
{
    static const uint32_t wanted[2] = {IPC_EVENT_READABLE, IPC_EVENT_READABLE};
    struct sleeper *sleeper = argument;

    sleeper->result = ipc_wait_objects(sleeper->objects, wanted, sleeper->ready, 2, IPC_DEADLINE_NEVER);
    sleeper->done = true;
}

static void make_ready(void *argument)
{
    struct flag *flag = argument;

    flag->events = IPC_EVENT_READABLE;
    ipc_object_notify(&flag->object, IPC_EVENT_READABLE);
}

/* A thread sleeps in ipc_wait_objects until another makes an object ready
 * and notifies it: then it wakes with exactly that object reported. */
SELFTEST(ipc_wait_objects_wakes_on_notify)
{
    struct flag flags[2];
    struct ipc_object *objects[2];
    struct sleeper sleeper = {objects, {0, 0}, 0, false};
    uint64_t allocations = heap_stats().allocations;

    flags_init(flags, 2, objects);
    SELFTEST_ASSERT(thread_create_kernel("waiter", wait_for_any, &sleeper, THREAD_PRIORITY_KERNEL));
    scheduler_yield(); /* the waiter polls, arms, and sleeps */
    SELFTEST_ASSERT(!sleeper.done && flags[0].armed == 1 && flags[1].armed == 1);
    SELFTEST_ASSERT(thread_create_kernel("notifier", make_ready, &flags[1], THREAD_PRIORITY_KERNEL));
    scheduler_yield(); /* the notifier wakes the waiter, which finishes */
    scheduler_yield(); /* and the last thread to exit is freed */
    SELFTEST_ASSERT(sleeper.done && sleeper.result == 1);
    SELFTEST_ASSERT(sleeper.ready[0] == 0 && sleeper.ready[1] == IPC_EVENT_READABLE);
    SELFTEST_ASSERT(list_empty(&flags[0].object.watchers) && list_empty(&flags[1].object.watchers));
    SELFTEST_ASSERT(heap_stats().allocations == allocations);
}
