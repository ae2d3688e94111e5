/*
 * trap.S - the way into the kernel for every exception and IRQ, and back out.
 *
 * Layer: machine. The IDT (idt.c) points vector n at trap_stub_n. At that
 * point the CPU has pushed ss, rsp, rflags, cs, rip, and for some exceptions
 * an error code; interrupts are off (every gate is an interrupt gate). The
 * stub pushes a 0 where the CPU pushed no error code, then the vector number,
 * and jumps to trap_common, which pushes the general registers: together a
 * struct trap_frame (trap.h). trap_common calls trap_dispatch(frame), then
 * pops the frame, which the C code may have changed, and iretq resumes it.
 *
 * Backtraces: for GDB, the .cfi lines say where the interrupted rip, rsp and
 * registers were saved, so `bt` walks from trap_dispatch into the interrupted
 * code. For the kernel's own frame-pointer walk (arch_backtrace), trap_common
 * pushes a frame record {interrupted rbp, interrupted rip} so the rbp chain
 * continues through the interrupted function; after a trap from user mode it
 * zeroes rbp instead: a user rbp means nothing to the kernel, so the chain
 * ends at the trap.
 *
 * Invariants: the push order is struct trap_frame's layout; the frame is a
 * multiple of 16 bytes and the CPU aligns rsp to 16 before pushing its part,
 * so trap_dispatch is called with the stack aligned as the C ABI requires.
 * No swapgs here: the kernel reaches its per-CPU block through %gs only
 * inside syscall_entry.S, between two swapgs with interrupts off.
 * trap_return is also the way out for system calls that cannot sysret and
 * for a thread's first entry into user mode (arch_enter_user).
 */
#include "arch/x86_64/trap.h"

/* Where the CPU's part of the frame lies below the canonical frame address
 * (CFA: the address just above the pushed ss). */
#define CFA_TO_RIP          -40
#define CFA_TO_RSP          -16

    .cfi_sections .debug_frame      /* .eh_frame is discarded by kernel.ld */

.macro push_register register
    pushq   \register
    .cfi_adjust_cfa_offset 8
    .cfi_rel_offset \register, 0
.endm

.macro pop_register register
    popq    \register
    .cfi_adjust_cfa_offset -8
    .cfi_restore \register
.endm

/* The stub for vector n; its address also goes into trap_stub_table. */
.macro trap_stub n
    .pushsection .rodata
    .quad   trap_stub_\n
    .popsection
trap_stub_\n:
    .cfi_startproc simple
    .cfi_signal_frame
    .if (TRAP_ERROR_CODE_VECTORS >> \n) & 1
    .cfi_def_cfa %rsp, 48
    .else
    .cfi_def_cfa %rsp, 40
    pushq   $0                      /* no error code from the CPU: a dummy one */
    .cfi_adjust_cfa_offset 8
    .endif
    .cfi_offset %rip, CFA_TO_RIP
    .cfi_offset %rsp, CFA_TO_RSP
    pushq   $\n
    .cfi_adjust_cfa_offset 8
    jmp     trap_common
    .cfi_endproc
.endm

    .section .rodata
    .balign 8
    .globl  trap_stub_table
trap_stub_table:                    /* filled by the .quad in each trap_stub */

    .text
    .altmacro                       /* for %trap_vector: its value as text */
    .set    trap_vector, 0
    .rept   TRAP_STUB_COUNT
    trap_stub %trap_vector
    .set    trap_vector, trap_vector + 1
    .endr
    .noaltmacro

trap_common:
    .cfi_startproc simple
    .cfi_signal_frame
    .cfi_def_cfa %rsp, 56           /* vector, error code and the CPU's five */
    .cfi_offset %rip, CFA_TO_RIP
    .cfi_offset %rsp, CFA_TO_RSP
    push_register %rax
    push_register %rbx
    push_register %rcx
    push_register %rdx
    push_register %rsi
    push_register %rdi
    push_register %rbp
    push_register %r8
    push_register %r9
    push_register %r10
    push_register %r11
    push_register %r12
    push_register %r13
    push_register %r14
    push_register %r15
    cld                             /* the C ABI wants the direction flag clear */
    mov     %rsp, %rbx              /* rbx (callee-saved) holds the frame across the call */
    .cfi_def_cfa_register %rbx
    mov     %rsp, %rdi              /* trap_dispatch(frame) */
    xor     %ebp, %ebp              /* from user mode: the rbp chain ends here */
    testb   $3, TRAP_FRAME_CS(%rbx)
    jnz     1f
    pushq   TRAP_FRAME_RIP(%rbx)    /* from kernel mode: a frame record that */
    pushq   TRAP_FRAME_RBP(%rbx)    /* links the chain to the interrupted code */
    mov     %rsp, %rbp
1:  call    trap_dispatch
    mov     %rbx, %rsp
    .cfi_def_cfa_register %rsp

    .globl  trap_return
trap_return:                        /* rsp: a struct trap_frame to resume */
    pop_register %r15
    pop_register %r14
    pop_register %r13
    pop_register %r12
    pop_register %r11
    pop_register %r10
    pop_register %r9
    pop_register %r8
    pop_register %rbp
    pop_register %rdi
    pop_register %rsi
    pop_register %rdx
    pop_register %rcx
    pop_register %rbx
    pop_register %rax
    add     $16, %rsp               /* vector and error code */
    .cfi_adjust_cfa_offset -16
    iretq
    .cfi_endproc

    .section .note.GNU-stack, "", @progbits
