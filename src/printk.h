/*
 * printk.h - kernel messages to the console, and kernel assertions.
 *
 * Layer: core. printk() may be called from any context, interrupts included;
 * a line is written whole (interrupts are off while it is written).
 */
#ifndef FREEPORT_PRINTK_H
#define FREEPORT_PRINTK_H

#include <stddef.h>

__attribute__((format(printf, 1, 2)))
void printk(const char *format, ...);

/* After each printk, hook(text, length) gets what was written, in the
 * same context (interrupts included: the hook must only copy it). One
 * hook, set once at boot by a higher layer. */
void printk_set_hook(void (*hook)(const char *text, size_t length));

#endif
