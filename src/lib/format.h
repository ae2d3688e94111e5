/*
 * format.h - printf-style formatting into a buffer, for printk and friends.
 *
 * Layer: library (pure; host unit-tested). Supports %d %i %u %x %X %p %s %c
 * %%, the length modifiers l ll z, the flags - 0, a field width, and a
 * precision for %s ("%.*s" prints at most that many bytes). Always
 * NUL-terminates when size > 0; returns the length the full output would have.
 */
#ifndef FREEPORT_LIB_FORMAT_H
#define FREEPORT_LIB_FORMAT_H

#include <stdarg.h>
#include <stddef.h>

int format_string(char *buffer, size_t size, const char *format, va_list args);
__attribute__((format(printf, 3, 4)))
int format_print(char *buffer, size_t size, const char *format, ...);

#endif
