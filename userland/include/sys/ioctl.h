/*
 * <sys/ioctl.h> - ioctl and its requests: terminal settings, window size,
 * bytes waiting to be read.
 *
 * Layer: Freeport SDK header (newlib has none). Request numbers are Linux's,
 * as the kernel's FP_* (<freeport/abi.h>); struct winsize has struct
 * freeport_winsize's layout.
 */
#ifndef _SYS_IOCTL_H
#define _SYS_IOCTL_H

#include <sys/cdefs.h>

#define TCGETS     0x5401 /* struct termios * */
#define TCSETS     0x5402 /* const struct termios * */
#define TIOCGWINSZ 0x5413 /* struct winsize * */
#define FIONREAD   0x541b /* int * */

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
