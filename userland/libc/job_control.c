/*
 * userland/libc/job_control.c - process groups, sessions and the
 * terminal's foreground group: setpgid, getpgid, getpgrp, setsid, getsid,
 * killpg, tcgetpgrp, tcsetpgrp.
 *
 * Layer: libfreeport. The first five are one system call each; killpg is
 * kill on the negated group; tcgetpgrp/tcsetpgrp are the TIOCGPGRP and
 * TIOCSPGRP ioctls, as on Linux.
 */
#include <signal.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include "syscall.h"

int setpgid(pid_t pid, pid_t pgid)
{
    return syscall_result(SYSCALL(SYS_setpgid, pid, pgid));
}

pid_t getpgid(pid_t pid)
{
    return syscall_result(SYSCALL(SYS_getpgid, pid));
}

pid_t getpgrp(void)
{
    return getpgid(0);
}

pid_t setsid(void)
{
    return syscall_result(SYSCALL(SYS_setsid));
}

pid_t getsid(pid_t pid)
{
    return syscall_result(SYSCALL(SYS_getsid, pid));
}

int killpg(pid_t pgrp, int signal)
{
    if (pgrp <= 1) {
        errno = EINVAL;
        return -1;
    }
    return kill(-pgrp, signal);
}

pid_t tcgetpgrp(int fd)
{
    int32_t pgrp;

    return ioctl(fd, TIOCGPGRP, &pgrp) < 0 ? -1 : pgrp;
}

int tcsetpgrp(int fd, pid_t pgrp)
{
    int32_t group = pgrp;

    return ioctl(fd, TIOCSPGRP, &group);
}
