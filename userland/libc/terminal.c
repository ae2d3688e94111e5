/*
 * userland/libc/terminal.c - terminals: isatty, tcgetattr, tcsetattr,
 * cfmakeraw.
 *
 * Layer: libfreeport. A file is a terminal when FP_TCGETS succeeds on it.
 * struct termios has struct freeport_termios's layout (abi_check.c), so the
 * settings pass through; the tcsetattr actions all mean "now" (the console
 * has no output queue to drain or input to flush).
 */
#include <errno.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

int tcgetattr(int fd, struct termios *settings)
{
    return ioctl(fd, TCGETS, settings);
}

int tcsetattr(int fd, int action, const struct termios *settings)
{
    if (action != TCSANOW && action != TCSADRAIN && action != TCSAFLUSH) {
        errno = EINVAL;
        return -1;
    }
    return ioctl(fd, TCSETS, settings);
}

int isatty(int fd)
{
    struct termios settings;
    return tcgetattr(fd, &settings) == 0;
}

void cfmakeraw(struct termios *settings)
{
    settings->c_iflag &= ~(unsigned)(INLCR | IGNCR | ICRNL);
    settings->c_oflag &= ~(unsigned)OPOST;
    settings->c_lflag &= ~(unsigned)(ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL);
    settings->c_cflag |= CS8;
    settings->c_cc[VMIN] = 1;
    settings->c_cc[VTIME] = 0;
}
