/*
 * <freeport/device.h> - claiming the console hardware: the VGA text
 * screen, the PS/2 keyboard and COM1, for init to hand to the console
 * server.
 *
 * Layer: Freeport SDK header; the constants and structures are the
 * kernel's (<freeport/device_abi.h>), device_claim is in
 * userland/libc/device.c. Rules (docs/tty.md): only pid 1 may claim;
 * one descriptor (and its dups and forked copies) per device; it is kept
 * across exec.
 */
#ifndef FREEPORT_DEVICE_H
#define FREEPORT_DEVICE_H

#include <freeport/device_abi.h>
#include <sys/cdefs.h>

__BEGIN_DECLS
/* A descriptor for FP_DEVICE_VGA, FP_DEVICE_KEYBOARD or FP_DEVICE_COM1, or
   -1 with errno: EPERM (not init), EBUSY (claimed already), EINVAL. */
int device_claim(int device);
__END_DECLS

#endif
