/*
 * cmdline.h - the kernel command line, parsed into struct kernel_options.
 *
 * Layer: core (pure; host unit-tested). Options (docs/boot.md lists them):
 *   selftest        run the in-kernel self-tests, then exit the emulator
 *   harness         a panic or fault exits the emulator with failure
 *   fault=KIND      deliberately fault after boot (pagefault, divide,
 *                   invalid-opcode, gpf, breakpoint, panic): for tests
 *   init=PATH       first user program (used once processes exist)
 * Words are separated by spaces. An unknown or malformed word is reported
 * through the callback and ignored; the rest still applies.
 */
#ifndef FREEPORT_CMDLINE_H
#define FREEPORT_CMDLINE_H

#include <stdbool.h>
#include <stddef.h>

#define CMDLINE_VALUE_MAX 64

struct kernel_options {
    bool selftest;
    bool harness;
    char fault[CMDLINE_VALUE_MAX];
    char init[CMDLINE_VALUE_MAX];
};

/* Called once for each rejected word: why ("unknown", "malformed") and the
 * word itself (not NUL-terminated: `length` bytes). */
typedef void (*cmdline_report_fn)(const char *why, const char *word, size_t length);

/* Parse `text` into *options (cleared first). Returns the number of words
 * rejected. */
int cmdline_parse(const char *text, struct kernel_options *options, cmdline_report_fn report);

#endif
