/*
 * gdt.h - the Global Descriptor Table and the Task State Segment.
 *
 * Layer: machine. Only src/arch/x86_64/ includes this file.
 *
 * The selector order is fixed by SYSCALL/SYSRET (STAR MSR): SYSCALL loads
 * CS = STAR[47:32] and SS = that + 8, so kernel data follows kernel code;
 * SYSRET to 64-bit code loads SS = STAR[63:48] + 8 and CS = that + 16, so user
 * data comes before user code. User selectors carry RPL 3.
 */
#ifndef FREEPORT_X86_64_GDT_H
#define FREEPORT_X86_64_GDT_H

#define GDT_KERNEL_CODE 0x08
#define GDT_KERNEL_DATA 0x10
#define GDT_USER_DATA   (0x18 | 3)
#define GDT_USER_CODE   (0x20 | 3)
#define GDT_TSS         0x28

/* Interrupt Stack Table slots (1-7) in the TSS: the IDT names them. */
#define GDT_IST_DOUBLE_FAULT 1
#define GDT_IST_NMI          2

#ifndef __ASSEMBLER__ /* syscall_entry.S includes the selectors above */
#include <stdint.h>

/* Load the GDT and TSS; reload every segment register. Once, at boot. */
void gdt_init(void);

/* The stack the CPU switches to on an interrupt or trap from user mode
 * (TSS.rsp0): the top of the running thread's kernel stack. */
void gdt_set_kernel_stack(uintptr_t rsp0);

#endif
#endif
