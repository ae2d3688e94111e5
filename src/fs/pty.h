/*
 * pty.h - pseudo-terminals: a master file a program (a terminal emulator,
 * the console server) holds, and a slave that is a terminal (terminal.h)
 * for the programs it runs, found as /dev/pts/N.
 *
 * Layer: files. What the master writes is typed at the slave (its line
 * discipline edits it, echoes it, turns ^C into SIGINT); what the slave's
 * programs write (after output processing) and the echo queue up for the
 * master to read (PTY_OUTPUT_SIZE bytes; a slave writer sleeps while the
 * queue is full, echo beyond it is lost). In raw mode a master writer
 * sleeps while the slave's input buffer is full (nothing typed is lost);
 * in canonical mode the line editor decides (an over-long line loses its
 * extra bytes, as on any terminal).
 *
 * Ends: the last master close hangs the slave up (terminal_hang_up: reads
 * 0, writes EIO, SIGHUP to the foreground group); with every slave file
 * closed, a master read returns EIO (Linux's answer) once the queue is
 * empty, and poll says POLLHUP. A pty lives while a file on either side
 * does; its number is free again once both sides are closed.
 *
 * Lifetime: the pty holds one reference to each of its two vnodes while
 * it is in the table; open files hold more. It leaves the table when its
 * last file closes, and is freed when both vnodes are released.
 * Locking: interrupts off around the queue and counts (terminal.h).
 */
#ifndef FREEPORT_FS_PTY_H
#define FREEPORT_FS_PTY_H

#include "fs/file.h"

#define PTY_MAX         16   /* pseudo-terminals at once: /dev/pts/0 .. 15 */
#define PTY_OUTPUT_SIZE 4096 /* a power of two */

/* A new pseudo-terminal: files[0] its master, files[1] its slave (opened
 * with O_NOCTTY), both with `status_flags` (FP_O_NONBLOCK or 0). 0,
 * -EAGAIN (all PTY_MAX in use) or -ENOMEM. */
int pty_create(struct file *files[2], int status_flags);

/* The slave vnode of /dev/pts/`number`, with a reference, or NULL if
 * there is no such pty or its master is closed. */
struct vnode *pty_slave_vnode(unsigned number);

/* Is pty `number` in use (for listing /dev/pts)? */
bool pty_exists(unsigned number);

#endif
