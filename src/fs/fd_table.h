/*
 * fd_table.h - a process's file descriptors: small integers naming open
 * files, each with its close-on-exec flag.
 *
 * Layer: files, above struct file. Each slot holds one reference on its
 * file (a file shared by dup() or fork() is counted once per slot). The
 * processes layer calls the four lifecycle hooks:
 *   fd_table_create()         a new process (init): an empty table;
 *   fd_table_clone(table)     fork: same files, same flags, shared offsets;
 *   fd_table_close_on_exec()  exec: closes the slots flagged close-on-exec;
 *   fd_table_destroy(table)   exit: closes everything, frees the table.
 * create and clone return NULL when memory is short.
 */
#ifndef FREEPORT_FS_FD_TABLE_H
#define FREEPORT_FS_FD_TABLE_H

#include <stdbool.h>
#include "fs/file.h"

#define FD_TABLE_SIZE 256

struct fd_table {
    struct file *files[FD_TABLE_SIZE];
    bool close_on_exec[FD_TABLE_SIZE];
};

struct fd_table *fd_table_create(void);
struct fd_table *fd_table_clone(const struct fd_table *table);
void fd_table_close_on_exec(struct fd_table *table);
void fd_table_destroy(struct fd_table *table);

/* Put `file` in the lowest free slot >= `lowest`, taking over the caller's
 * reference: the descriptor, or -EMFILE (the caller keeps its reference). */
int fd_install(struct fd_table *table, struct file *file, int lowest, bool close_on_exec);

/* Put `file` at `fd`, closing what was there (dup2); takes the reference. */
void fd_install_at(struct fd_table *table, int fd, struct file *file, bool close_on_exec);

/* The file at `fd` with a new reference, or NULL (not open, out of range). */
struct file *fd_table_get(struct fd_table *table, int fd);

/* 0, or -EBADF. */
int fd_close(struct fd_table *table, int fd);

/* The current process's table (NULL for a kernel thread), and the file at
 * `fd` in it with a new reference (NULL: -EBADF). */
struct fd_table *fd_table_current(void);
struct file *fd_current_file(int fd);

#endif
