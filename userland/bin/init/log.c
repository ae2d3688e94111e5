/*
 * log.c - init's own messages.
 *
 * Layer: user program (init). Every start, exit and restart is recorded:
 * as a logd record (tag "init") while logd's socket, which init holds, will
 * be read - logd runs, or crashed and is about to restart (the records
 * wait in the socket meanwhile) - else on the console as "init: MESSAGE"
 * (stdout is /dev/console, unbuffered): before logd's first start, once it
 * was stopped (svc stop, shutdown), and whenever a record cannot be sent.
 */
#include <freeport/logd.h>
#include <stdarg.h>
#include <stdio.h>
#include "init.h"

void init_log(const char *format, ...)
{
    char message[256];
    va_list arguments;

    va_start(arguments, format);
    vsnprintf(message, sizeof(message), format, arguments);
    va_end(arguments);
    if (supervisor_log_reaches(LOGD_SOCKET) && logd_info("init", "%s", message) == 0)
        return;
    printf("init: %s\n", message);
}
