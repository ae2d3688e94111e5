/*
 * logger - add a record to the system log.
 *
 *   logger [-t TAG] [-p LEVEL] MESSAGE...
 *
 * TAG defaults to "logger", LEVEL (a name: err, warning, info, debug...,
 * or 0-7) to info. The words of MESSAGE are joined by spaces. The record
 * goes to logd through the SDK's logd_ipc (docs/logd.md); if it cannot be
 * sent (logd's queue full), logger says so, waits to report the drop, and
 * exits 1.
 */
#include <err.h>
#include <freeport/logd.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "log_line.h"

static int usage(void)
{
    fprintf(stderr, "usage: logger [-t TAG] [-p LEVEL] MESSAGE...\n");
    return 2;
}

int main(int argc, char **argv)
{
    char message[LOGD_MESSAGE_MAX + 1] = "";
    const char *tag = "logger";
    int level = LOGD_LEVEL_INFO;
    int option;
    size_t used = 0;

    while ((option = getopt(argc, argv, "t:p:")) != -1) {
        if (option == 't')
            tag = optarg;
        else if (option == 'p' && (level = log_level_parse(optarg)) >= 0)
            continue;
        else
            return usage();
    }
    if (optind == argc || tag[0] == '\0')
        return usage();
    for (int i = optind; i < argc && used < sizeof(message) - 1; i++) {
        int written =
            snprintf(message + used, sizeof(message) - used, "%s%s", i > optind ? " " : "", argv[i]);
        used = written < 0 || (size_t)written >= sizeof(message) - used ? sizeof(message) - 1
                                                                        : used + (size_t)written;
    }
    if (logd_log(level, tag, "%s", message) == 0)
        return 0;
    warn("%s: the record was not sent", LOGD_SOCKET);
    if (logd_flush_drops() == 0)
        fprintf(stderr, "logger: logd has counted it as dropped\n");
    return 1;
}
