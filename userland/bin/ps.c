/*
 * ps - list the processes in Freeport's process table.
 *
 * Layer: user program, over freeport_procinfo() (<freeport/sys.h>), which
 * returns one slot of the kernel's table: ESRCH for a free slot, EINVAL past
 * the end. Elsewhere (the host build) there is no such table and ps fails.
 *     PID  PPID S THREADS   MEMORY    TICKS NAME
 */
#include <err.h>
#include <errno.h>
#include <freeport/abi.h>
#include <stdio.h>

#ifdef __freeport__
#include <freeport/sys.h>
#else
static int freeport_procinfo(int index, struct freeport_procinfo *process)
{
    (void)index;
    (void)process;
    errno = ENOSYS;
    return -1;
}
#endif

static char state_letter(uint32_t state)
{
    switch (state) {
    case FP_PROC_RUNNING: return 'R';
    case FP_PROC_SLEEPING: return 'S';
    case FP_PROC_ZOMBIE: return 'Z';
    case FP_PROC_STOPPED: return 'T';
    default: return '?';
    }
}

int main(void)
{
    printf("  PID  PPID S THREADS   MEMORY    TICKS NAME\n");
    for (int index = 0;; index++) {
        struct freeport_procinfo process;
        if (freeport_procinfo(index, &process) < 0) {
            if (errno == ESRCH)
                continue;
            if (errno == EINVAL)
                return 0;
            err(1, "process table");
        }
        process.name[sizeof(process.name) - 1] = '\0';
        printf("%5d %5d %c %7u %7lluK %8llu %s\n", (int)process.pid, (int)process.ppid,
               state_letter(process.state), (unsigned)process.threads,
               (unsigned long long)(process.memory_bytes / 1024), (unsigned long long)process.cpu_ticks,
               process.name);
    }
}
