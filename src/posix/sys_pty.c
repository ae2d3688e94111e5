/*
 * sys_pty.c - openpty: a new pseudo-terminal's master and slave as two
 * descriptors (libc's openpty, posix_openpt and friends sit on it).
 *
 * Layer: POSIX (system-call side), on the file layer's pty.h and
 * fd_pair.h. Flags: FP_O_CLOEXEC and FP_O_NONBLOCK for both descriptors;
 * FP_O_NOCTTY is accepted and changes nothing (the slave is always opened
 * without becoming a controlling terminal: TIOCSCTTY does that).
 */
#include "errno.h"
#include "fs/fd_table.h"
#include "fs/pty.h"
#include "posix/fd_pair.h"
#include "posix/syscalls.h"

#define OPENPTY_FLAGS (FP_O_CLOEXEC | FP_O_NONBLOCK | FP_O_NOCTTY)

long sys_openpty(int *user_fds, int flags)
{
    struct file *files[2];
    int error;

    if ((flags & ~OPENPTY_FLAGS) || fd_table_current() == NULL)
        return -EINVAL;
    error = pty_create(files, flags & FP_O_NONBLOCK);
    if (error)
        return error;
    return fd_pair_install(files, flags & FP_O_CLOEXEC, user_fds);
}
