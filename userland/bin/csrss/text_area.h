/*
 * csrss/text_area.h - a grid of character cells with a cursor: the text a
 * console shows, or the inside of a window.
 *
 * Layer: csrss, pure (no system calls; host unit-tested through
 * tests/unit/test_csrss_terminal.c and test_csrss_window.c). The cells
 * live in storage the owner gives (a console's 80x25, a window's inside);
 * a cell is laid out as the VGA text buffer's: the CP437 character in the
 * low byte, the attribute (background << 4 | foreground) in the high one.
 *
 * Invariants: 0 <= row < rows and 0 <= column < columns always; every
 * operation clamps what it is given, so no input can move the cursor off
 * the grid. pending_wrap is set after a character was put in the last
 * column: the next character wraps to a new line first (the VT100's
 * "deferred wrap", which lets a full-width line end without scrolling).
 */
#ifndef CSRSS_TEXT_AREA_H
#define CSRSS_TEXT_AREA_H

#include <stdbool.h>
#include <stdint.h>

#define TEXT_ATTRIBUTE_DEFAULT 0x07 /* light grey on black */

struct text_cell {
    uint8_t character;
    uint8_t attribute;
};

struct text_area {
    struct text_cell *cells; /* rows * columns, row after row */
    int rows, columns;
    int row, column;   /* the cursor */
    bool pending_wrap; /* the cursor is past the last column */
    bool cursor_visible;
};

/* A blank area over `cells` (rows * columns of them), cursor home. */
void text_area_init(struct text_area *area, struct text_cell *cells, int rows, int columns);

struct text_cell *text_area_cell(const struct text_area *area, int row, int column);

/* Put `character` at the cursor and advance it, wrapping and scrolling. */
void text_area_put(struct text_area *area, uint8_t character, uint8_t attribute);

/* The cursor to the next line; at the last row the area scrolls up one
 * line, the new bottom line blank in `attribute`. */
void text_area_line_feed(struct text_area *area, uint8_t attribute);

/* The cursor to (row, column), clamped to the area. */
void text_area_move(struct text_area *area, int row, int column);

/* Blank the cells from (row, column) to (last_row, last_column)
 * inclusive, in reading order; both ends are clamped. */
void text_area_erase(struct text_area *area, int row, int column, int last_row, int last_column,
                     uint8_t attribute);

#endif
