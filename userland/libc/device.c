/*
 * userland/libc/device.c - device_claim: a descriptor for a console device
 * (<freeport/device.h>), for init to hand to the console server.
 *
 * Layer: libfreeport; one system call.
 */
#include <freeport/device.h>
#include "syscall.h"

int device_claim(int device)
{
    return syscall_result(SYSCALL(SYS_device_claim, device));
}
