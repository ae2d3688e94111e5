/*
 * printk.c - formatted kernel messages on the console.
 *
 * Layer: core. Formats into a stack buffer (lines longer than PRINTK_MAX are
 * cut), then writes it with interrupts off so lines never interleave on one
 * CPU. A lock joins this when there is a second CPU. Then the text goes to
 * the hook, if a higher layer set one (the IPC system endpoint, which
 * queues it and publishes it later from its own thread).
 */
#include <stdarg.h>
#include "printk.h"
#include "arch/arch.h"
#include "lib/format.h"

#define PRINTK_MAX 512

static void (*printk_hook)(const char *text, size_t length);

void printk_set_hook(void (*hook)(const char *text, size_t length))
{
    printk_hook = hook;
}

void printk(const char *format, ...)
{
    char line[PRINTK_MAX];
    va_list args;
    int length;

    va_start(args, format);
    length = format_string(line, sizeof(line), format, args);
    va_end(args);
    if (length >= PRINTK_MAX)
        length = PRINTK_MAX - 1;

    int enabled = arch_irq_save();
    arch_console_write(line, (size_t)length);
    arch_irq_restore(enabled);
    if (printk_hook)
        printk_hook(line, (size_t)length);
}
