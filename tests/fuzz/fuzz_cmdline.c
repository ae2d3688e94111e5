/*
 * fuzz_cmdline.c - libFuzzer target: src/cmdline.c on any command line.
 *
 * The input, NUL-terminated in a heap block of exactly its size, is what
 * the boot loader passes. Each rejected word must be reported as a slice
 * of the text; every value kept must be NUL-terminated inside its field,
 * and fault= only one of the known kinds. Built by tests/robustness.mk.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "cmdline.h"

static const char *text;
static size_t text_length;

static void report(const char *why, const char *word, size_t length)
{
    if (!why || word < text || word + length > text + text_length || length == 0)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct kernel_options options;
    char *line = malloc(size + 1);

    memcpy(line, data, size);
    line[size] = '\0';
    text = line;
    text_length = strlen(line);
    cmdline_parse(line, &options, report);
    if (strnlen(options.fault, CMDLINE_VALUE_MAX) == CMDLINE_VALUE_MAX ||
        strnlen(options.init, CMDLINE_VALUE_MAX) == CMDLINE_VALUE_MAX)
        abort();
    if (options.fault[0] && strcmp(options.fault, "pagefault") && strcmp(options.fault, "divide") &&
        strcmp(options.fault, "invalid-opcode") && strcmp(options.fault, "gpf") &&
        strcmp(options.fault, "breakpoint") && strcmp(options.fault, "panic"))
        abort();
    free(line);
    return 0;
}
