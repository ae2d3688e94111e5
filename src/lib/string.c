/*
 * string.c - freestanding memory and string functions. memcpy and memset
 * move 8 bytes per step (rep movsq/stosq) and the last 0-7 bytes singly:
 * as fast as rep movsb on CPUs with fast strings, much faster on others and
 * under QEMU, and 8 times fewer counted steps under -icount (benchmarks).
 *
 * Layer: library. gcc may emit calls to memcpy/memset/memmove/memcmp itself,
 * so these four must exist with the standard names and semantics.
 */
#include <stdint.h>
#include "lib/string.h"

void *memset(void *dest, int value, size_t count)
{
    void *start = dest;
    uint64_t pattern = 0x0101010101010101ULL * (uint8_t)value;
    size_t words = count / 8, bytes = count % 8;

    __asm__ volatile("rep stosq" : "+D"(dest), "+c"(words) : "a"(pattern) : "memory");
    __asm__ volatile("rep stosb" : "+D"(dest), "+c"(bytes) : "a"(pattern) : "memory");
    return start;
}

void *memcpy(void *restrict dest, const void *restrict src, size_t count)
{
    void *start = dest;
    size_t words = count / 8, bytes = count % 8;

    __asm__ volatile("rep movsq" : "+D"(dest), "+S"(src), "+c"(words) : : "memory");
    __asm__ volatile("rep movsb" : "+D"(dest), "+S"(src), "+c"(bytes) : : "memory");
    return start;
}

void *memmove(void *dest, const void *src, size_t count)
{
    unsigned char *d = dest;
    const unsigned char *s = src;

    if (d == s || count == 0)
        return dest;
    if (d < s || d >= s + count)
        return memcpy(dest, src, count);
    while (count--)
        d[count] = s[count];
    return dest;
}

int memcmp(const void *a, const void *b, size_t count)
{
    const unsigned char *x = a, *y = b;

    for (size_t i = 0; i < count; i++)
        if (x[i] != y[i])
            return x[i] - y[i];
    return 0;
}

void *memchr(const void *s, int c, size_t count)
{
    const unsigned char *p = s;

    for (size_t i = 0; i < count; i++)
        if (p[i] == (unsigned char)c)
            return (void *)(p + i);
    return NULL;
}

size_t strlen(const char *s)
{
    size_t length = 0;

    while (s[length])
        length++;
    return length;
}

size_t strnlen(const char *s, size_t max)
{
    size_t length = 0;

    while (length < max && s[length])
        length++;
    return length;
}

int strcmp(const char *a, const char *b)
{
    while (*a && *a == *b)
        a++, b++;
    return (unsigned char)*a - (unsigned char)*b;
}

int strncmp(const char *a, const char *b, size_t count)
{
    for (; count > 0; count--, a++, b++)
        if (*a != *b || *a == '\0')
            return (unsigned char)*a - (unsigned char)*b;
    return 0;
}

char *strchr(const char *s, int c)
{
    for (;; s++) {
        if (*s == (char)c)
            return (char *)s;
        if (*s == '\0')
            return NULL;
    }
}

size_t strlcpy(char *dest, const char *src, size_t size)
{
    size_t length = strlen(src);

    if (size > 0) {
        size_t n = length < size - 1 ? length : size - 1;
        memcpy(dest, src, n);
        dest[n] = '\0';
    }
    return length;
}
