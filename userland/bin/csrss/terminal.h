/*
 * csrss/terminal.h - the terminal emulator: a byte stream (what a program
 * writes to its terminal) turned into cells and cursor moves on a
 * text_area, for a subset of the VT100/ANSI (ECMA-48) sequences.
 *
 * Layer: csrss, pure (host unit-tested in tests/unit/test_csrss_terminal.c).
 * Understood:
 *   printable bytes 0x20-0x7e, and 0x80-0xff as CP437 characters
 *   CR, LF (also VT, FF), BS, TAB (stops every 8 columns); BEL and other
 *   C0 controls are ignored
 *   ESC c                reset
 *   ESC [ n A/B/C/D      cursor up/down/forward/back n (CUU CUD CUF CUB)
 *   ESC [ r ; c H (or f) cursor to row r, column c, 1-based (CUP)
 *   ESC [ n J            erase below (0), above (1), all (2) (ED)
 *   ESC [ n K            erase to the right (0), left (1), line (2) (EL)
 *   ESC [ ... m          colours and attributes (SGR): 0 reset, 1 bold,
 *                        22 normal, 7 reverse, 27 not reversed, 30-37 and
 *                        90-97 foreground, 39 default, 40-47 and 100-107
 *                        background (bright ones as dark: VGA would blink),
 *                        49 default; "default" and "reset" mean the
 *                        terminal's normal colours (light grey on black
 *                        unless terminal_set_attribute changed them)
 *   ESC [ ? 25 h / l     show / hide the cursor (DECTCEM)
 * Anything else is consumed and ignored: an unknown sequence never prints
 * its bytes and never leaves the parser stuck (ESC and its intermediate
 * bytes 0x20-0x2f end at the next other byte; a control sequence ends at
 * its final byte, 0x40-0x7e, or at the next ESC). C0 controls act even
 * inside a sequence, as on a VT100.
 *
 * Invariant: the parser's state is ground, escape or csi; parameters are
 * at most TERMINAL_PARAMETERS_MAX, each at most 9999 (more are dropped).
 */
#ifndef CSRSS_TERMINAL_H
#define CSRSS_TERMINAL_H

#include <stddef.h>
#include <stdint.h>

#include "text_area.h"

#define TERMINAL_PARAMETERS_MAX 8

enum terminal_state { TERMINAL_GROUND, TERMINAL_ESCAPE, TERMINAL_CSI };

struct terminal {
    struct text_area area;
    enum terminal_state state;
    int parameters[TERMINAL_PARAMETERS_MAX];
    int parameter_count; /* parameters started so far; MAX + 1: more came (dropped) */
    bool private_marker; /* the sequence began with '?' */
    uint8_t foreground;  /* VGA colour 0-15 */
    uint8_t background;  /* VGA colour 0-7 */
    bool bold, reverse;
    uint8_t normal; /* the colours SGR 0, 39 and 49 go back to */
};

/* A reset terminal drawing on `cells` (rows * columns). */
void terminal_init(struct terminal *terminal, struct text_cell *cells, int rows, int columns);

/* Interpret `length` bytes. */
void terminal_write(struct terminal *terminal, const void *bytes, size_t length);

/* The attribute new characters get (background << 4 | foreground). */
uint8_t terminal_attribute(const struct terminal *terminal);

/* Make `attribute` the terminal's normal colours (what SGR 0 restores) and
 * its current ones (bold and reverse cleared). */
void terminal_set_attribute(struct terminal *terminal, uint8_t attribute);

#endif
