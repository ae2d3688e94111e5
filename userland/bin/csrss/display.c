/*
 * csrss/display.c - what the screen shows: the active console's text with
 * its windows composed over it, copied into the VGA text buffer, and the
 * hardware cursor put where the console's cursor is.
 *
 * Layer: csrss. The main loop calls display_refresh once per round, after
 * all the round's input: a burst of output redraws once, not per byte.
 * The read-screen request composes any console the same way.
 */
#include <string.h>

#include "csrss.h"

void display_compose(const struct csrss *csrss, const struct console *console, struct text_cell *out)
{
    window_compose(&csrss->windows, console->number, &console->terminal.area, out);
}

void display_refresh(struct csrss *csrss)
{
    struct text_cell composed[CSRSS_ROWS * CSRSS_COLUMNS];
    const struct console *console = console_get(csrss, (uint32_t)csrss->active);

    if (!csrss->screen_changed || !console || !csrss->devices.vga)
        return;
    csrss->screen_changed = false;
    display_compose(csrss, console, composed);
    memcpy(csrss->devices.vga, composed, sizeof(composed));
    const struct text_area *area = &console->terminal.area;
    devices_set_cursor(&csrss->devices, area->row, area->column, area->cursor_visible);
}
