/*
 * svc - look at and control the services init runs.
 *
 *   svc list                       one line per service: name, state, pid,
 *                                  restarts, last exit status
 *   svc start|stop|restart NAME
 *   svc shutdown | svc reboot      take the machine down in order
 *
 * Talks to init over /var/run/init.sock (docs/services.md).
 */
#include <stdio.h>
#include <string.h>
#include "tools.h"

#define REQUEST_MAX 96

static int usage(void)
{
    fprintf(stderr, "usage: svc list | svc start|stop|restart NAME | svc shutdown | svc reboot\n");
    return 2;
}

static int list(void)
{
    char header[64];

    snprintf(header, sizeof(header), "%-10s %-9s %5s %8s %4s\n", "NAME", "STATE", "PID", "RESTARTS", "LAST");
    return init_request("list", header);
}

int main(int argc, char **argv)
{
    char request[REQUEST_MAX];

    if (argc == 2 && strcmp(argv[1], "list") == 0)
        return list();
    if (argc == 2 && (strcmp(argv[1], "shutdown") == 0 || strcmp(argv[1], "reboot") == 0))
        return init_request(argv[1], NULL);
    if (argc == 3 &&
        (strcmp(argv[1], "start") == 0 || strcmp(argv[1], "stop") == 0 || strcmp(argv[1], "restart") == 0)) {
        if (strchr(argv[2], ' ') ||
            snprintf(request, sizeof(request), "%s %s", argv[1], argv[2]) >= (int)sizeof(request))
            return usage();
        return init_request(request, NULL);
    }
    return usage();
}
