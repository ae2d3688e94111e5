/*
 * panic.h - how the kernel ends: panic() on a broken invariant, kernel_exit()
 * when a test run is over. Also the kernel's assert.
 *
 * Layer: core. With the `harness` or `selftest` boot option a panic leaves
 * the emulator with failure (the test harness sees it at once); otherwise it
 * halts so a person can read the screen or attach GDB.
 */
#ifndef FREEPORT_PANIC_H
#define FREEPORT_PANIC_H

#include <stdbool.h>
#include <stdint.h>

#define KERNEL_EXIT_MARKER "FREEPORT-EXIT: "

/* Set by kmain from the command line: panics exit the emulator. */
extern bool panic_exits_emulator;

__attribute__((noreturn, format(printf, 1, 2)))
void panic(const char *format, ...);

/* Print "FREEPORT-EXIT: <status>" and leave the emulator with `status`. */
__attribute__((noreturn)) void kernel_exit(int status);

/* Stop after a fatal fault already reported (exits under the harness). */
__attribute__((noreturn)) void kernel_stop_fatal(void);

/* Print a symbolized backtrace starting at frame pointer `frame`. */
void backtrace_print(uintptr_t frame);

#define ASSERT(condition)                                                       \
    do {                                                                        \
        if (__builtin_expect(!(condition), 0))                                  \
            panic("assertion failed: %s (%s:%d)", #condition, __FILE__, __LINE__); \
    } while (0)

#endif
