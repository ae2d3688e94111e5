/*
 * userland/libc/err.c - the BSD error reporters of <err.h>: warn, warnx,
 * err, errx and their va_list forms.
 *
 * Layer: libfreeport, pure user space. Messages go to stderr as
 * "program: message: strerror(errno)" (the x forms leave out the errno part);
 * err and errx then exit with the given status.
 */
#include <err.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "libc.h"

static void report(int with_errno, const char *format, va_list arguments)
{
    int saved_errno = errno;
    fprintf(stderr, "%s: ", libc_program_name);
    if (format != NULL) {
        vfprintf(stderr, format, arguments);
        if (with_errno)
            fputs(": ", stderr);
    }
    if (with_errno)
        fputs(strerror(saved_errno), stderr);
    fputc('\n', stderr);
}

void vwarn(const char *format, va_list arguments)
{
    report(1, format, arguments);
}

void vwarnx(const char *format, va_list arguments)
{
    report(0, format, arguments);
}

void verr(int status, const char *format, va_list arguments)
{
    report(1, format, arguments);
    exit(status);
}

void verrx(int status, const char *format, va_list arguments)
{
    report(0, format, arguments);
    exit(status);
}

void warn(const char *format, ...)
{
    va_list arguments;
    va_start(arguments, format);
    vwarn(format, arguments);
    va_end(arguments);
}

void warnx(const char *format, ...)
{
    va_list arguments;
    va_start(arguments, format);
    vwarnx(format, arguments);
    va_end(arguments);
}

void err(int status, const char *format, ...)
{
    va_list arguments;
    va_start(arguments, format);
    verr(status, format, arguments);
}

void errx(int status, const char *format, ...)
{
    va_list arguments;
    va_start(arguments, format);
    verrx(status, format, arguments);
}
