/*
 * <err.h> - BSD error reporting: warn, warnx, err, errx (userland/libc/err.c).
 *
 * Layer: Freeport SDK header (newlib has none). err and errx never return.
 */
#ifndef _ERR_H_
#define _ERR_H_

#include <stdarg.h>
#include <sys/cdefs.h>

__BEGIN_DECLS
void warn(const char *format, ...) __attribute__((format(printf, 1, 2)));
void warnx(const char *format, ...) __attribute__((format(printf, 1, 2)));
void err(int status, const char *format, ...) __attribute__((noreturn, format(printf, 2, 3)));
void errx(int status, const char *format, ...) __attribute__((noreturn, format(printf, 2, 3)));
void vwarn(const char *format, va_list arguments);
void vwarnx(const char *format, va_list arguments);
void verr(int status, const char *format, va_list arguments) __attribute__((noreturn));
void verrx(int status, const char *format, va_list arguments) __attribute__((noreturn));
__END_DECLS

#endif
