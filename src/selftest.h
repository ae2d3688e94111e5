/*
 * selftest.h - in-kernel self-tests, run by the `selftest` boot option.
 *
 * Layer: core. A module declares a test next to the code it tests:
 *
 *     SELFTEST(frame_alloc_roundtrip)
 *     {
 *         SELFTEST_ASSERT(frame_alloc() != 0);
 *     }
 *
 * The linker gathers every test into the .selftests section; the runner
 * (selftest.c) runs them in link order and reports each as a TAP line.
 * A failed SELFTEST_ASSERT ends that test (it returns) and marks it failed.
 */
#ifndef FREEPORT_SELFTEST_H
#define FREEPORT_SELFTEST_H

#include <stdbool.h>

struct selftest {
    const char *name;
    void (*run)(bool *failed);
};

#define SELFTEST(test_name)                                                     \
    static void selftest_##test_name(bool *selftest_failed);                    \
    static const struct selftest selftest_entry_##test_name                     \
        __attribute__((used, section(".selftests"), aligned(8))) =              \
        { #test_name, selftest_##test_name };                                   \
    static void selftest_##test_name(bool *selftest_failed)

#define SELFTEST_ASSERT(condition)                                              \
    do {                                                                        \
        if (!(condition)) {                                                     \
            selftest_report_failure(__FILE__, __LINE__, #condition);            \
            *selftest_failed = true;                                            \
            return;                                                             \
        }                                                                       \
    } while (0)

void selftest_report_failure(const char *file, int line, const char *condition);

/* Run every test; returns the number that failed. */
int selftest_run_all(void);

#endif
