/*
 * csrss/window.h - text-mode windows: titled, bordered boxes drawn over a
 * console's text, each with its own terminal inside (wrapping, scrolling,
 * escape sequences), and the compositing that draws them.
 *
 * Layer: csrss, pure (host unit-tested in tests/unit/test_csrss_window.c).
 * Windows never write into the console's cells: what a console shows is
 * composed afresh from its text and its windows, bottom to top (the newest
 * on top), so closing a window "restores" what was under it by simply not
 * drawing it any more, and the program under a window keeps writing to
 * the console beneath while the window is open.
 *
 * Invariants: a window lies wholly on the screen (x + width <= columns,
 * y + height <= rows) and is at least 3x3 (a border around one cell);
 * `order` lists the used slots bottom to top; ids are never 0 and are not
 * reused while the table lives (a 32-bit counter).
 */
#ifndef CSRSS_WINDOW_H
#define CSRSS_WINDOW_H

#include <stdint.h>

#include "terminal.h"

#define WINDOW_MAX        16 /* windows open at once, on all consoles */
#define WINDOW_TITLE_MAX  64
#define WINDOW_MIN_SIZE   3
#define SCREEN_ROWS       25
#define SCREEN_COLUMNS    80
#define WINDOW_OWNER_NONE 0 /* a kept window: no owner closes it */

struct window {
    uint32_t id; /* 0: the slot is free */
    int console, owner;
    int x, y, width, height; /* the border's box on the screen */
    uint8_t attribute;       /* border and title */
    char title[WINDOW_TITLE_MAX + 1];
    struct terminal inside; /* (height - 2) x (width - 2) */
    struct text_cell cells[(SCREEN_ROWS - 2) * (SCREEN_COLUMNS - 2)];
};

struct window_table {
    struct window slots[WINDOW_MAX];
    int order[WINDOW_MAX]; /* slot indices, bottom to top */
    int count;
    uint32_t next_id;
};

struct window_geometry {
    int x, y, width, height;
};

void window_table_init(struct window_table *table);

/* A new window on top of `console`'s, owned by `owner` (the server's
 * client number): its id, or -EINVAL (geometry off the screen or too
 * small), -ENOSPC (WINDOW_MAX open). The title (`title_length` bytes, not
 * NUL-terminated) is cut to what fits and to printable ASCII. */
long window_create(struct window_table *table, int console, int owner, struct window_geometry geometry,
                   uint8_t attribute, const char *title, size_t title_length);

/* The open window `id`, or NULL. */
struct window *window_find(struct window_table *table, uint32_t id);

/* Close window `id`: 0, or -ENOENT. */
int window_close(struct window_table *table, uint32_t id);

/* Close every window of `owner`; how many were closed. */
int window_close_owned(struct window_table *table, int owner);

/* Draw `console`: its text (`base`, SCREEN_ROWS x SCREEN_COLUMNS) under
 * its windows, bottom to top, into `out` (as many cells). */
void window_compose(const struct window_table *table, int console, const struct text_area *base,
                    struct text_cell *out);

#endif
