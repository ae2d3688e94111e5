/*
 * sys_time.c - clock_gettime, times, nanosleep.
 *
 * Layer: processes (system-call side), on clock.c and the wait queues.
 * nanosleep sleeps until the first tick at or after the requested end, so
 * it never returns early; a signal ends it with -EINTR and the time left.
 */
#include "proc/clock.h"
#include "proc/process.h"
#include "proc/syscall.h"
#include "proc/usercopy.h"
#include "proc/waitqueue.h"
#include "arch/arch.h"
#include "errno.h"

static struct freeport_timespec timespec_from_ns(uint64_t ns)
{
    return (struct freeport_timespec){(int64_t)(ns / NANOSECONDS_PER_SECOND),
                                      (int64_t)(ns % NANOSECONDS_PER_SECOND)};
}

long sys_clock_gettime(int clock, struct freeport_timespec *user_time)
{
    struct freeport_timespec time;

    if (clock == FP_CLOCK_MONOTONIC)
        time = timespec_from_ns(clock_monotonic_ns());
    else if (clock == FP_CLOCK_REALTIME)
        time = timespec_from_ns(clock_realtime_ns());
    else
        return -EINVAL;
    return copy_to_user(user_time, &time, sizeof(time));
}

long sys_times(struct freeport_tms *user_times)
{
    struct process *self = process_current();
    struct freeport_tms times = {
        (int64_t)self->user_ticks,
        (int64_t)self->system_ticks,
        (int64_t)self->children_user_ticks,
        (int64_t)self->children_system_ticks,
    };
    int error = copy_to_user(user_times, &times, sizeof(times));

    return error ? error : (long)arch_ticks();
}

/* Sleeps of this many seconds or more (about 292 years) are cut to
 * SLEEP_MAX_NS, so that now + the sleep cannot wrap around. */
#define SLEEP_MAX_NS      (UINT64_MAX / 2)
#define SLEEP_MAX_SECONDS (SLEEP_MAX_NS / NANOSECONDS_PER_SECOND)

/* The request in nanoseconds, at most SLEEP_MAX_NS: -EINVAL unless
 * 0 <= tv_nsec < 10^9 and tv_sec >= 0. */
static int request_ns(const struct freeport_timespec *request, uint64_t *ns)
{
    if (request->tv_sec < 0 || request->tv_nsec < 0 || (uint64_t)request->tv_nsec >= NANOSECONDS_PER_SECOND)
        return -EINVAL;
    if ((uint64_t)request->tv_sec >= SLEEP_MAX_SECONDS)
        *ns = SLEEP_MAX_NS;
    else
        *ns = (uint64_t)request->tv_sec * NANOSECONDS_PER_SECOND + (uint64_t)request->tv_nsec;
    return 0;
}

static long interrupted(uint64_t end_ns, struct freeport_timespec *user_remaining)
{
    uint64_t now = clock_monotonic_ns();
    struct freeport_timespec remaining = timespec_from_ns(end_ns > now ? end_ns - now : 0);

    if (user_remaining && copy_to_user(user_remaining, &remaining, sizeof(remaining)) < 0)
        return -EFAULT;
    return -EINTR;
}

long sys_nanosleep(const struct freeport_timespec *user_request, struct freeport_timespec *user_remaining)
{
    struct wait_queue nobody_wakes = WAIT_QUEUE_INIT(nobody_wakes);
    struct freeport_timespec request;
    uint64_t length_ns, end_ns;
    int error = copy_from_user(&request, user_request, sizeof(request));

    if (!error)
        error = request_ns(&request, &length_ns);
    if (error)
        return error;
    end_ns = clock_monotonic_ns() + length_ns;
    while ((error = wait_queue_sleep_until(&nobody_wakes, clock_tick_at(end_ns))) == 0)
        continue;
    return error == -EINTR ? interrupted(end_ns, user_remaining) : 0;
}
