/*
 * csrss/console.c - the virtual consoles: each is a pseudo-terminal whose
 * master csrss holds, a terminal emulator over its 80x25 cells, and the
 * slave path programs open (/dev/pts/N).
 *
 * Layer: csrss, on openpty (<pty.h>). The kernel's line discipline sits on
 * the slave side: echo, erase, kill, ^C/^Z/^D, termios, raw mode all happen
 * there, so csrss only moves bytes: keys into the master (console_input),
 * and what the master gives (the program's output and the echo) through
 * the terminal emulator onto the cells (console_output). Console 1 is also
 * the serial terminal: its output is copied raw to COM1.
 *
 * Invariant: consoles[n - 1] is console n; its descriptors are valid while
 * its number is not 0. Consoles live as long as csrss (at most
 * CSRSS_CONSOLES_MAX of them).
 */
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <pty.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "csrss.h"

int console_create(struct csrss *csrss, int number)
{
    struct console *console = &csrss->consoles[number - 1];
    struct winsize size = {.ws_row = CSRSS_ROWS, .ws_col = CSRSS_COLUMNS};
    int master, slave;

    if (openpty(&master, &slave, console->slave_path, NULL, &size) != 0)
        return -errno;
    if (fcntl(master, F_SETFD, FD_CLOEXEC) != 0 || fcntl(slave, F_SETFD, FD_CLOEXEC) != 0 ||
        fcntl(master, F_SETFL, O_NONBLOCK) != 0) {
        int error = errno;
        close(master);
        close(slave);
        return -error;
    }
    console->number = number;
    console->master_fd = master;
    console->slave_fd = slave;
    terminal_init(&console->terminal, console->cells, CSRSS_ROWS, CSRSS_COLUMNS);
    return 0;
}

struct console *console_get(struct csrss *csrss, uint32_t number)
{
    if (number < 1 || number > CSRSS_CONSOLES_MAX || csrss->consoles[number - 1].number == 0)
        return NULL;
    return &csrss->consoles[number - 1];
}

void console_output(struct csrss *csrss, struct console *console, const void *bytes, size_t length)
{
    terminal_write(&console->terminal, bytes, length);
    if (console->number == csrss->active)
        csrss->screen_changed = true;
    if (console->number == SERIAL_CONSOLE)
        devices_serial_write(&csrss->devices, bytes, length);
}

/* Typed bytes to the line discipline. The master is non-blocking: when
 * the slave's input buffer is full, what does not fit is dropped, as a
 * hardware terminal's keys would be. */
void console_input(const struct console *console, const void *bytes, size_t length)
{
    write_or_drop(console->master_fd, bytes, length);
}

/* What the slave side wrote (program output and echo), onto the screen. */
void console_read_master(struct csrss *csrss, struct console *console)
{
    char bytes[1024];
    ssize_t got = read(console->master_fd, bytes, sizeof(bytes));

    if (got > 0)
        console_output(csrss, console, bytes, (size_t)got);
    else if (got < 0 && errno != EAGAIN && errno != EINTR)
        warn("console %d: reading its pty", console->number);
}

int console_switch(struct csrss *csrss, uint32_t number)
{
    if (!console_get(csrss, number))
        return -ENOENT;
    csrss->active = (int)number;
    csrss->screen_changed = true;
    return 0;
}
