/*
 * switch.S - switching between kernel threads, and a thread's first steps.
 *
 * Layer: machine (implements arch_context_switch, arch_enter_user and the
 * trampoline behind arch_context_prepare; see arch/context.h).
 *
 * A thread that is not running is parked inside arch_context_switch: its
 * stack holds, from the saved stack pointer up,
 *
 *     r15 r14 r13 r12 rbx rbp  return-address
 *
 * Only the callee-saved registers need saving: arch_context_switch is an
 * ordinary C call, so the caller already assumes every other register is
 * lost. Switching is: push them, store rsp in the old thread, load the new
 * thread's rsp, pop its registers, ret into wherever it was parked. A new
 * thread's stack is laid out the same way (context.c) with the return
 * address pointing at context_trampoline, which calls start(argument)
 * with start in r13 and argument in r12.
 *
 * Invariants: called with interrupts off (the scheduler's rule); rflags is
 * not switched, so each thread turns interrupts back on itself.
 */
#include "arch/x86_64/trap.h"

    .text
    .globl  arch_context_switch
    .type   arch_context_switch, @function
arch_context_switch:                /* rdi = &old thread's saved rsp, rsi = new rsp */
    pushq   %rbp
    pushq   %rbx
    pushq   %r12
    pushq   %r13
    pushq   %r14
    pushq   %r15
    mov     %rsp, (%rdi)
    mov     %rsi, %rsp
    popq    %r15
    popq    %r14
    popq    %r13
    popq    %r12
    popq    %rbx
    popq    %rbp
    ret
    .size   arch_context_switch, . - arch_context_switch

    .globl  context_trampoline
    .type   context_trampoline, @function
context_trampoline:                 /* first "return" of a new thread */
    .cfi_startproc
    .cfi_undefined rip              /* GDB: the backtrace ends here */
    xor     %ebp, %ebp              /* and so does the kernel's rbp chain */
    mov     %r12, %rdi
    call    *%r13                   /* start(argument): never returns */
    ud2
    .cfi_endproc
    .size   context_trampoline, . - context_trampoline

    .globl  arch_enter_user
    .type   arch_enter_user, @function
arch_enter_user:                    /* rdi = the trap frame to resume */
    mov     %rdi, %rsp
    jmp     trap_return
    .size   arch_enter_user, . - arch_enter_user

    .section .note.GNU-stack, "", @progbits
