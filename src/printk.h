/*
 * printk.h - kernel messages to the console, and kernel assertions.
 *
 * Layer: core. printk() may be called from any context, interrupts included;
 * a line is written whole (interrupts are off while it is written).
 */
#ifndef FREEPORT_PRINTK_H
#define FREEPORT_PRINTK_H

__attribute__((format(printf, 1, 2)))
void printk(const char *format, ...);

#endif
