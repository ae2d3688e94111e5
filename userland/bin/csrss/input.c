/*
 * csrss/input.c - input from the hardware to the consoles: keyboard scan
 * codes, decoded (keyboard.c), to the active console or a console switch;
 * COM1's bytes, as they come, to console 1 (the serial terminal).
 *
 * Layer: csrss, on devices.c's descriptors. Each call reads what one
 * read() gives; the poll loop calls again while there is more.
 */
#include <err.h>
#include <errno.h>
#include <unistd.h>

#include "csrss.h"

void input_keyboard(struct csrss *csrss)
{
    uint8_t scancodes[64];
    ssize_t got = read(csrss->devices.keyboard_fd, scancodes, sizeof(scancodes));

    if (got < 0 && errno != EINTR && errno != EAGAIN)
        warn("reading the keyboard");
    for (ssize_t index = 0; index < got; index++) {
        struct keyboard_event event = keyboard_scancode(&csrss->keyboard, scancodes[index]);
        const struct console *active = console_get(csrss, (uint32_t)csrss->active);
        if (event.action == KEYBOARD_SWITCH)
            console_switch(csrss, (uint32_t)event.console);
        else if (event.action == KEYBOARD_BYTES && active)
            console_input(active, event.bytes, event.length);
    }
}

void input_serial(struct csrss *csrss)
{
    char bytes[256];
    ssize_t got = read(csrss->devices.serial_fd, bytes, sizeof(bytes));
    const struct console *console = console_get(csrss, SERIAL_CONSOLE);

    if (got < 0 && errno != EINTR && errno != EAGAIN)
        warn("reading COM1");
    if (got > 0 && console)
        console_input(console, bytes, (size_t)got);
}
