/*
 * userland/libc/process.c - process calls: exit, fork, execve, wait, ids.
 *
 * Layer: libfreeport (the syscall glue newlib's libc.a calls by plain name;
 * see TOOLCHAIN.md). Each function is one system call. Freeport has a single
 * user, so the user and group ids are always 0 (root).
 */
#include <sched.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>
#include "syscall.h"

void _exit(int status)
{
    SYSCALL(SYS_exit, status);
    for (;;)
        __builtin_trap();
}

pid_t fork(void)
{
    return syscall_result(SYSCALL(SYS_fork));
}

int execve(const char *path, char *const argv[], char *const envp[])
{
    return syscall_result(SYSCALL(SYS_execve, path, argv, envp));
}

pid_t waitpid(pid_t pid, int *status, int options)
{
    return syscall_result(SYSCALL(SYS_waitpid, pid, status, options));
}

pid_t wait(int *status)
{
    return waitpid(-1, status, 0);
}

pid_t getpid(void)
{
    return SYSCALL(SYS_getpid);
}

pid_t getppid(void)
{
    return SYSCALL(SYS_getppid);
}

int sched_yield(void)
{
    return syscall_result(SYSCALL(SYS_sched_yield));
}

uid_t getuid(void)
{
    return 0;
}

uid_t geteuid(void)
{
    return 0;
}

gid_t getgid(void)
{
    return 0;
}

gid_t getegid(void)
{
    return 0;
}
