/*
 * userland/libc/pty.c - pseudo-terminals: openpty, ptsname, ptsname_r.
 *
 * Layer: libfreeport, on SYS_openpty (both ends at once, so there is no
 * /dev/ptmx, grantpt or unlockpt) and the TIOCGPTN ioctl that gives a
 * pty's number N, whose slave is /dev/pts/N.
 */
#include <pty.h>
#include <stdio.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include "syscall.h"

int ptsname_r(int fd, char *buffer, size_t length)
{
    uint32_t number;

    if (ioctl(fd, TIOCGPTN, &number) < 0)
        return errno;
    if (buffer == NULL || (size_t)snprintf(buffer, length, "/dev/pts/%u", (unsigned)number) >= length) {
        errno = ERANGE;
        return ERANGE;
    }
    return 0;
}

char *ptsname(int fd)
{
    static char name[PTY_NAME_MAX];

    return ptsname_r(fd, name, sizeof(name)) == 0 ? name : NULL;
}

/* Settings and size go to the new slave; on any failure both ends close. */
static int configure(int slave, const struct termios *settings, const struct winsize *size)
{
    if (settings && tcsetattr(slave, TCSANOW, settings) < 0)
        return -1;
    if (size && ioctl(slave, TIOCSWINSZ, size) < 0)
        return -1;
    return 0;
}

int openpty(int *master, int *slave, char *name, const struct termios *settings, const struct winsize *size)
{
    int fds[2];

    if (syscall_result(SYSCALL(SYS_openpty, fds, 0)) < 0)
        return -1;
    if (configure(fds[1], settings, size) < 0 || (name && ptsname_r(fds[0], name, PTY_NAME_MAX) != 0)) {
        int saved = errno;
        close(fds[0]);
        close(fds[1]);
        errno = saved;
        return -1;
    }
    *master = fds[0];
    *slave = fds[1];
    return 0;
}
