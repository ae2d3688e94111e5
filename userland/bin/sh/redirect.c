/*
 * sh/redirect.c - stage 4, execution: applying a command's redirections
 * (< > >> N>&M N>&-), and saving and restoring the shell's own fds around a
 * builtin.
 *
 * Layer: user program (Freeport's shell, see sh.h); used by command.c.
 * Invariants: redirections apply left to right, so "> f 2>&1" sends both to
 * f; a failed one is reported and stops the command. The saved copies are
 * fds >= 10 (out of the way of the fds redirections name), close-on-exec.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "sh.h"

static int open_redirect_target(const struct redirect *redirect, const char *target)
{
    switch (redirect->kind) {
    case REDIRECT_IN: return open(target, O_RDONLY);
    case REDIRECT_OUT: return open(target, O_WRONLY | O_CREAT | O_TRUNC, 0666);
    case REDIRECT_APPEND: return open(target, O_WRONLY | O_CREAT | O_APPEND, 0666);
    case REDIRECT_DUP: break;
    }
    if (target[0] != '\0' && strspn(target, "0123456789") == strlen(target))
        return dup(atoi(target));
    errno = EBADF;
    return -1;
}

static int apply_redirect(const struct redirect *redirect)
{
    const char *target = expand_single(redirect->target);
    if (redirect->kind == REDIRECT_DUP && strcmp(target, "-") == 0) {
        close(redirect->fd);
        return 0;
    }
    int fd = open_redirect_target(redirect, target);
    if (fd < 0) {
        fprintf(stderr, "sh: %s: %s\n", target, strerror(errno));
        return -1;
    }
    if (fd != redirect->fd) {
        dup2(fd, redirect->fd);
        close(fd);
    }
    return 0;
}

int apply_redirects(const struct command *command)
{
    for (int i = 0; i < command->redirect_count; i++)
        if (apply_redirect(&command->redirects[i]) < 0)
            return -1;
    return 0;
}

void save_fds(const struct command *command, struct saved_fds *saved)
{
    saved->count = command->redirect_count;
    for (int i = 0; i < saved->count; i++) {
        saved->fd[i] = command->redirects[i].fd;
        saved->copy[i] = fcntl(saved->fd[i], F_DUPFD_CLOEXEC, 10);
    }
}

void restore_fds(const struct saved_fds *saved)
{
    for (int i = saved->count - 1; i >= 0; i--) {
        if (saved->copy[i] < 0) {
            close(saved->fd[i]);
        } else {
            dup2(saved->copy[i], saved->fd[i]);
            close(saved->copy[i]);
        }
    }
}
