/*
 * terminal_control.c - a terminal's job control and ioctls: controlling
 * terminal, foreground group, settings, window size (see terminal.h).
 *
 * Layer: files, on proc/process_group.h. The terminal's state changes with
 * interrupts off: the console's interrupt handler reads foreground_group.
 * Arguments come from sys_ioctl, already copied into the kernel.
 */
#include "fs/terminal_control.h"
#include "fs/terminal.h"
#include "arch/arch.h"
#include "errno.h"
#include "proc/process.h"
#include "proc/process_group.h"

static bool is_controlling_terminal(const struct terminal *terminal, const struct process *process)
{
    return process->controlling_terminal == terminal && terminal->session == process->sid;
}

/* SIGTTIN cannot stop a process that ignores or blocks it, nor an
 * orphaned group: then the read fails instead (POSIX). */
int terminal_control_check_read(const struct terminal *terminal)
{
    struct process *self = process_current();

    if (!self || !is_controlling_terminal(terminal, self) || self->pgid == terminal->foreground_group)
        return 0;
    if (signal_is_ignored(&self->signals, FP_SIGTTIN) || (self->signals.blocked & SIGNAL_BIT(FP_SIGTTIN)) ||
        process_group_is_orphaned(self->pgid, NULL))
        return -EIO;
    process_group_signal(self->pgid, FP_SIGTTIN);
    return -EINTR;
}

/* The caller's session takes the terminal: 0, or -EPERM (not a session
 * leader, already has one, or the terminal is another session's). */
static int acquire(struct terminal *terminal, struct process *self)
{
    if (self->pid != self->sid || self->controlling_terminal || terminal->session)
        return -EPERM;
    terminal->session = self->sid;
    terminal->foreground_group = self->pgid;
    session_set_terminal(self->sid, terminal);
    return 0;
}

void terminal_control_open(struct terminal *terminal, int flags)
{
    struct process *self = process_current();

    if (self && !(flags & FP_O_NOCTTY) && self->pid == self->sid && !self->controlling_terminal &&
        !terminal->session) {
        int enabled = arch_irq_save();
        acquire(terminal, self);
        arch_irq_restore(enabled);
    }
}

void terminal_control_forget(struct terminal *terminal)
{
    if (terminal->session)
        session_set_terminal(terminal->session, NULL);
    terminal->session = 0;
    terminal->foreground_group = 0;
}

void terminal_control_hang_up(struct terminal *terminal)
{
    struct process *leader = terminal->session ? process_find(terminal->session) : NULL;

    if (terminal->foreground_group) {
        process_group_signal(terminal->foreground_group, FP_SIGHUP);
        process_group_signal(terminal->foreground_group, FP_SIGCONT);
    }
    if (leader && leader->pgid != terminal->foreground_group)
        signal_send(leader, FP_SIGHUP);
    terminal_control_forget(terminal);
}

void terminal_session_ended(struct terminal *terminal)
{
    int enabled = arch_irq_save();
    terminal_control_hang_up(terminal);
    arch_irq_restore(enabled);
}

/* TIOCSPGRP: the group must be in the caller's session. */
static int set_foreground(struct terminal *terminal, const struct process *self, int32_t pgid)
{
    if (pgid <= 0)
        return -EINVAL;
    if (!process_group_in_session(pgid, self->sid))
        return -EPERM;
    terminal->foreground_group = pgid;
    return 0;
}

/* TIOCNOTTY: a session leader's session loses the terminal (with a
 * hang-up of the foreground group); anyone else just forgets it. */
static int give_up(struct terminal *terminal, struct process *self)
{
    if (self->pid == self->sid)
        terminal_control_hang_up(terminal);
    else
        self->controlling_terminal = NULL;
    return 0;
}

static void set_window_size(struct terminal *terminal, const struct freeport_winsize *size)
{
    bool changed = size->rows != terminal->size.rows || size->columns != terminal->size.columns;

    terminal->size = *size;
    if (changed && terminal->foreground_group)
        process_group_signal(terminal->foreground_group, FP_SIGWINCH);
}

/* Readers wake in any case: VMIN and VTIME may have changed their wait. */
static void set_termios(struct terminal *terminal, const struct freeport_termios *termios)
{
    if (line_discipline_set_termios(&terminal->line, termios))
        poll_event_notify(&terminal->event, IPC_EVENT_READABLE);
    wait_queue_wake_all(&terminal->readers);
}

/* The requests only the caller's controlling terminal answers (-ENOTTY
 * on any other terminal). */
static int job_control_ioctl(struct terminal *terminal, unsigned long request, void *argument)
{
    struct process *self = process_current();

    if (request == FP_TIOCSCTTY)
        return acquire(terminal, self);
    if (!is_controlling_terminal(terminal, self))
        return -ENOTTY;
    switch (request) {
    case FP_TIOCGPGRP: *(int32_t *)argument = terminal->foreground_group; return 0;
    case FP_TIOCSPGRP: return set_foreground(terminal, self, *(int32_t *)argument);
    case FP_TIOCGSID: *(int32_t *)argument = terminal->session; return 0;
    default: return give_up(terminal, self);
    }
}

static bool is_job_control_request(unsigned long request)
{
    return request == FP_TIOCSCTTY || request == FP_TIOCGPGRP || request == FP_TIOCSPGRP ||
           request == FP_TIOCGSID || request == FP_TIOCNOTTY;
}

static int settings_ioctl(struct terminal *terminal, unsigned long request, void *argument)
{
    switch (request) {
    case FP_TCGETS: *(struct freeport_termios *)argument = terminal->line.termios; return 0;
    case FP_TCSETS: set_termios(terminal, argument); return 0;
    case FP_TIOCGWINSZ: *(struct freeport_winsize *)argument = terminal->size; return 0;
    case FP_TIOCSWINSZ: set_window_size(terminal, argument); return 0;
    case FP_FIONREAD: *(int32_t *)argument = (int32_t)line_discipline_readable(&terminal->line); return 0;
    case FP_TIOCGPTN:
        if (terminal->number < 0)
            return -ENOTTY;
        *(uint32_t *)argument = (uint32_t)terminal->number;
        return 0;
    default: return -ENOTTY;
    }
}

int terminal_ioctl(struct terminal *terminal, unsigned long request, void *argument)
{
    int enabled = arch_irq_save(), result;

    if (is_job_control_request(request))
        result = job_control_ioctl(terminal, request, argument);
    else
        result = settings_ioctl(terminal, request, argument);
    arch_irq_restore(enabled);
    return result;
}
