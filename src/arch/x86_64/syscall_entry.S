/*
 * syscall_entry.S - the way into the kernel for the `syscall` instruction,
 * and back out with sysret (or iretq).
 *
 * Layer: machine. `syscall` (set up by syscall.c) jumps to syscall_entry in
 * ring 0 with interrupts off (FMASK clears IF) but changes no stack: rsp is
 * still the user's, rcx holds the user rip and r11 the user rflags. So the
 * entry first needs a kernel stack, and has no register free to find it
 * with: swapgs makes the GS base point at this CPU's struct cpu_local
 * (syscall.c), where it parks the user rsp and finds the thread's kernel
 * stack, and a second swapgs puts the user's GS base back.
 *
 * It then builds a struct trap_frame (trap.h) exactly as an interrupt from
 * user mode would, so that fork, execve, signal delivery and sigreturn treat
 * both alike, and calls syscall_handle(frame) (syscall.c).
 *
 * The way out: sysret is fast but can only restore rip from rcx and rflags
 * from r11, and raises #GP *in ring 0* if rcx is not canonical. So it is
 * used only when the frame still says rcx == rip, r11 == rflags and rip is
 * a user address; otherwise (after execve, sigreturn or signal delivery
 * changed the frame) the exit is trap.S's iretq.
 *
 * Invariants: interrupts stay off from entry until sysret/iretq except
 * while syscall_handle runs the call; the GS base is the per-CPU block only
 * between the two swapgs (an NMI there does not use GS).
 */
#include "arch/x86_64/gdt.h"
#include "arch/x86_64/trap.h"

/* struct cpu_local (syscall.c) */
#define CPU_KERNEL_STACK    0
#define CPU_USER_STACK      8

#define GENERAL_REGISTERS_SIZE (15 * 8) /* r15 .. rax, at the frame's start */

/* Where each general register lies in the frame, below the CFA (the end
 * of the frame), for GDB's backtrace into user code. */
.macro frame_register_offsets
    .set    offset, -TRAP_FRAME_SIZE
    .irp    register, r15, r14, r13, r12, r11, r10, r9, r8, rbp, rdi, rsi, rdx, rcx, rbx, rax
    .cfi_offset %\register, offset
    .set    offset, offset + 8
    .endr
.endm

.macro pop_general_registers
    popq    %r15
    popq    %r14
    popq    %r13
    popq    %r12
    popq    %r11
    popq    %r10
    popq    %r9
    popq    %r8
    popq    %rbp
    popq    %rdi
    popq    %rsi
    popq    %rdx
    popq    %rcx
    popq    %rbx
    popq    %rax
.endm

    .cfi_sections .debug_frame      /* .eh_frame is discarded by kernel.ld */

    .text
    .globl  syscall_entry
    .type   syscall_entry, @function
syscall_entry:
    .cfi_startproc simple
    .cfi_def_cfa %rsp, 0
    .cfi_undefined rip              /* GDB: no way back until the frame is built */
    swapgs
    mov     %rsp, %gs:CPU_USER_STACK
    mov     %gs:CPU_KERNEL_STACK, %rsp
    pushq   $GDT_USER_DATA          /* ss */
    pushq   %gs:CPU_USER_STACK      /* rsp */
    swapgs
    pushq   %r11                    /* rflags */
    pushq   $GDT_USER_CODE          /* cs */
    pushq   %rcx                    /* rip */
    pushq   $0                      /* error code */
    pushq   $TRAP_VECTOR_SYSCALL    /* vector */
    pushq   %rax                    /* the general registers, in trap.S's order */
    pushq   %rbx
    pushq   %rcx
    pushq   %rdx
    pushq   %rsi
    pushq   %rdi
    pushq   %rbp
    pushq   %r8
    pushq   %r9
    pushq   %r10
    pushq   %r11
    pushq   %r12
    pushq   %r13
    pushq   %r14
    pushq   %r15
    .cfi_def_cfa %rsp, TRAP_FRAME_SIZE  /* GDB: every user register is in the frame */
    .cfi_offset %rip, TRAP_FRAME_RIP - TRAP_FRAME_SIZE
    .cfi_offset %rsp, TRAP_FRAME_RSP - TRAP_FRAME_SIZE
    frame_register_offsets
    cld
    xor     %ebp, %ebp              /* the kernel's rbp chain ends here */
    mov     %rsp, %rdi
    call    syscall_handle          /* returns with interrupts off */

    mov     TRAP_FRAME_RIP(%rsp), %rcx
    cmp     TRAP_FRAME_RCX(%rsp), %rcx
    jne     trap_return
    mov     TRAP_FRAME_RFLAGS(%rsp), %r11
    cmp     TRAP_FRAME_R11(%rsp), %r11
    jne     trap_return
    shr     $47, %rcx               /* a user address has bits 63-47 clear */
    jnz     trap_return
    pop_general_registers           /* rcx = rip, r11 = rflags, as sysret wants */
    mov     TRAP_FRAME_RSP - GENERAL_REGISTERS_SIZE(%rsp), %rsp
    sysretq
    .cfi_endproc
    .size   syscall_entry, . - syscall_entry

    .section .note.GNU-stack, "", @progbits
