/*
 * getty N - put a shell on console N of the console server.
 *
 * Layer: user program, a csrss client (<freeport/csrss.h>). init starts
 * one per console (/etc/services) and starts it again when it ends. It
 * asks csrss which pseudo-terminal slave serves console N (waiting up to
 * 10 s for csrss, which may be restarting), then becomes a session leader
 * (setsid), opens the slave and makes it the session's controlling
 * terminal (TIOCSCTTY), so ^C on it reaches the shell's foreground job;
 * puts it on fds 0, 1 and 2, prints a banner and becomes /bin/sh, which
 * finds a terminal on its standard input and runs interactively.
 * Exit status (only when it could not exec): 1, 2 for bad usage.
 */
#include <err.h>
#include <fcntl.h>
#include <freeport/csrss.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include "tools.h"

#define CONNECT_WAIT_MS 10000

/* The slave path of console `number` into `info`. */
static void find_console(unsigned number, struct csrss_console_info *info)
{
    int fd = csrss_connect_waiting(CONNECT_WAIT_MS);

    if (fd < 0)
        err(1, "%s", CSRSS_SOCKET_PATH);
    if (csrss_console_info(fd, number, info) != 0)
        err(1, "console %u", number);
    close(fd);
}

static void attach(const char *path)
{
    if (setsid() < 0)
        err(1, "setsid");
    int fd = open(path, O_RDWR | O_NOCTTY);
    if (fd < 0)
        err(1, "%s", path);
    if (ioctl(fd, TIOCSCTTY, 0) != 0)
        err(1, "%s: TIOCSCTTY", path);
    for (int standard = 0; standard <= 2; standard++)
        if (dup2(fd, standard) < 0)
            err(1, "dup2");
    if (fd > 2)
        close(fd);
}

int main(int argc, char **argv)
{
    struct csrss_console_info info;
    unsigned long number = 0;

    if (argc != 2 || !parse_unsigned(argv[1], CSRSS_CONSOLES_MAX, &number) || number < 1)
        errx(2, "usage: getty N (a console, 1-%d)", CSRSS_CONSOLES_MAX);
    find_console((unsigned)number, &info);
    attach(info.slave_path);
    printf("\nFreeport console %lu (%s)\n\n", number, info.slave_path);
    fflush(stdout);
    execl("/bin/sh", "sh", (char *)NULL);
    err(1, "/bin/sh");
}
