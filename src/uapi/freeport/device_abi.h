/*
 * device_abi.h - the console devices init may claim (SYS_device_claim) and
 * hand to the console server: the VGA text screen, the PS/2 keyboard, COM1.
 *
 * Layer: user-kernel ABI, shared by the kernel (src/fs/device_claim.c) and
 * the SDK (<freeport/device.h> includes it and declares device_claim). Only pid 1 may
 * claim; a device is claimed while any descriptor for it is open.
 */
#ifndef FREEPORT_UAPI_DEVICE_ABI_H
#define FREEPORT_UAPI_DEVICE_ABI_H

#include <stdint.h>

#define FP_DEVICE_VGA      1 /* mmap 4096 bytes at offset 0: the 80x25 text cells */
#define FP_DEVICE_KEYBOARD 2 /* read: raw set-1 scancodes */
#define FP_DEVICE_COM1     3 /* read/write: raw bytes */
#define FP_DEVICE_COUNT    4 /* one past the last */

#define FP_VGA_ROWS        25
#define FP_VGA_COLUMNS     80
#define FP_VGA_BUFFER_SIZE 4096 /* one page: 80 x 25 cells of 2 bytes, and the rest */

/* ioctl(vga_fd, FP_VGA_SET_CURSOR, const struct fp_vga_cursor *): move the
 * hardware cursor (row < FP_VGA_ROWS, column < FP_VGA_COLUMNS, else EINVAL). */
struct fp_vga_cursor {
    uint16_t row, column;
    uint16_t visible; /* 0: hidden */
    uint16_t reserved;
};
#define FP_VGA_SET_CURSOR 0x46500001

/* ioctl(keyboard_fd, FP_KEYBOARD_GET_DROPPED, uint64_t *): scancodes lost
 * because the ring was full, since boot. */
#define FP_KEYBOARD_GET_DROPPED 0x46500002

#endif
