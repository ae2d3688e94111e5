/*
 * devices.c - the console devices init hands to the console server.
 *
 * Layer: user program (init). Only PID 1 may claim a device
 * (device_claim, <freeport/device.h>), and a claim lasts while any
 * descriptor for it is open. init claims VGA, the keyboard and COM1 once,
 * just before the first service with flag devices starts, keeps them
 * close-on-exec, and on every start of such a service launch.c puts them
 * at fds 3, 4 and 5 of the child (dup2 clears close-on-exec there). So a restarted
 * csrss gets the very same devices, and no other process can get them.
 */
#include <errno.h>
#include <fcntl.h>
#include <freeport/device.h>
#include <string.h>
#include <unistd.h>
#include "init.h"

static const struct {
    int device;
    const char *name;
} claimed_devices[DEVICES_HANDED_OVER] = {
    {FP_DEVICE_VGA, "VGA"},
    {FP_DEVICE_KEYBOARD, "keyboard"},
    {FP_DEVICE_COM1, "COM1"},
};
static int device_fds[DEVICES_HANDED_OVER] = {-1, -1, -1};
static bool claimed;

void devices_claim(void)
{
    if (claimed)
        return;
    claimed = true;
    for (int i = 0; i < DEVICES_HANDED_OVER; i++) {
        int fd = device_claim(claimed_devices[i].device);
        if (fd < 0) {
            init_log("cannot claim %s: %s", claimed_devices[i].name, strerror(errno));
            continue;
        }
        fcntl(fd, F_SETFD, FD_CLOEXEC);
        device_fds[i] = fd;
    }
}

int devices_fd(int index)
{
    return index >= 0 && index < DEVICES_HANDED_OVER ? device_fds[index] : -1;
}
