/*
 * userland/libc/time.c - clocks and sleeping: clock_gettime, gettimeofday,
 * times, nanosleep, sleep, usleep.
 *
 * Layer: libfreeport. The kernel counts CPU time in FP_CLOCKS_PER_SEC ticks;
 * newlib's clock() divides times() by its CLOCKS_PER_SEC, so times() scales
 * the ticks to CLOCKS_PER_SEC (a multiple, checked in abi_check.c).
 */
#include <errno.h>
#include <sys/time.h>
#include <sys/times.h>
#include <time.h>
#include <unistd.h>
#include "syscall.h"

#define CLOCKS_PER_KERNEL_TICK (CLOCKS_PER_SEC / FP_CLOCKS_PER_SEC)

int clock_gettime(clockid_t clock, struct timespec *time)
{
    struct freeport_timespec kernel_time;
    long result = SYSCALL(SYS_clock_gettime, clock, &kernel_time);
    if (result < 0)
        return syscall_result(result);
    time->tv_sec = kernel_time.tv_sec;
    time->tv_nsec = kernel_time.tv_nsec;
    return 0;
}

int gettimeofday(struct timeval *restrict time, void *restrict timezone)
{
    (void)timezone;
    struct timespec now = {0, 0};
    if (clock_gettime(CLOCK_REALTIME, &now) < 0)
        return -1;
    time->tv_sec = now.tv_sec;
    time->tv_usec = now.tv_nsec / 1000;
    return 0;
}

clock_t times(struct tms *buffer)
{
    struct freeport_tms kernel_times;
    long ticks = SYSCALL(SYS_times, &kernel_times);
    if (ticks < 0)
        return (clock_t)syscall_result(ticks);
    buffer->tms_utime = kernel_times.utime * CLOCKS_PER_KERNEL_TICK;
    buffer->tms_stime = kernel_times.stime * CLOCKS_PER_KERNEL_TICK;
    buffer->tms_cutime = kernel_times.cutime * CLOCKS_PER_KERNEL_TICK;
    buffer->tms_cstime = kernel_times.cstime * CLOCKS_PER_KERNEL_TICK;
    return ticks * CLOCKS_PER_KERNEL_TICK;
}

int nanosleep(const struct timespec *request, struct timespec *remaining)
{
    struct freeport_timespec kernel_request = {request->tv_sec, request->tv_nsec};
    struct freeport_timespec kernel_remaining = {0, 0};
    long result = SYSCALL(SYS_nanosleep, &kernel_request, &kernel_remaining);
    if (remaining != NULL) {
        remaining->tv_sec = kernel_remaining.tv_sec;
        remaining->tv_nsec = kernel_remaining.tv_nsec;
    }
    return syscall_result(result);
}

unsigned sleep(unsigned seconds)
{
    struct timespec request = {seconds, 0}, remaining = {0, 0};
    if (nanosleep(&request, &remaining) < 0 && errno == EINTR)
        return (unsigned)remaining.tv_sec + (remaining.tv_nsec > 0);
    return 0;
}

int usleep(useconds_t microseconds)
{
    struct timespec request = {microseconds / 1000000, (microseconds % 1000000) * 1000};
    return nanosleep(&request, NULL);
}
