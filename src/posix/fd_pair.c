/*
 * fd_pair.c - installing a pair of new files (see fd_pair.h).
 *
 * Layer: POSIX (system-call side). Every error path undoes everything:
 * the caller never sees one descriptor of a pair without the other.
 */
#include "posix/fd_pair.h"
#include "errno.h"
#include "fs/fd_table.h"
#include "proc/usercopy.h"

long fd_pair_install(struct file *files[2], bool close_on_exec, int *user_fds)
{
    struct fd_table *table = fd_table_current();
    int fds[2];

    fds[0] = table ? fd_install(table, files[0], 0, close_on_exec) : -EMFILE;
    fds[1] = fds[0] < 0 ? -EMFILE : fd_install(table, files[1], 0, close_on_exec);
    if (fds[1] < 0) {
        if (fds[0] < 0)
            file_put(files[0]);
        else
            fd_close(table, fds[0]);
        file_put(files[1]);
        return -EMFILE;
    }
    if (copy_to_user(user_fds, fds, sizeof(fds)) < 0) {
        fd_close(table, fds[0]);
        fd_close(table, fds[1]);
        return -EFAULT;
    }
    return 0;
}
