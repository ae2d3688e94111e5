/*
 * fd_table.c - per-process descriptor tables (see fd_table.h).
 *
 * Layer: files. Invariants: files[fd] is NULL or holds one reference;
 * close_on_exec[fd] is false for every empty slot.
 */
#include "errno.h"
#include "fs/fd_table.h"
#include "mm/heap.h"
#include "proc/process.h"

struct fd_table *fd_table_create(void)
{
    return kzalloc(sizeof(struct fd_table));
}

struct fd_table *fd_table_clone(const struct fd_table *table)
{
    struct fd_table *copy = kmalloc(sizeof(*copy));

    if (copy == NULL)
        return NULL;
    *copy = *table;
    for (int fd = 0; fd < FD_TABLE_SIZE; fd++)
        if (copy->files[fd])
            file_get(copy->files[fd]);
    return copy;
}

void fd_table_close_on_exec(struct fd_table *table)
{
    for (int fd = 0; fd < FD_TABLE_SIZE; fd++)
        if (table->close_on_exec[fd])
            fd_close(table, fd);
}

void fd_table_destroy(struct fd_table *table)
{
    for (int fd = 0; fd < FD_TABLE_SIZE; fd++)
        if (table->files[fd])
            fd_close(table, fd);
    kfree(table);
}

int fd_install(struct fd_table *table, struct file *file, int lowest, bool close_on_exec)
{
    for (int fd = lowest < 0 ? 0 : lowest; fd < FD_TABLE_SIZE; fd++) {
        if (table->files[fd] == NULL) {
            table->files[fd] = file;
            table->close_on_exec[fd] = close_on_exec;
            return fd;
        }
    }
    return -EMFILE;
}

void fd_install_at(struct fd_table *table, int fd, struct file *file, bool close_on_exec)
{
    struct file *old = table->files[fd];

    table->files[fd] = file;
    table->close_on_exec[fd] = close_on_exec;
    if (old)
        file_put(old);
}

struct file *fd_table_get(struct fd_table *table, int fd)
{
    if (table == NULL || fd < 0 || fd >= FD_TABLE_SIZE || table->files[fd] == NULL)
        return NULL;
    return file_get(table->files[fd]);
}

int fd_close(struct fd_table *table, int fd)
{
    if (table == NULL || fd < 0 || fd >= FD_TABLE_SIZE || table->files[fd] == NULL)
        return -EBADF;
    struct file *file = table->files[fd];
    table->files[fd] = NULL;
    table->close_on_exec[fd] = false;
    file_put(file);
    return 0;
}

struct fd_table *fd_table_current(void)
{
    struct process *process = process_current();
    return process ? process->files : NULL;
}

struct file *fd_current_file(int fd)
{
    return fd_table_get(fd_table_current(), fd);
}
