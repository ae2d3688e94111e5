/*
 * userland/lib/process.c - child processes as the shell and init see them.
 *
 * Layer: user library (libtools.a).
 */
#include <sys/wait.h>
#include "tools.h"

int exit_status_of(int wait_status)
{
    if (WIFSIGNALED(wait_status))
        return 128 + WTERMSIG(wait_status);
    return WEXITSTATUS(wait_status);
}
