/*
 * fd_pair.h - two new open files as the two lowest free descriptors of
 * the calling process, for the calls that make a pair (pipe2, socketpair).
 *
 * Layer: POSIX (system-call side), on the file layer's descriptor table.
 */
#ifndef FREEPORT_POSIX_FD_PAIR_H
#define FREEPORT_POSIX_FD_PAIR_H

#include <stdbool.h>
#include "fs/file.h"

/* Install `files` (taking their references) and copy the two descriptors
 * to `user_fds`: 0, or -EMFILE / -EFAULT with both files closed and no
 * descriptor left open. */
long fd_pair_install(struct file *files[2], bool close_on_exec, int *user_fds);

#endif
