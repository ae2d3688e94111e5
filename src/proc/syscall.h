/*
 * syscall.h - the process layer's system calls, kernel side.
 *
 * Layer: processes (system-call side). syscall_table.c calls these with the
 * raw register arguments (see the calling convention there); pointers are
 * user addresses, touched only through usercopy.h. Each returns its result
 * (>= 0) or a negative errno. One family per file:
 *   exit.c fork.c exec.c   the life of a process    sys_process.c  ids, uname, kstat...
 *   sys_memory.c           brk, mmap...             sys_time.c     clocks and sleeping
 *   sys_signal.c           signals                  sys_kcheck.c   integrity checks, fault injection
 * The file system calls are the file layer's (fs/syscalls.h).
 */
#ifndef FREEPORT_PROC_SYSCALL_H
#define FREEPORT_PROC_SYSCALL_H

#include <stddef.h>
#include <stdint.h>
#include "uapi/freeport/abi.h"

/* exit.c, fork.c, exec.c */
long sys_exit(int status) __attribute__((noreturn));
long sys_fork(void);
long sys_execve(const char *path, const char *const *argv, const char *const *envp);
long sys_waitpid(int pid, int *status, int options);

/* sys_process.c */
long sys_getpid(void);
long sys_getppid(void);
long sys_sched_yield(void);
long sys_uname(struct freeport_utsname *name);
long sys_poweroff(int status);
long sys_kstat(struct freeport_kstat *counters);
long sys_procinfo(int index, struct freeport_procinfo *info);

/* sys_reboot.c */
long sys_reboot(void);

/* sys_kcheck.c */
long sys_kcheck(struct freeport_kcheck *report);
long sys_fault_inject(uint64_t one_in, uint64_t seed, unsigned sites);

/* sys_memory.c */
long sys_brk(uintptr_t address);
long sys_mmap(uintptr_t address, size_t length, int protection, int flags, int fd, int64_t offset);
long sys_munmap(uintptr_t address, size_t length);
long sys_mprotect(uintptr_t address, size_t length, int protection);

/* sys_time.c */
long sys_nanosleep(const struct freeport_timespec *request, struct freeport_timespec *remaining);
long sys_clock_gettime(int clock, struct freeport_timespec *time);
long sys_times(struct freeport_tms *times);

/* sys_signal.c */
long sys_kill(int pid, int signal);
long sys_sigaction(int signal, const struct freeport_sigaction *action, struct freeport_sigaction *old);
long sys_sigprocmask(int how, const uint64_t *set, uint64_t *old);
long sys_sigpending(uint64_t *set);
long sys_sigsuspend(const uint64_t *mask);
long sys_sigreturn(void);
long sys_alarm(unsigned seconds);

/* process_group.c */
long sys_setpgid(int pid, int pgid);
long sys_getpgid(int pid);
long sys_setsid(void);
long sys_getsid(int pid);

#endif
