/*
 * kcheck.c - recording what the integrity checks find (see kcheck.h).
 *
 * Layer: core.
 */
#include <stdarg.h>
#include "kcheck.h"
#include "lib/format.h"
#include "printk.h"

static const char *const area_names[FP_KCHECK_AREAS] = {
    [FP_KCHECK_HEAP] = "heap",
    [FP_KCHECK_FRAMES] = "frames",
    [FP_KCHECK_SCHEDULER] = "scheduler",
    [FP_KCHECK_PROCESSES] = "processes",
};

void kcheck_problem(struct freeport_kcheck *report, unsigned area, const char *format, ...)
{
    char text[FP_KCHECK_TEXT_MAX];
    va_list args;

    va_start(args, format);
    format_string(text, sizeof(text), format, args);
    va_end(args);
    printk("kcheck: %s: %s\n", area_names[area], text);
    if (report->problems++ == 0)
        format_print(report->first_problem, sizeof(report->first_problem), "%s: %s", area_names[area], text);
    report->area_problems[area]++;
}
