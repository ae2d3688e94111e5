/*
 * check.h - what Freeport's in-guest process tests share: one line per
 * check, a failure count, raw system calls, and running code in a child.
 *
 * Layer: test programs (user space), compiled by tests/proc.bats with
 * build/bin/freeport-cc and run in the guest with tools/guest-run. They
 * borrow libc's raw system-call stub (userland/libc/syscall.h). Each
 * test prints "ok - ..." or "FAIL - ..." per check and exits with the
 * number of failures (0: all passed).
 */
#ifndef FREEPORT_TESTS_CHECK_H
#define FREEPORT_TESTS_CHECK_H

#include "../libc/syscall.h"
#include <errno.h>
#include <freeport/abi.h>
#include <freeport/syscall.h>
#include <freeport/sys.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int check_failures;

#define CHECK(condition, ...)                                                                                \
    do {                                                                                                     \
        bool check_passed_ = (condition);                                                                    \
        printf("%s - ", check_passed_ ? "ok" : "FAIL");                                                      \
        printf(__VA_ARGS__);                                                                                 \
        if (!check_passed_) {                                                                                \
            printf("   [%s:%d: %s]", __FILE__, __LINE__, #condition);                                        \
            check_failures++;                                                                                \
        }                                                                                                    \
        printf("\n");                                                                                        \
        fflush(stdout);                                                                                      \
    } while (0)

static inline int check_done(void)
{
    printf("%s: %d check(s) failed\n", check_failures ? "FAILED" : "PASSED", check_failures);
    return check_failures;
}

/* RAW(SYS_x, arguments...): a system call with no C library code in
 * between, returning the raw result (-errno on error): libc's own stub. */
#define RAW SYSCALL

/* An address as a pointer gcc cannot reason about (it would warn that a
 * constant like 8 points at no object). */
static inline void *bad_pointer(uintptr_t address)
{
    void *volatile laundered = (void *)address;

    return laundered;
}

/* Run body() in a child and return its wait status (-1 if fork failed). */
static inline int run_in_child(void (*body)(void))
{
    pid_t pid = fork();
    int status = -1;

    if (pid == 0) {
        body();
        _exit(0);
    }
    if (pid < 0 || waitpid(pid, &status, 0) != pid)
        return -1;
    return status;
}

/* fork() for a child that must never hang the suite: if it is still alive
 * after 20 s, SIGALRM's default action ends it. */
static inline pid_t fork_child(void)
{
    pid_t pid = fork();

    if (pid == 0)
        alarm(20);
    return pid;
}

static inline void sleep_ms(long milliseconds)
{
    struct timespec delay = {milliseconds / 1000, (milliseconds % 1000) * 1000000};

    nanosleep(&delay, NULL);
}

/* Allocations failing on purpose (SYS_fault_inject, 1 in 3, heap and
 * frames in turn, 20 seeds each): attempt() runs in a child each time and
 * returns bit 1 if a call failed with the errno expected for it, bit 2 if
 * one failed otherwise; after each child, cleanup() (if any) removes what
 * a child killed halfway may have left. Adds the children that saw each
 * to *refused and *wrong (a child that died of a failed page fault gives
 * no verdict). */
static inline void fault_inject_children(int (*attempt)(void), void (*cleanup)(void), int *refused,
                                         int *wrong)
{
    for (unsigned sites = FP_FAULT_HEAP; sites <= FP_FAULT_FRAMES; sites <<= 1) {
        for (uint64_t seed = 1; seed <= 20; seed++) {
            int status = -1;
            freeport_fault_inject(3, seed, sites);
            pid_t child = fork();
            if (child == 0)
                _exit(attempt());
            waitpid(child, &status, 0);
            freeport_fault_inject(0, 0, 0);
            if (cleanup)
                cleanup();
            *refused += WIFEXITED(status) && (WEXITSTATUS(status) & 1);
            *wrong += WIFEXITED(status) && (WEXITSTATUS(status) & 2);
        }
    }
}

/* Kernel counters that must come back to their value once children are gone. */
static inline bool kstat_same(const struct freeport_kstat *a, const struct freeport_kstat *b)
{
    return a->frames_free == b->frames_free && a->heap_bytes_in_use == b->heap_bytes_in_use &&
           a->heap_allocations == b->heap_allocations && a->processes == b->processes &&
           a->threads == b->threads && a->open_files == b->open_files && a->vnodes == b->vnodes;
}

static inline void kstat_print(const char *when, const struct freeport_kstat *k)
{
    printf("# kstat %s: frames_free %llu heap %llu bytes/%llu allocations, %llu processes, %llu threads, "
           "%llu files, %llu vnodes\n",
           when, (unsigned long long)k->frames_free, (unsigned long long)k->heap_bytes_in_use,
           (unsigned long long)k->heap_allocations, (unsigned long long)k->processes,
           (unsigned long long)k->threads, (unsigned long long)k->open_files, (unsigned long long)k->vnodes);
}

/* Read the counters again, print them beside `before`, and check they are
 * back where they were. */
static inline void check_kstat_back(const struct freeport_kstat *before, const char *what)
{
    struct freeport_kstat after;

    freeport_kstat(&after);
    kstat_print("before", before);
    kstat_print("after", &after);
    CHECK(kstat_same(before, &after), "%s", what);
}

/* Run checks(self) in a child, which _exits with its failure count, with
 * the kernel's counters read before it starts and compared after it is
 * reaped (so its own stack, buffers and page tables are not counted):
 * the whole verdict, as check_done() gives it. */
static inline int check_in_child(void (*checks)(const char *self), const char *self)
{
    struct freeport_kstat before;
    int status = -1;

    freeport_kstat(&before);
    pid_t checker = fork();
    if (checker == 0)
        checks(self);
    waitpid(checker, &status, 0);
    CHECK(WIFEXITED(status), "the checks ran to the end");
    check_failures += WIFEXITED(status) ? WEXITSTATUS(status) : 0;
    check_kstat_back(&before, "frames, heap, processes, threads, files and vnodes back to where they were");
    return check_done();
}

#endif
