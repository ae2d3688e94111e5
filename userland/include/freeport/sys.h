/*
 * <freeport/sys.h> - Freeport's own system calls, for programs that know
 * they run on Freeport (init, ps, tests).
 *
 * Layer: Freeport SDK header; implemented in userland/libc/system.c and
 * dirent.c. The structures are <freeport/abi.h>'s. Each returns 0 (or a
 * count) on success, -1 with errno set on failure.
 */
#ifndef FREEPORT_SYS_H
#define FREEPORT_SYS_H

#include <freeport/abi.h>
#include <sys/cdefs.h>
#include <sys/types.h>

__BEGIN_DECLS
/* Ends the machine with status (the test harness sees it); only init may. */
int freeport_poweroff(int status);
/* Resets the machine; only init may (-1 with EPERM otherwise). */
int freeport_reboot(void);
/* Kernel object counters, for tests and leak checks. */
int freeport_kstat(struct freeport_kstat *counters);
/* The process in slot index of the process table: -1 with errno ESRCH for a
   free slot, EINVAL past the end. */
int freeport_procinfo(int index, struct freeport_procinfo *process);
/* Runs the kernel's integrity checks: the number of problems found (0: all
   consistent), each also printed on the console; report may be NULL. */
int freeport_kcheck(struct freeport_kcheck *report);
/* From now on 1 in one_in kernel allocations (sites: FP_FAULT_*) made for
   the caller's descendants fail; one_in 0 stops it. */
int freeport_fault_inject(uint64_t one_in, uint64_t seed, unsigned sites);
/* Reads directory records (struct freeport_dirent); 0 at the end. */
ssize_t getdents(int fd, void *buffer, size_t length);
__END_DECLS

#endif
