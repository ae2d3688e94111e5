/*
 * <sys/ioctl.h> - ioctl and its requests: terminal settings, window size,
 * bytes waiting to be read.
 *
 * Layer: Freeport SDK header (newlib has none). Request numbers are Linux's,
 * (terminal requests: docs/tty.md)
 * as the kernel's FP_* (<freeport/abi.h>); struct winsize has struct
 * freeport_winsize's layout.
 */
#ifndef _SYS_IOCTL_H
#define _SYS_IOCTL_H

#include <sys/cdefs.h>

#define TCGETS     0x5401 /* struct termios * */
#define TCSETS     0x5402 /* const struct termios * */
#define TIOCSCTTY  0x540e /* int (ignored): become the caller's controlling terminal */
#define TIOCGPGRP  0x540f /* pid_t *: the foreground process group */
#define TIOCSPGRP  0x5410 /* const pid_t *: set it */
#define TIOCGWINSZ 0x5413 /* struct winsize * */
#define TIOCSWINSZ 0x5414 /* const struct winsize *: SIGWINCH to the foreground group */
#define FIONREAD   0x541b /* int * */
#define TIOCNOTTY  0x5422 /* (none): give up the controlling terminal */
#define TIOCGSID   0x5429 /* pid_t *: the session the terminal controls */
#define TIOCGPTN   0x80045430 /* unsigned *: the pty's number N (/dev/pts/N) */

struct winsize {
    unsigned short ws_row;
    unsigned short ws_col;
    unsigned short ws_xpixel;
    unsigned short ws_ypixel;
};

__BEGIN_DECLS
int ioctl(int fd, unsigned long request, ...);
__END_DECLS

#endif
