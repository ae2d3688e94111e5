/*
 * proc_sched - the scheduler: CPU-bound processes are preempted and share
 * the CPU; sched_yield works; a sleeping process lets others run; the
 * process table (procinfo) shows the family.
 */
#include <sched.h>
#include <stdlib.h>
#include <time.h>
#include "check.h"

#define SPINNERS 3

static int64_t monotonic_ns(void)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (int64_t)now.tv_sec * 1000000000 + now.tv_nsec;
}

/* Use the CPU for `ms` of wall time. */
static void spin(int ms)
{
    int64_t end = monotonic_ns() + (int64_t)ms * 1000000;
    while (monotonic_ns() < end)
        continue;
}

/* The process table entry of `pid`: false if there is none. */
static bool find_process(pid_t pid, struct freeport_procinfo *info)
{
    for (int index = 0;; index++) {
        if (freeport_procinfo(index, info) == 0 && info->pid == pid)
            return true;
        if (errno == EINVAL)
            return false;
    }
}

static int cpu_ticks_of(pid_t pid)
{
    struct freeport_procinfo info;
    return find_process(pid, &info) ? (int)info.cpu_ticks : -1;
}

static void check_preemption(void)
{
    pid_t children[SPINNERS];
    for (int i = 0; i < SPINNERS; i++) {
        children[i] = fork();
        if (children[i] == 0) {
            spin(1000);
            _exit(0);
        }
    }
    usleep(600000); /* the spinners run meanwhile, taking turns */
    int ticks[SPINNERS], least = 1 << 30;
    for (int i = 0; i < SPINNERS; i++) {
        ticks[i] = cpu_ticks_of(children[i]);
        least = ticks[i] < least ? ticks[i] : least;
    }
    CHECK(least >= 5, "3 CPU-bound children all got the CPU within 0.6 s (ticks %d %d %d)", ticks[0],
          ticks[1], ticks[2]);
    int64_t start = monotonic_ns();
    for (int i = 0; i < SPINNERS; i++)
        waitpid(children[i], NULL, 0);
    CHECK(monotonic_ns() - start < 3000000000LL, "and all finished");
}

static void check_yield(void)
{
    CHECK(sched_yield() == 0, "sched_yield returns 0");
    pid_t child = fork();
    if (child == 0) {
        for (int i = 0; i < 1000; i++)
            sched_yield();
        _exit(0);
    }
    for (int i = 0; i < 1000; i++)
        sched_yield();
    int status;
    CHECK(waitpid(child, &status, 0) == child && WIFEXITED(status),
          "two processes yield to each other 1000 times");
}

static void check_procinfo(void)
{
    pid_t child = fork();
    if (child == 0) {
        usleep(200000);
        _exit(0);
    }
    usleep(50000);
    struct freeport_procinfo self, kid;
    CHECK(find_process(getpid(), &self) && self.state == FP_PROC_RUNNING &&
              strcmp(self.name, "proc_sched") == 0 && self.threads == 1,
          "procinfo shows this process running, named proc_sched");
    CHECK(find_process(child, &kid) && kid.ppid == getpid() && kid.state == FP_PROC_SLEEPING &&
              kid.memory_bytes > 0,
          "and its sleeping child, with this process as parent");
    CHECK(freeport_procinfo(64, &kid) == -1 && errno == EINVAL, "procinfo past the table's 64 slots: EINVAL");
    waitpid(child, NULL, 0);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    check_preemption();
    check_yield();
    check_procinfo();
    return check_done();
}
