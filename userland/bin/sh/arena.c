/*
 * sh/arena.c - the line arena, and abandoning a line on an error.
 *
 * Layer: user program (Freeport's shell, see sh.h); below every stage.
 * Invariant: everything built for a line (its tokens, its command tree, the
 * fields and environments of its commands) is allocated here and lives
 * until arena_reset, when the next line starts; nothing is freed alone.
 * line_error never returns: it longjmps to abandon_line (set by run_text),
 * or, in a child, exits with status 2.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include "sh.h"

#define ARENA_SIZE (64 * 1024)

jmp_buf abandon_line;

static char arena[ARENA_SIZE];
static size_t arena_used;

/* Reports an error and abandons the line (a child, which has no read loop
   to go back to, exits). */
_Noreturn __attribute__((format(printf, 1, 2))) void line_error(const char *format, ...)
{
    va_list arguments;
    va_start(arguments, format);
    fputs("sh: ", stderr);
    vfprintf(stderr, format, arguments);
    fputc('\n', stderr);
    va_end(arguments);
    if (in_child)
        exit(2);
    longjmp(abandon_line, 1);
}

void *arena_alloc(size_t size)
{
    size = (size + 15) & ~(size_t)15;
    if (size > ARENA_SIZE - arena_used)
        line_error("line too long");
    void *memory = arena + arena_used;
    arena_used += size;
    return memory;
}

/* Empties the arena: everything of the previous line is gone. */
void arena_reset(void)
{
    arena_used = 0;
}
