/*
 * line_discipline.h - a terminal's input editing: what turns the bytes a
 * user types into what read() returns.
 *
 * Layer: files (pure: no kernel state, host unit-tested in
 * tests/unit/test_line_discipline.c). The console device feeds it each
 * received byte and reads from it; echo goes through a callback.
 *
 * Canonical mode (FP_ICANON, the default): input is edited a line at a
 * time and a reader gets at most one line, once it is complete:
 *   ERASE (DEL 0x7f, or backspace 0x08)  removes the last byte of the line
 *   KILL (^U)                            removes the whole line
 *   EOF (^D)                             ends the line without adding itself;
 *                                        on an empty line, read() returns 0
 *   newline                              ends the line (and is returned)
 * Raw mode (FP_ICANON clear): every byte is readable at once, no editing;
 * read() returns what is there (like VMIN 1, VTIME 0; other VMIN/VTIME
 * values are stored, not honoured). FP_ECHO echoes input (ERASE and KILL as
 * "\b \b" per byte removed); FP_ICRNL maps CR to NL, FP_IGNCR drops CR,
 * FP_INLCR maps NL to CR. Other flags are stored and reported, no more:
 * output translation is always the console's (NL to CR NL on serial), and
 * ^C is an ordinary byte (no signals from the terminal yet).
 *
 * Invariants: read_index <= commit_index <= edit_index <= read_index +
 * LINE_BUFFER_SIZE, as free-running counters (xv6's console buffer): bytes
 * [read, commit) are readable, [commit, edit) are the line being edited.
 * In canonical mode one byte is always kept free for the newline or EOF.
 */
#ifndef FREEPORT_FS_LINE_DISCIPLINE_H
#define FREEPORT_FS_LINE_DISCIPLINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "uapi/freeport/abi.h"

#define LINE_BUFFER_SIZE 1024 /* a power of two */

struct line_discipline {
    struct freeport_termios termios;
    char buffer[LINE_BUFFER_SIZE];
    uint32_t read_index, commit_index, edit_index;
    void (*echo)(const char *text, size_t length);
};

/* Empty, canonical with echo, the console's default settings. */
void line_discipline_init(struct line_discipline *line, void (*echo)(const char *, size_t));

/* One received byte. True when readers should be woken (bytes became
 * readable). */
bool line_discipline_receive(struct line_discipline *line, uint8_t byte);

/* Up to `length` readable bytes into `buffer`: the count, 0 for end of
 * file (^D on an empty line), or -EAGAIN when nothing is readable. */
long line_discipline_read(struct line_discipline *line, char *buffer, size_t length);

/* Bytes a read could return now (FIONREAD). */
size_t line_discipline_readable(const struct line_discipline *line);

/* New settings (TCSETS). Leaving canonical mode makes the line being
 * edited readable: true when readers should be woken. */
bool line_discipline_set_termios(struct line_discipline *line, const struct freeport_termios *termios);

#endif
