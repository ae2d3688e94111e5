/*
 * userland/lib/number.c - a number given on a command line (a count, a
 * pid, a size), read strictly.
 *
 * Layer: user library (libtools.a), pure. "Strictly": decimal digits only,
 * the whole argument, no sign, no blanks, no overflow - "12abc", "-1",
 * " 3" and "" are all refused, where atoi and a bare strtol would take them.
 */
#include <errno.h>
#include <stdlib.h>
#include "tools.h"

bool parse_unsigned(const char *text, unsigned long max, unsigned long *value)
{
    char *end;

    if (text[0] < '0' || text[0] > '9')
        return false;
    errno = 0;
    unsigned long parsed = strtoul(text, &end, 10);
    if (*end != '\0' || errno != 0 || parsed > max)
        return false;
    *value = parsed;
    return true;
}
