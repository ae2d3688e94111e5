/*
 * sh/input.c - reading command lines from a script or standard input: one
 * line, continued on the next ones while a quote is open or the line ends
 * with a backslash, with the $ and > prompts when interactive.
 *
 * Layer: user program (Freeport's shell, see sh.h); used by main.c.
 * Invariant: on standard input the reader reads one byte at a time, so it
 * never takes bytes after the current line: they are left to the commands
 * the line runs (`sh < script` where a command reads the next lines).
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "sh.h"

static int reader_byte(struct reader *reader)
{
    if (reader->start == reader->end) {
        size_t want = reader->one_byte_at_a_time ? 1 : sizeof(reader->buffer);
        ssize_t got;
        do
            got = read(reader->fd, reader->buffer, want);
        while (got < 0 && errno == EINTR);
        if (got <= 0)
            return EOF;
        reader->start = 0;
        reader->end = (size_t)got;
    }
    return (unsigned char)reader->buffer[reader->start++];
}

/* Reads one line into line (without the newline); false at end of input. */
static bool reader_line(struct reader *reader, char *line, size_t size)
{
    size_t length = 0;
    int c;
    while ((c = reader_byte(reader)) != EOF && c != '\n') {
        if (length < size - 1)
            line[length++] = (char)c;
    }
    line[length] = '\0';
    return c != EOF || length > 0;
}

static bool ends_with_backslash(const char *text, size_t length)
{
    size_t count = 0;
    while (count < length && text[length - 1 - count] == '\\')
        count++;
    return count % 2 == 1;
}

static void prompt(const char *text)
{
    if (interactive)
        fputs(text, stderr);
}

/* Reads a command line, going on to the next lines while a quote is open
   (keeping the newline) or the line ends with a backslash (dropping both). */
bool read_command_line(struct reader *reader, char *line, size_t size)
{
    prompt("$ ");
    if (!reader_line(reader, line, size))
        return false;
    for (;;) {
        size_t length = strlen(line);
        if (quote_open(line) && length < size - 1)
            line[length++] = '\n';
        else if (ends_with_backslash(line, length))
            length--;
        else
            return true;
        prompt("> ");
        if (!reader_line(reader, line + length, size - length))
            return true;
    }
}
