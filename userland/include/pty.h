/*
 * <pty.h> - pseudo-terminals: openpty, and the name of a pty's slave.
 *
 * Layer: Freeport SDK header (glibc's and the BSDs' interface); implemented
 * in userland/libc/pty.c. The slave of pty N is /dev/pts/N; both ends are
 * open after openpty and the slave is not yet anyone's controlling
 * terminal (setsid, then ioctl(slave, TIOCSCTTY, 0), makes it one).
 */
#ifndef _PTY_H
#define _PTY_H

#include <stddef.h>
#include <sys/cdefs.h>
#include <sys/ioctl.h>
#include <termios.h>

#define PTY_NAME_MAX 32 /* bytes openpty may write at `name`, its NUL included */

__BEGIN_DECLS
/* A new pty: *master and *slave its two ends; its slave's path in `name`
   (if not NULL; PTY_NAME_MAX bytes); the slave gets `settings` and `size`
   when not NULL. 0, or -1 with errno (EAGAIN: all ptys in use). */
int openpty(int *master, int *slave, char *name, const struct termios *settings, const struct winsize *size);
/* The path of the slave of the pty `fd` is an end of (a static buffer),
   or NULL with errno ENOTTY. */
char *ptsname(int fd);
/* The same into buffer: 0, or an errno value (ENOTTY, ERANGE). */
int ptsname_r(int fd, char *buffer, size_t length);
__END_DECLS

#endif
