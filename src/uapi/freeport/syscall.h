/*
 * <freeport/syscall.h> - the system-call ABI between user space and the kernel.
 *
 * Layer: user API (shared: the kernel includes it, and it is installed into
 * build/sysroot/include/freeport/ for user programs). Nothing here may depend
 * on kernel internals.
 *
 * Calling convention (x86_64, like Linux's): the `syscall` instruction with
 *   %rax = number, arguments in %rdi %rsi %rdx %r10 %r8 %r9;
 *   result in %rax: >= 0 on success, -errno (-4095..-1) on failure;
 *   %rcx and %r11 are clobbered, every other register is preserved.
 *
 * Numeric values of errno codes, open flags, signal numbers and mode bits are
 * newlib's, so the C library passes them through untranslated. Structures the
 * kernel fills (stat, dirent, ...) are defined in <freeport/abi.h> with fixed
 * widths; the C library converts them to its own.
 *
 * Numbers are never reused: a retired call keeps its slot.
 */
#ifndef FREEPORT_UAPI_SYSCALL_H
#define FREEPORT_UAPI_SYSCALL_H

/* Processes and memory */
#define SYS_exit            0
#define SYS_fork            1
#define SYS_execve          2
#define SYS_waitpid         3
#define SYS_getpid          4
#define SYS_getppid         5
#define SYS_brk             6
#define SYS_mmap            7
#define SYS_munmap          8
#define SYS_mprotect        9
#define SYS_sched_yield     10
#define SYS_uname           11
#define SYS_poweroff        12      /* (status): end the machine; init only */

/* Signals */
#define SYS_kill            20
#define SYS_sigaction       21
#define SYS_sigprocmask     22
#define SYS_sigpending      23
#define SYS_sigsuspend      24
#define SYS_sigreturn       25
#define SYS_alarm           26

/* Time */
#define SYS_nanosleep       30
#define SYS_clock_gettime   31
#define SYS_times           32

/* Files */
#define SYS_read            40
#define SYS_write           41
#define SYS_open            42
#define SYS_close           43
#define SYS_lseek           44
#define SYS_readv           45
#define SYS_writev          46
#define SYS_stat            47
#define SYS_fstat           48
#define SYS_lstat           49
#define SYS_dup             50
#define SYS_dup2            51
#define SYS_fcntl           52
#define SYS_ioctl           53
#define SYS_mkdir           54
#define SYS_rmdir           55
#define SYS_unlink          56
#define SYS_rename          57
#define SYS_getdents        58
#define SYS_chdir           59
#define SYS_getcwd          60
#define SYS_umask           61
#define SYS_access          62
#define SYS_mknod           63

/* Kernel introspection for tests and tools (counters, integrity checks) */
#define SYS_kstat           90      /* (struct freeport_kstat *) */
#define SYS_procinfo        91      /* (index, struct freeport_procinfo *) */

/* Ranges reserved for the layers still arriving, so work on them in
 * parallel never collides (each defines its numbers inside its range):
 *   100-119  native IPC: capabilities, ports, call/reply, names, stats, trace
 *   120-139  native IPC: channels, shared memory, wait sets, broadcast, system endpoint
 *   150-159  robustness: fault injection, kernel integrity checks
 *   160-199  POSIX IPC: pipes, FIFOs, Unix sockets, message queues, poll/select */

#define SYS_COUNT           256     /* size of the kernel's table */

/*
 * Arguments and results, as userland/libc calls them (pointers are user
 * addresses; structures are <freeport/abi.h>'s; a result is -errno on error):
 *   exit(status)                       does not return
 *   fork() -> child pid, 0 in the child
 *   execve(path, argv, envp)           argv/envp NULL-terminated; no return on success:
 *                                      the program starts at its ELF entry with %rsp at
 *                                      argc, argv[], NULL, envp[], NULL, FP_AT_* pairs
 *   waitpid(pid, int *status, options) -> pid; pid -1 = any child; 0 with FP_WNOHANG
 *                                        if none has exited yet
 *   brk(address) -> the break after the call: sets it to address when that is
 *                   non-zero and possible, otherwise leaves it (brk(0) asks)
 *   mmap(address, length, prot, flags, fd, offset) -> address
 *   munmap(address, length), mprotect(address, length, prot) -> 0
 *   uname(struct freeport_utsname *) -> 0
 *   poweroff(status)                   does not return when allowed
 *   kill(pid, signal) -> 0
 *   sigaction(signal, const struct freeport_sigaction *new or NULL,
 *             struct freeport_sigaction *old or NULL) -> 0
 *   sigprocmask(how, const uint64_t *set or NULL, uint64_t *old or NULL) -> 0
 *   sigpending(uint64_t *set) -> 0
 *   sigsuspend(const uint64_t *mask) -> -EINTR once a handler has run
 *   sigreturn()                        from the restorer only; restores the
 *                                      context saved when the handler was entered
 *   (delivering a signal, the kernel puts its frame below %rsp - 128: user code
 *   is compiled with the System V red zone; the handler returns to restorer)
 *   alarm(seconds) -> seconds left of the previous alarm
 *   nanosleep(const struct freeport_timespec *request,
 *             struct freeport_timespec *remaining or NULL) -> 0
 *   clock_gettime(clock, struct freeport_timespec *) -> 0
 *   times(struct freeport_tms *) -> clock ticks since boot
 *   read/write(fd, buffer, length) -> bytes
 *   open(path, flags, mode) -> fd;  close(fd) -> 0
 *   lseek(fd, offset, whence) -> new offset
 *   readv/writev(fd, const struct freeport_iovec *, count) -> bytes
 *   stat/lstat(path, struct freeport_stat *), fstat(fd, struct freeport_stat *) -> 0
 *   dup(fd) -> fd;  dup2(fd, new_fd) -> new_fd;  fcntl(fd, command, argument)
 *   ioctl(fd, request, argument)       FP_TCGETS/FP_TCSETS: struct freeport_termios *;
 *                                      FP_TIOCGWINSZ: struct freeport_winsize *;
 *                                      FP_FIONREAD: int *; -ENOTTY if not a terminal
 *   mkdir(path, mode), rmdir(path), unlink(path), rename(old, new) -> 0
 *   getdents(fd, buffer, length) -> bytes of struct freeport_dirent records, 0 at end
 *   chdir(path) -> 0;  getcwd(buffer, length) -> length with the NUL
 *   umask(mask) -> the previous mask;  access(path, FP_R_OK | ...) -> 0
 *   mknod(path, mode, device) -> 0
 *   kstat(struct freeport_kstat *) -> 0
 *   procinfo(index, struct freeport_procinfo *) -> 0 if that slot holds a
 *            process, -ESRCH if it is free, -EINVAL past the end of the table
 */

#endif
