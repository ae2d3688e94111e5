/*
 * terminal_control.h - a terminal's job control: which session it
 * controls, its foreground group, and the signals it sends for them (see
 * terminal.h for the rules).
 *
 * Layer: files, on proc/process_group.h. For terminal.c; all with
 * interrupts off except terminal_control_open.
 */
#ifndef FREEPORT_FS_TERMINAL_CONTROL_H
#define FREEPORT_FS_TERMINAL_CONTROL_H

#include <stdbool.h>

struct terminal;

/* A read by the current process may go on (0), or not: -EINTR after
 * SIGTTIN was sent to its background group, -EIO when SIGTTIN could not
 * stop it. */
int terminal_control_check_read(const struct terminal *terminal);

/* The current process opened the terminal with `flags`: a session leader
 * without a controlling terminal gets this one (unless FP_O_NOCTTY, or it
 * is another session's). */
void terminal_control_open(struct terminal *terminal, int flags);

/* Hang-up: SIGHUP and SIGCONT to the foreground group, SIGHUP to the
 * session leader, and the session loses the terminal. */
void terminal_control_hang_up(struct terminal *terminal);

/* The terminal goes: its session loses it, quietly. */
void terminal_control_forget(struct terminal *terminal);

#endif
