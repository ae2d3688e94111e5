/*
 * bench/process.c - workloads of the process calls: the null system call
 * and fork + exit + wait.
 *
 * Layer: user program (see bench.h). The null system call is getpid made
 * so that it always enters the kernel (os_freeport.c, os_linux.c); the
 * child of fork_exit_wait calls _exit at once, so one operation is the
 * fork, the child's exit and the parent's wait for it.
 */
#include <errno.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>
#include "bench.h"

int process_null_syscall_run(void *state)
{
    (void)state;
    return os_null_syscall() > 0 ? 0 : -1;
}

int process_fork_wait_run(void *state)
{
    (void)state;
    int status;
    pid_t child = fork();
    if (child < 0)
        return -1;
    if (child == 0)
        _exit(0);
    if (waitpid(child, &status, 0) != child)
        return -1;
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        errno = ECHILD;
        return -1;
    }
    return 0;
}
