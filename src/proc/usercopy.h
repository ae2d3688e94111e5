/*
 * usercopy.h - the one way the kernel touches user memory.
 *
 * Layer: processes. Every system call that takes a user pointer goes through
 * these functions, and nothing else dereferences a user pointer. They check
 * that the whole range lies in the lower half (below USER_SPACE_END), does
 * not wrap, and is mapped in the current address space with the user bit
 * (and the write bit, or copy-on-write, for copy_to_user). A bad range gets
 * -EFAULT and copies nothing at all: never a kernel fault or a panic.
 */
#ifndef FREEPORT_PROC_USERCOPY_H
#define FREEPORT_PROC_USERCOPY_H

#include <stddef.h>
#include <stdint.h>

/* 0, or -EFAULT. */
int copy_from_user(void *kernel_dest, const void *user_src, size_t length);
int copy_to_user(void *user_dest, const void *kernel_src, size_t length);

/* Copy into the user memory of `process`, which need not be the current
 * one: the IPC hand-off writes a message straight into a receiver that
 * waits in the kernel. The same checks, all or nothing; the process must
 * be one that cannot run meanwhile (its only thread sleeps in the kernel),
 * so nothing changes its memory between check and copy. 0, or -EFAULT
 * (also for a process whose memory is gone). */
struct process;
int copy_to_process(struct process *process, void *user_dest, const void *kernel_src, size_t length);

/* Copy a NUL-terminated string of at most size - 1 bytes. Returns its length,
 * -EFAULT, or -ENAMETOOLONG when no NUL is found in `size` bytes. */
long strncpy_from_user(char *kernel_dest, const char *user_src, size_t size);

#endif
