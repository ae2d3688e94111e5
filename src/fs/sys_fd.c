/*
 * sys_fd.c - dup, dup2, fcntl: descriptors themselves, not the data.
 *
 * Layer: files (system-call side), on the descriptor table. A duplicate
 * shares the struct file (offset and status flags) and starts without
 * close-on-exec; only FP_O_APPEND and FP_O_NONBLOCK can change after open.
 */
#include "errno.h"
#include "fs/fd_table.h"
#include "fs/syscalls.h"

/* A new descriptor >= lowest for the file at `fd`. */
static long duplicate(int fd, int lowest, bool close_on_exec)
{
    struct fd_table *table = fd_table_current();
    struct file *file = fd_table_get(table, fd);

    if (file == NULL)
        return -EBADF;
    if (lowest < 0 || lowest >= FD_TABLE_SIZE) {
        file_put(file);
        return -EINVAL;
    }
    long result = fd_install(table, file, lowest, close_on_exec);
    if (result < 0)
        file_put(file);
    return result;
}

long sys_dup(int fd)
{
    return duplicate(fd, 0, false);
}

long sys_dup2(int fd, int new_fd)
{
    struct fd_table *table = fd_table_current();
    struct file *file = fd_table_get(table, fd);

    if (file == NULL || new_fd < 0 || new_fd >= FD_TABLE_SIZE) {
        if (file)
            file_put(file);
        return -EBADF;
    }
    if (new_fd == fd)
        file_put(file);
    else
        fd_install_at(table, new_fd, file, false);
    return new_fd;
}

static long set_status_flags(struct file *file, long argument)
{
    file->flags = (file->flags & ~FILE_STATUS_FLAGS) | ((int)argument & FILE_STATUS_FLAGS);
    return 0;
}

/* The commands that act on the descriptor's file or flag. */
static long descriptor_command(struct fd_table *table, int fd, int command, long argument)
{
    struct file *file = table->files[fd];

    switch (command) {
    case FP_F_GETFD: return table->close_on_exec[fd] ? FP_FD_CLOEXEC : 0;
    case FP_F_SETFD: table->close_on_exec[fd] = argument & FP_FD_CLOEXEC; return 0;
    case FP_F_GETFL: return file->flags;
    case FP_F_SETFL: return set_status_flags(file, argument);
    default: return -EINVAL;
    }
}

long sys_fcntl(int fd, int command, long argument)
{
    struct fd_table *table = fd_table_current();

    if (command == FP_F_DUPFD || command == FP_F_DUPFD_CLOEXEC)
        return duplicate(fd, argument < 0 || argument >= FD_TABLE_SIZE ? -1 : (int)argument,
                         command == FP_F_DUPFD_CLOEXEC);
    struct file *file = fd_table_get(table, fd);
    if (file == NULL)
        return -EBADF;
    long result = descriptor_command(table, fd, command, argument);
    file_put(file);
    return result;
}
