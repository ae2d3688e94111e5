/*
 * selftest.c - runs the SELFTEST()s the linker gathered, printing TAP.
 *
 * Layer: core. Output (on COM1, read by tests/kernel.bats):
 *   1..N
 *   ok 1 - name          or   not ok 1 - name  (with a "# file:line: cond" line)
 */
#include "selftest.h"
#include "printk.h"

extern const struct selftest _selftests_start[], _selftests_end[];

void selftest_report_failure(const char *file, int line, const char *condition)
{
    printk("# %s:%d: assertion failed: %s\n", file, line, condition);
}

int selftest_run_all(void)
{
    int number = 0, failures = 0;

    printk("1..%d\n", (int)(_selftests_end - _selftests_start));
    for (const struct selftest *test = _selftests_start; test < _selftests_end; test++) {
        bool failed = false;
        test->run(&failed);
        number++;
        failures += failed;
        printk("%sok %d - %s\n", failed ? "not " : "", number, test->name);
    }
    return failures;
}
