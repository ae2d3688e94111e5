/*
 * <sys/termios.h> - terminal settings, included by newlib's <termios.h>.
 *
 * Layer: Freeport SDK header (newlib's <termios.h> names this file but does
 * not have it). struct termios has the layout of the kernel's struct
 * freeport_termios and the flags are its FP_* values (Linux's); only the
 * flags the console implements are defined. No baud rates: the console has
 * none. tcgetattr/tcsetattr are in userland/libc/terminal.c.
 */
#ifndef _SYS_TERMIOS_H
#define _SYS_TERMIOS_H

#include <sys/cdefs.h>

typedef unsigned int tcflag_t;
typedef unsigned char cc_t;

#define NCCS 20

struct termios {
    tcflag_t c_iflag;
    tcflag_t c_oflag;
    tcflag_t c_cflag;
    tcflag_t c_lflag;
    cc_t c_cc[NCCS];
};

/* c_iflag */
#define INLCR 0000100
#define IGNCR 0000200
#define ICRNL 0000400
/* c_oflag */
#define OPOST 0000001
#define ONLCR 0000004
/* c_cflag */
#define CS8 0000060
/* c_lflag */
#define ISIG    0000001
#define ICANON  0000002
#define ECHO    0000010
#define ECHOE   0000020
#define ECHOK   0000040
#define NOFLSH  0000200
#define TOSTOP  0000400
#define ECHOCTL 0001000
/* c_cc indices */
#define VINTR  0
#define VQUIT  1
#define VERASE 2
#define VKILL  3
#define VEOF   4
#define VTIME  5
#define VMIN   6
#define VSUSP  10

/* tcsetattr actions */
#define TCSANOW   0
#define TCSADRAIN 1
#define TCSAFLUSH 2

__BEGIN_DECLS
int tcgetattr(int fd, struct termios *settings);
int tcsetattr(int fd, int action, const struct termios *settings);
/* Raw mode: no input or output processing, no echo, no signals, byte at a
   time (VMIN 1, VTIME 0). */
void cfmakeraw(struct termios *settings);
__END_DECLS

#endif
