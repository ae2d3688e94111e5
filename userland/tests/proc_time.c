/*
 * proc_time - clocks and sleeping: CLOCK_MONOTONIC never goes back and has
 * sub-tick resolution, CLOCK_REALTIME is a plausible date, nanosleep sleeps
 * at least as long as asked (also a sleep of centuries, which must not
 * wrap around to none) and rejects bad requests, times() counts.
 */
#include <signal.h>
#include <stdlib.h>
#include <sys/times.h>
#include <time.h>
#include "check.h"

static int64_t ns_of(struct timespec t)
{
    return (int64_t)t.tv_sec * 1000000000 + t.tv_nsec;
}

static int64_t monotonic_ns(void)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return ns_of(now);
}

static void check_clocks(void)
{
    int64_t previous = monotonic_ns(), first = previous;
    bool monotonic = true;
    int distinct = 0;
    for (int i = 0; i < 2000; i++) {
        int64_t now = monotonic_ns();
        monotonic &= now >= previous;
        distinct += now != previous;
        previous = now;
    }
    CHECK(monotonic, "CLOCK_MONOTONIC never goes backwards (2000 reads)");
    CHECK(distinct > 20 && previous - first < 1000000000,
          "it moves between ticks: %d distinct values in %lld ns", distinct, (long long)(previous - first));
    struct timespec real;
    CHECK(clock_gettime(CLOCK_REALTIME, &real) == 0 && real.tv_sec > 1577836800 && real.tv_nsec < 1000000000,
          "CLOCK_REALTIME is after 2020 (%lld)", (long long)real.tv_sec);
    CHECK(RAW(SYS_clock_gettime, 99, &real) == -EINVAL, "an unknown clock: EINVAL");
}

static void check_nanosleep(void)
{
    for (int64_t asked = 1000000; asked <= 150000000; asked *= 11) {
        struct timespec request = {0, (long)asked};
        int64_t start = monotonic_ns();
        int result = nanosleep(&request, NULL);
        int64_t slept = monotonic_ns() - start;
        CHECK(result == 0 && slept >= asked && slept < asked + 50000000, "nanosleep(%lld ns) slept %lld ns",
              (long long)asked, (long long)slept);
    }
    struct freeport_timespec bad_ns = {0, 1000000000}, negative_ns = {0, -1}, negative_s = {-1, 0};
    CHECK(RAW(SYS_nanosleep, &bad_ns, 0) == -EINVAL, "tv_nsec = 10^9: EINVAL");
    CHECK(RAW(SYS_nanosleep, &negative_ns, 0) == -EINVAL, "tv_nsec < 0: EINVAL");
    CHECK(RAW(SYS_nanosleep, &negative_s, 0) == -EINVAL, "tv_sec < 0: EINVAL");
    struct freeport_timespec zero = {0, 0};
    CHECK(RAW(SYS_nanosleep, &zero, 0) == 0, "a zero sleep returns at once");
}

static void on_alarm(int signal)
{
    (void)signal;
}

/* The longest sleep not cut to the kernel's maximum: 2^64 - 1 ns minus
 * less than 2 s. Once the guest has been up 2 s, now + this passes 2^64;
 * the sleep must still last (until the alarm), not wrap to nothing. */
static void check_centuries_of_sleep(void)
{
    struct timespec request = {18446744071, 999999999}, remaining = {0, 0}, pause = {0, 100000000};

    while (monotonic_ns() < 2000000000)
        nanosleep(&pause, NULL);
    signal(SIGALRM, on_alarm);
    alarm(1);
    int result = nanosleep(&request, &remaining);
    CHECK(result == -1 && errno == EINTR && remaining.tv_sec > 1000000000,
          "a sleep of 584 years after 2 s up: cut by the alarm (EINTR), years left");
    signal(SIGALRM, SIG_DFL);
}

static void spin_a_while(void)
{
    int64_t end = monotonic_ns() + 300000000;
    while (monotonic_ns() < end)
        continue;
    _exit(0);
}

static void check_times(void)
{
    struct tms before, after;
    clock_t start = times(&before);
    run_in_child(spin_a_while);
    clock_t end = times(&after);
    CHECK(end > start, "times() returns a growing tick count (%ld -> %ld)", (long)start, (long)end);
    CHECK(after.tms_cutime + after.tms_cstime >= before.tms_cutime + before.tms_cstime + CLOCKS_PER_SEC / 10,
          "a reaped child's CPU time is added to cutime/cstime (%ld)",
          (long)(after.tms_cutime + after.tms_cstime));
    CHECK(RAW(SYS_times, 0) == -EFAULT, "times(NULL): EFAULT");
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    check_clocks();
    check_nanosleep();
    check_centuries_of_sleep();
    check_times();
    return check_done();
}
