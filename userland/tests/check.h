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

#endif
