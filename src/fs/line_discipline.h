/*
 * line_discipline.h - a terminal's input editing: what turns the bytes a
 * user types into what read() returns.
 *
 * Layer: files (pure: no kernel state, host unit-tested in
 * tests/unit/test_line_discipline.c). A terminal (terminal.c: the console,
 * each pseudo-terminal) feeds it each received byte and reads from it;
 * echo goes through a callback with the terminal as its context.
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
 * values are the terminal's business: terminal.c). FP_ECHO echoes input
 * (ERASE and KILL as "\b \b" per byte removed; with FP_ECHOCTL other
 * control bytes as ^X); FP_ICRNL maps CR to NL, FP_IGNCR drops CR,
 * FP_INLCR maps NL to CR.
 * Signals (FP_ISIG, in both modes): INTR (^C), QUIT (^\) and SUSP (^Z)
 * are not input: receive() reports FP_SIGINT, FP_SIGQUIT or FP_SIGTSTP for
 * the terminal to send to its foreground process group, echoes ^C (etc.)
 * and throws away all unread input (unless FP_NOFLSH).
 * Output processing (FP_OPOST | FP_ONLCR: NL becomes CR NL) is
 * line_discipline_output(), for terminals that do not do it themselves.
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

typedef void line_echo_function(void *context, const char *text, size_t length);

struct line_discipline {
    struct freeport_termios termios;
    char buffer[LINE_BUFFER_SIZE];
    uint32_t read_index, commit_index, edit_index;
    line_echo_function *echo;
    void *echo_context;
};

/* Empty, with the default settings: canonical, echo, signals, CR read as
 * NL, NL written as CR NL. */
void line_discipline_init(struct line_discipline *line, line_echo_function *echo, void *echo_context);

/* One received byte. True when readers should be woken (bytes became
 * readable); *signal is the signal the byte asks for (ISIG), else 0. */
bool line_discipline_receive(struct line_discipline *line, uint8_t byte, int *signal);

/* Output processing of one byte written: the bytes to send (1 or 2) in
 * out[0..]. */
size_t line_discipline_output(const struct line_discipline *line, char byte, char out[2]);

/* Throw away all input not yet read. */
void line_discipline_flush(struct line_discipline *line);

/* Up to `length` readable bytes into `buffer`: the count, 0 for end of
 * file (^D on an empty line), or -EAGAIN when nothing is readable. */
long line_discipline_read(struct line_discipline *line, char *buffer, size_t length);

/* Bytes a read could return now (FIONREAD). */
size_t line_discipline_readable(const struct line_discipline *line);

/* Would a byte received now be lost for want of room? Only in raw mode,
 * with the whole buffer unread: canonical editing decides for itself
 * (an over-long line loses its extra bytes, its end still fits). */
bool line_discipline_full(const struct line_discipline *line);

/* New settings (TCSETS). Leaving canonical mode makes the line being
 * edited readable: true when readers should be woken. */
bool line_discipline_set_termios(struct line_discipline *line, const struct freeport_termios *termios);

#endif
