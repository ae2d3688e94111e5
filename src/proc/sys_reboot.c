/*
 * sys_reboot.c - reboot(): init resets the machine.
 *
 * Layer: processes (system-call side). Like poweroff, only init may: it is
 * the one process that knows every service has been told and has stopped.
 * The log line is the last thing the kernel prints before the reset.
 */
#include "proc/syscall.h"
#include "proc/process.h"
#include "arch/arch.h"
#include "errno.h"
#include "printk.h"

long sys_reboot(void)
{
    if (process_current()->pid != PROCESS_INIT_PID)
        return -EPERM;
    printk("init: reboot\n");
    arch_reboot();
}
