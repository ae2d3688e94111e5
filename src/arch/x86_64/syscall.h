/*
 * syscall.h - set up the `syscall` instruction (syscall.c).
 *
 * Layer: machine. Only src/arch/x86_64/ includes this file.
 */
#ifndef FREEPORT_X86_64_SYSCALL_H
#define FREEPORT_X86_64_SYSCALL_H

/* Program EFER.SCE, STAR, LSTAR, FMASK and KERNEL_GS_BASE. Once, at boot,
 * after gdt_init(). */
void syscall_init(void);

/* The C half of syscall_entry.S. */
struct trap_frame;
void syscall_handle(struct trap_frame *frame);

#endif
