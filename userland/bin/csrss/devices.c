/*
 * csrss/devices.c - the console hardware, as init hands it over: the VGA
 * text screen (fd 3, mapped), the PS/2 keyboard (fd 4, raw set-1 scan
 * codes) and COM1 (fd 5, raw bytes).
 *
 * Layer: csrss, on the kernel's device claims (<freeport/device.h>): only
 * init (pid 1) can claim a device, and a claim lasts while any descriptor
 * for it is open, so csrss's copies keep the hardware its own; they are
 * made close-on-exec here, so nothing csrss might start inherits them.
 * Headless (-n), csrss runs without any of them (tests of the protocol
 * on a machine whose devices are taken).
 */
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <freeport/device.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include "csrss.h"

enum { VGA_FD = 3, KEYBOARD_FD = 4, SERIAL_FD = 5 };

/* `fd` made close-on-exec: 0, or -1 when it is not open. */
static int keep_private(int fd)
{
    return fcntl(fd, F_SETFD, FD_CLOEXEC);
}

int devices_take(struct devices *devices, bool headless)
{
    *devices = (struct devices){.vga_fd = -1, .keyboard_fd = -1, .serial_fd = -1};
    if (headless)
        return 0;
    if (keep_private(VGA_FD) != 0 || keep_private(KEYBOARD_FD) != 0 || keep_private(SERIAL_FD) != 0) {
        warnx("the devices are not on fds 3, 4 and 5: csrss must be started by init with them");
        return -1;
    }
    void *vga = mmap(NULL, FP_VGA_BUFFER_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, VGA_FD, 0);
    if (vga == MAP_FAILED) {
        warn("mapping the VGA text buffer (fd 3)");
        return -1;
    }
    *devices =
        (struct devices){.vga_fd = VGA_FD, .keyboard_fd = KEYBOARD_FD, .serial_fd = SERIAL_FD, .vga = vga};
    return 0;
}

void devices_set_cursor(const struct devices *devices, int row, int column, bool visible)
{
    struct fp_vga_cursor cursor = {.row = (uint16_t)row, .column = (uint16_t)column, .visible = visible};

    if (devices->vga_fd >= 0 && ioctl(devices->vga_fd, FP_VGA_SET_CURSOR, &cursor) != 0)
        warn("moving the cursor");
}

void write_or_drop(int fd, const void *bytes, size_t length)
{
    const char *next = bytes;

    while (fd >= 0 && length > 0) {
        ssize_t put = write(fd, next, length);
        if (put < 0 && errno == EINTR)
            continue;
        if (put <= 0)
            return;
        next += put;
        length -= (size_t)put;
    }
}

/* COM1 is slow (115200 baud) but the kernel queues: a write that fails is
 * dropped (the screen still has the text). */
void devices_serial_write(const struct devices *devices, const void *bytes, size_t length)
{
    write_or_drop(devices->serial_fd, bytes, length);
}
