/*
 * fifo.h - opening a named FIFO: POSIX's rules for who waits for whom,
 * before the FIFO behaves as a pipe (pipe.h).
 *
 * Layer: POSIX, registered with the file layer at boot (vfs.h's FIFO
 * opener), since the file layer may not call up into this one.
 */
#ifndef FREEPORT_POSIX_FIFO_H
#define FREEPORT_POSIX_FIFO_H

/* Register the FIFO opener with the VFS. Once, at boot, after fs_init. */
void fifo_init(void);

#endif
