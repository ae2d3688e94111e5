/*
 * csrss/csrss.h - what the files of the console server share: its state
 * and each part's entry points.
 *
 * Layer: csrss, the user-space console server (docs/csrss.md). The parts,
 * each a file:
 *   main.c      arguments, start-up, the poll loop
 *   devices.c   the three devices init hands over (VGA, keyboard, COM1)
 *   console.c   the virtual consoles: a pty each, its terminal and cells
 *   display.c   composing a console with its windows; the VGA refresh
 *   input.c     keyboard and COM1 input to the consoles
 *   server.c    the socket: connections, framing, replies
 *   requests.c  one handler per request type
 * and the pure parts, host unit-tested: text_area.c (cells and cursor),
 * terminal.c (the VT100/ANSI emulator), window.c (windows, compositing),
 * keyboard.c (scan codes to bytes); the protocol codec is
 * userland/libc/csrss_protocol.c.
 *
 * Invariants: one process, one thread, one poll loop: nothing here is
 * shared with anyone, so nothing is locked. A console number is 1-based
 * and checked (console_get) before any use; a device descriptor is -1
 * when csrss runs without it (headless, -n).
 */
#ifndef CSRSS_CSRSS_H
#define CSRSS_CSRSS_H

#include <freeport/csrss.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "keyboard.h"
#include "terminal.h"
#include "window.h"

#define CLIENTS_MAX    16
#define SERIAL_CONSOLE 1 /* COM1 is its terminal too */

struct console {
    int number; /* 1..CSRSS_CONSOLES_MAX; 0: not created */
    int master_fd;
    int slave_fd; /* kept open, so the master never sees a hang-up */
    char slave_path[CSRSS_PATH_MAX];
    struct terminal terminal;
    struct text_cell cells[CSRSS_ROWS * CSRSS_COLUMNS];
};

struct client {
    int fd;     /* -1: the slot is free */
    int number; /* owner of its windows; unique while csrss runs, never 0 */
    size_t received;
    char buffer[CSRSS_MESSAGE_MAX];
};

struct devices {
    int vga_fd, keyboard_fd, serial_fd;
    struct text_cell *vga; /* the mapped text buffer, or NULL */
};

struct csrss {
    struct console consoles[CSRSS_CONSOLES_MAX];
    int active; /* the console on the screen */
    bool screen_changed;
    struct window_table windows;
    struct keyboard keyboard;
    struct devices devices;
    int listen_fd;
    struct client clients[CLIENTS_MAX];
    int next_client_number;
};

/* devices.c: take fds 3-5 (headless: none) and map the screen: 0, or -1
 * (said on stderr); the hardware cursor; COM1 output. */
int devices_take(struct devices *devices, bool headless);
void devices_set_cursor(const struct devices *devices, int row, int column, bool visible);
void devices_serial_write(const struct devices *devices, const void *bytes, size_t length);
/* Write all `length` bytes to `fd`, retrying short writes; what cannot be
 * written now (full, or an error) is dropped: csrss never waits on output. */
void write_or_drop(int fd, const void *bytes, size_t length);

/* console.c: create console `number` (free, 1..CSRSS_CONSOLES_MAX): 0 or
 * -errno; find one (NULL: no such console); output onto its screen (and
 * COM1 for console 1); typed input to its line discipline; its master's
 * output, when poll says there is some; show one (-ENOENT). */
int console_create(struct csrss *csrss, int number);
struct console *console_get(struct csrss *csrss, uint32_t number);
void console_output(struct csrss *csrss, struct console *console, const void *bytes, size_t length);
void console_input(const struct console *console, const void *bytes, size_t length);
void console_read_master(struct csrss *csrss, struct console *console);
int console_switch(struct csrss *csrss, uint32_t number);

/* display.c: what `console` shows, windows included, into `out`
 * (CSRSS_ROWS * CSRSS_COLUMNS cells); the screen redrawn if it changed. */
void display_compose(const struct csrss *csrss, const struct console *console, struct text_cell *out);
void display_refresh(struct csrss *csrss);

/* input.c: what the keyboard or COM1 has, to the consoles. */
void input_keyboard(struct csrss *csrss);
void input_serial(struct csrss *csrss);

/* server.c: bind and listen (0, or -1 with errno); a new connection; what
 * a connection sent (handled, replied to; the connection dropped when it
 * ends or cannot be framed). */
int server_listen(struct csrss *csrss);
void server_accept(struct csrss *csrss);
void server_receive(struct csrss *csrss, struct client *client);

/* requests.c: the reply's payload into `reply` (CSRSS_MESSAGE_MAX bytes);
 * its length, or a negative errno. The request's shape is checked. */
long requests_handle(struct csrss *csrss, struct client *client, const struct csrss_header *header,
                     const char *payload, size_t payload_length, void *reply);

#endif
