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
 */
#ifndef FREEPORT_FS_DEVICES_H
#define FREEPORT_FS_DEVICES_H

#include <stdint.h>
#include "fs/vnode.h"

extern const struct vnode_ops console_ops, null_ops, zero_ops, serial_ops;

/* Console input settings to their defaults (canonical, echo). */
void console_init(void);

/* One byte typed at the console (from the COM1 interrupt). */
void console_receive(uint8_t byte);

/* Start taking COM1 input by interrupt: each byte goes to serial0's queue
 * and to the console. */
void serial_device_init(void);

#endif
