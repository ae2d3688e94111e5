/*
 * string.h - the freestanding C string and memory functions the kernel uses.
 *
 * Layer: library (no kernel state; built into the host unit tests as well).
 */
#ifndef FREEPORT_LIB_STRING_H
#define FREEPORT_LIB_STRING_H

#include <stddef.h>

void *memset(void *dest, int value, size_t count);
void *memcpy(void *restrict dest, const void *restrict src, size_t count);
void *memmove(void *dest, const void *src, size_t count);
int memcmp(const void *a, const void *b, size_t count);
void *memchr(const void *s, int c, size_t count);
size_t strlen(const char *s);
size_t strnlen(const char *s, size_t max);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t count);
char *strchr(const char *s, int c);
size_t strlcpy(char *dest, const char *src, size_t size);

#endif
