/*
 * exec.h - replacing a process's program: the ELF loader and execve.
 *
 * Layer: processes, on the file layer (vfs_open_path, file_read_at).
 */
#ifndef FREEPORT_PROC_EXEC_H
#define FREEPORT_PROC_EXEC_H

struct exec_args;
struct process;

/* Load the static ELF executable at `path` into a new address space with
 * `args` on its stack, then make it `process`'s program: the old memory
 * is freed, close-on-exec files closed, caught signals reset, and the
 * process's thread will enter the program's entry point. On failure the
 * process is untouched. 0, or -ENOENT, -EACCES (not a regular file or no
 * execute permission), -ENOEXEC (not a valid executable), -ENOMEM... */
int exec_program(struct process *process, const char *path, const struct exec_args *args);

#endif
