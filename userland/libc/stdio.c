/*
 * userland/libc/stdio.c - POSIX stdio functions newlib 3.3 has only under
 * other names: getline and getdelim (declared in <stdio.h> by
 * newlib-headers.patch).
 *
 * Layer: libfreeport, pure user space.
 */
#include <stdio.h>

ssize_t getdelim(char **line, size_t *size, int delimiter, FILE *stream)
{
    return __getdelim(line, size, delimiter, stream);
}

ssize_t getline(char **line, size_t *size, FILE *stream)
{
    return __getline(line, size, stream);
}
