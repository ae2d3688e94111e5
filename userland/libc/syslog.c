/*
 * userland/libc/syslog.c - syslog(3) on logd (<syslog.h>).
 *
 * Layer: libfreeport, on logd_client.c. openlog's ident is the record's
 * tag ("syslog" before openlog or with a NULL ident); the priority's level
 * is the record's level. "%m" in the format is errno's message, as
 * syslog(3) specifies: it is replaced before the format reaches vsnprintf.
 */
#include <errno.h>
#include <freeport/logd.h>
#include <stdio.h>
#include <string.h>
#include <syslog.h>

#define DEFAULT_TAG "syslog"
#define FORMAT_MAX  256

static char tag[LOGD_TAG_MAX + 1] = DEFAULT_TAG;
static int options;
static int mask = LOG_UPTO(LOG_DEBUG);

void openlog(const char *ident, int option, int facility)
{
    (void)facility;
    snprintf(tag, sizeof(tag), "%s", ident && ident[0] ? ident : DEFAULT_TAG);
    options = option;
}

void closelog(void)
{
    snprintf(tag, sizeof(tag), "%s", DEFAULT_TAG);
    options = 0;
}

int setlogmask(int new_mask)
{
    int old = mask;

    if (new_mask != 0)
        mask = new_mask;
    return old;
}

/* format with each %m replaced by message (a literal '%' in it doubled). */
static void expand_errno(const char *format, const char *message, char *out, size_t size)
{
    size_t used = 0;

    for (const char *at = format; *at && used + 1 < size; at++) {
        if (at[0] == '%' && at[1] == 'm') {
            for (const char *m = message; *m && used + 2 < size; m++) {
                if (*m == '%')
                    out[used++] = '%';
                out[used++] = *m;
            }
            at++;
        } else if (at[0] == '%' && at[1] == '%') {
            if (used + 2 >= size)
                break;
            out[used++] = *at++;
            out[used++] = *at;
        } else {
            out[used++] = *at;
        }
    }
    out[used] = '\0';
}

void vsyslog(int priority, const char *format, va_list arguments)
{
    char expanded[FORMAT_MAX];
    int level = LOG_PRI(priority);

    if (!(mask & LOG_MASK(level)))
        return;
    expand_errno(format, strerror(errno), expanded, sizeof(expanded));
    if (options & LOG_PERROR) {
        va_list copy;
        va_copy(copy, arguments);
        fprintf(stderr, "%s: ", tag);
        vfprintf(stderr, expanded, copy);
        fputc('\n', stderr);
        va_end(copy);
    }
    logd_vlog(level, tag, expanded, arguments);
}

void syslog(int priority, const char *format, ...)
{
    va_list arguments;

    va_start(arguments, format);
    vsyslog(priority, format, arguments);
    va_end(arguments);
}
