/*
 * device_claim.h - handing the console hardware to the console server:
 * device_claim(FP_DEVICE_*) gives init a descriptor for the VGA text
 * screen, the PS/2 keyboard or COM1 (<freeport/device.h>).
 *
 * Layer: files. Rules: only init (pid 1) may claim (anyone else: EPERM,
 * and a security event through the refusal hook, which native IPC's
 * system endpoint registers at boot); a device has at most one open file
 * (EBUSY while it exists: dup and fork share that file, so the claim ends
 * when the last descriptor for it closes, by close or by exit). The
 * descriptor is not close-on-exec: init hands it to the server it starts.
 * Each device (dev_vga.c, dev_keyboard.c, dev_com1.c) gives its file
 * operations, whose close is device_claim_close, and is told when it is
 * claimed and given back.
 */
#ifndef FREEPORT_FS_DEVICE_CLAIM_H
#define FREEPORT_FS_DEVICE_CLAIM_H

#include <stdbool.h>
#include "fs/file.h"
#include "uapi/freeport/device_abi.h"

struct claimable_device {
    const struct file_ops *ops; /* .close = device_claim_close */
    int access;                 /* FP_O_RDONLY or FP_O_RDWR */
    void (*set_claimed)(bool claimed);
};

extern const struct claimable_device vga_device, keyboard_device, com1_device;

/* Called with (pid, device, errno) for each refused claim. */
void device_claim_set_refusal_hook(void (*hook)(int pid, int device, int error));

/* The claimed devices' vnodes (what fstat shows) and queues, at boot. */
void device_claim_init(void);

/* The close operation of every claimed device's file: the claim ends. */
void device_claim_close(struct file *file);

/* read and write of a device that has none: -EINVAL. */
long device_claim_no_read(struct file *file, void *user_buffer, size_t length, int flags);
long device_claim_no_write(struct file *file, const void *user_buffer, size_t length, int flags);

#endif
