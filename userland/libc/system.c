/*
 * userland/libc/system.c - the machine and the kernel as a whole: uname, and
 * Freeport's own calls declared in <freeport/sys.h> (power off, reboot, kernel
 * counters and integrity checks, fault injection, the process table).
 *
 * Layer: libfreeport. Also getentropy(), which newlib's arc4random needs:
 * Freeport has no entropy source yet, so it fails with ENOSYS.
 */
#include <errno.h>
#include <freeport/sys.h>
#include <stddef.h>
#include <string.h>
#include <sys/utsname.h>
#include "syscall.h"

/* The utsname fields are longer than the kernel's, so the copy always ends with a NUL. */
#define COPY_FIELD(to, from)                                                                                 \
    do {                                                                                                     \
        _Static_assert(sizeof(to) > sizeof(from), #to " must be longer than the kernel's");                  \
        memcpy((to), (from), sizeof(from));                                                                  \
    } while (0)

int uname(struct utsname *name)
{
    struct freeport_utsname kernel;
    long result = SYSCALL(SYS_uname, &kernel);
    if (result < 0)
        return syscall_result(result);
    memset(name, 0, sizeof(*name));
    COPY_FIELD(name->sysname, kernel.sysname);
    COPY_FIELD(name->nodename, kernel.nodename);
    COPY_FIELD(name->release, kernel.release);
    COPY_FIELD(name->version, kernel.version);
    COPY_FIELD(name->machine, kernel.machine);
    return 0;
}

int freeport_poweroff(int status)
{
    return syscall_result(SYSCALL(SYS_poweroff, status));
}

int freeport_reboot(void)
{
    return syscall_result(SYSCALL(SYS_reboot));
}

int freeport_kstat(struct freeport_kstat *counters)
{
    return syscall_result(SYSCALL(SYS_kstat, counters));
}

int freeport_procinfo(int index, struct freeport_procinfo *process)
{
    return syscall_result(SYSCALL(SYS_procinfo, index, process));
}

int freeport_kcheck(struct freeport_kcheck *report)
{
    return syscall_result(SYSCALL(SYS_kcheck, report));
}

int freeport_fault_inject(uint64_t one_in, uint64_t seed, unsigned sites)
{
    return syscall_result(SYSCALL(SYS_fault_inject, one_in, seed, sites));
}

int getentropy(void *buffer, size_t length)
{
    (void)buffer;
    (void)length;
    errno = ENOSYS;
    return -1;
}
