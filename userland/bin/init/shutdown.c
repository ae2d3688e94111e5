/*
 * shutdown.c - taking the machine down in order.
 *
 * Layer: user program (init). A request (svc shutdown/reboot, the shutdown
 * and reboot tools) starts it; from then on no service is restarted or
 * started. The supervisor stops the services last one first, one at a
 * time (SIGTERM, SIGKILL after STOP_TIMEOUT_MS): logd, first in the table,
 * is stopped last, so it records everything the others say while they
 * stop, and it flushes its file when told to end. Once none is left up,
 * the kernel powers off or resets the machine.
 */
#include <stdlib.h>
#include <unistd.h>
#include <freeport/sys.h>
#include "init.h"

static bool in_progress;
static enum shutdown_kind requested;

void shutdown_begin(enum shutdown_kind kind)
{
    if (in_progress)
        return;
    in_progress = true;
    requested = kind;
    init_log("%s requested: stopping every service", kind == SHUTDOWN_REBOOT ? "reboot" : "power off");
}

bool shutdown_in_progress(void)
{
    return in_progress;
}

void shutdown_tick(void)
{
    if (!in_progress || !supervisor_stop_all())
        return;
    init_log("every service has stopped: %s", requested == SHUTDOWN_REBOOT ? "rebooting" : "powering off");
    if (requested == SHUTDOWN_REBOOT)
        freeport_reboot();
    freeport_poweroff(0);
    init_log("the kernel refused to end the machine");
    exit(1);
}
