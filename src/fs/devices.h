/*
 * devices.h - the character devices devfs lists in /dev, each a vnode
 * operations table in its own file.
 *
 * Layer: files (devices under devfs). Devices ignore the file offset (their
 * files cannot seek: -ESPIPE).
 *   console  (dev_console.c)  the terminal: VGA + COM1 out, COM1 in through
 *                             the line discipline; TCGETS, TCSETS,
 *                             TIOCGWINSZ (80x25), FIONREAD
 *   null, zero (dev_null.c)   discard writes; read end of file / zeros
 *   serial0  (dev_serial.c)   COM1 raw: bytes out unchanged, bytes in as
 *                             received
 *   pts/N    (pty.c, devfs_pts.c)  pseudo-terminal slaves
 * Not in /dev: the console devices init claims (device_claim.h).
 */
#ifndef FREEPORT_FS_DEVICES_H
#define FREEPORT_FS_DEVICES_H

#include <stdbool.h>
#include <stdint.h>
#include "fs/vnode.h"

extern const struct vnode_ops console_ops, null_ops, zero_ops, serial_ops, pts_directory_ops;

/* Console input settings to their defaults (canonical, echo). */
void console_init(void);

/* One byte typed at the console (from the COM1 interrupt). */
void console_receive(uint8_t byte);

/* Start taking COM1 input by interrupt: each byte goes to serial0's queue
 * and to the console. */
void serial_device_init(void);

/* While COM1 is claimed (dev_com1.c): take a received byte (true), else
 * false. From the COM1 interrupt. */
bool com1_device_receive(uint8_t byte);

/* The claimable devices' queues and the keyboard's interrupt, at boot. */
void com1_device_init(void);
void keyboard_device_init(void);

#endif
