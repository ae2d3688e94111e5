/*
 * terminal.h - a terminal: a line discipline with a screen behind it, a
 * window size, and the job control a session gets from it. The console
 * (dev_console.c) and each pseudo-terminal's slave (pty.c) are one.
 *
 * Layer: files, on the pure line discipline (line_discipline.h) and the
 * process layer's groups and sessions (proc/process_group.h).
 *
 * Input: bytes typed (the COM1 interrupt for the console, a write on the
 * master for a pty) go to terminal_receive(); INTR, QUIT and SUSP become
 * SIGINT, SIGQUIT and SIGTSTP to the foreground process group.
 * Output: what programs write and what is echoed goes, after output
 * processing (OPOST | ONLCR) unless the output function does its own, to
 * ops->output, which takes what it has room for and never sleeps; a
 * writer sleeps on `writers` until the owner makes room.
 *
 * Job control: a session leader without a controlling terminal that opens
 * one (without O_NOCTTY) or asks with TIOCSCTTY gets it; its session is
 * then `session` and the leader's group the foreground group (TIOCSPGRP
 * changes it, to a group of that session). A read from the controlling
 * terminal by a background group gets SIGTTIN (or EIO when that cannot
 * stop it: SIGTTIN ignored or blocked, or an orphaned group); background
 * writes are allowed (TOSTOP is not implemented).
 *
 * Hang-up (a pty's master closed; the session leader exited): SIGHUP and
 * SIGCONT to the foreground group; for the master's close also reads
 * return 0 and writes EIO from then on.
 *
 * Raw mode reads: VMIN > 0 waits for at least one byte (VMIN is otherwise
 * treated as 1); VMIN 0 and VTIME 0 never waits (0 bytes); VMIN 0 and
 * VTIME t waits at most t tenths of a second for one byte.
 *
 * Locking: all state changes with interrupts off (the console's input
 * comes from an interrupt handler); readers and writers sleep with them
 * off, as waitqueue.h says.
 */
#ifndef FREEPORT_FS_TERMINAL_H
#define FREEPORT_FS_TERMINAL_H

#include <stdbool.h>
#include <stddef.h>
#include "fs/file.h"
#include "fs/line_discipline.h"
#include "fs/poll_event.h"
#include "proc/waitqueue.h"

struct terminal;

struct terminal_ops {
    /* Bytes for the screen (or the pty's master): how many it took. Never
     * sleeps; any context. */
    size_t (*output)(struct terminal *terminal, const char *bytes, size_t length);
    /* Is there no room for output now? (NULL: there always is.) */
    bool (*output_full)(const struct terminal *terminal);
    /* Does `output` translate NL to CR NL itself (the console)? */
    bool output_translates_newlines;
    /* A read took input: there is room for more (NULL: nobody waits to
     * type). Interrupts off. */
    void (*input_taken)(struct terminal *terminal);
    /* A file on the terminal was opened / its last reference closed
     * (NULL: nothing to count). */
    void (*opened)(struct terminal *terminal);
    void (*closed)(struct terminal *terminal);
};

struct terminal {
    struct line_discipline line;
    struct freeport_winsize size;
    const struct terminal_ops *ops;
    void *owner;          /* the device behind it (a struct pty), for ops */
    int number;           /* /dev/pts/number; -1 for the console */
    int session;          /* the session it controls; 0: none */
    int foreground_group; /* 0: none */
    bool hung_up;
    struct wait_queue readers, writers;
    struct poll_event event; /* READABLE: a read would not sleep; WRITABLE: output has room */
};

/* Default settings (line_discipline_init) and size, no session: 0, or
 * -ENOMEM (its poll event; nothing to undo). */
int terminal_init(struct terminal *terminal, const struct terminal_ops *ops, void *owner, int number,
                  struct freeport_winsize size);

/* The terminal goes: processes forget it as their controlling terminal. */
void terminal_destroy(struct terminal *terminal);

/* One byte typed. Any context; interrupts off. */
void terminal_receive(struct terminal *terminal, uint8_t byte);

/* A byte typed now would be lost (raw mode, input buffer full): a typist
 * that can wait is told by ops->input_taken when a read makes room.
 * Interrupts off. */
bool terminal_input_full(const struct terminal *terminal);

/* The owner made room for output (a pty master read): wake writers. */
void terminal_output_room(struct terminal *terminal);

/* The other side is gone for good (a pty's master closed). */
void terminal_hang_up(struct terminal *terminal);

/* The leader of the session it controls exited. */
void terminal_session_ended(struct terminal *terminal);

/* A file on `terminal` (file_ops below, private = the terminal), opened by
 * the caller with `flags` on `vnode`: it may become the caller's
 * controlling terminal. 0 or -ENOMEM. */
int terminal_open_file(struct terminal *terminal, struct vnode *vnode, int flags, struct file **out);

/* The file operations of a terminal's files (terminal_file.c). */
extern const struct file_ops terminal_file_ops;

/* The system-call halves, for terminal_file.c. `user_buffer` is the
 * caller's; `flags` the file's (FP_O_NONBLOCK). */
long terminal_read(struct terminal *terminal, void *user_buffer, size_t length, int flags);
long terminal_write(struct terminal *terminal, const void *user_buffer, size_t length, int flags);
int terminal_ioctl(struct terminal *terminal, unsigned long request, void *argument);
int terminal_poll(struct terminal *terminal, int wanted, struct file_poll_wait *wait);

#endif
