/*
 * trap.h - the saved state of an interrupted context, and the trap entry.
 *
 * Layer: machine. Only src/arch/x86_64/ includes this file (arch.h knows
 * struct trap_frame by name only). Included by trap.S too, for the offsets.
 *
 * Every exception and IRQ enters through a stub in trap.S that builds one
 * struct trap_frame on the kernel stack and calls trap_dispatch() with it;
 * whatever the frame holds when trap_dispatch() returns is what iretq
 * resumes. Invariants: the layout below is the exact order trap.S pushes in
 * (trap.c checks the offsets at compile time); its size is a multiple of 16,
 * so C code is entered with the stack aligned as the ABI requires.
 */
#ifndef FREEPORT_X86_64_TRAP_H
#define FREEPORT_X86_64_TRAP_H

/* Stubs exist for the 32 exceptions and the 16 legacy IRQs (vectors 0-47). */
#define TRAP_STUB_COUNT 48

/* Exceptions for which the CPU pushes an error code: #DF 8, #TS 10, #NP 11,
 * #SS 12, #GP 13, #PF 14, #AC 17, #CP 21, #VC 29, #SX 30 (one bit each). */
#define TRAP_ERROR_CODE_VECTORS                                                                              \
    ((1 << 8) | (1 << 10) | (1 << 11) | (1 << 12) | (1 << 13) | (1 << 14) | (1 << 17) | (1 << 21) |          \
     (1 << 29) | (1 << 30))

/* The `vector` of a frame built by syscall_entry.S: no real vector. */
#define TRAP_VECTOR_SYSCALL 256

/* Byte offsets into struct trap_frame, for trap.S and syscall_entry.S. */
#define TRAP_FRAME_R11    32
#define TRAP_FRAME_RBP    64
#define TRAP_FRAME_RCX    96
#define TRAP_FRAME_RIP    136
#define TRAP_FRAME_CS     144
#define TRAP_FRAME_RFLAGS 152
#define TRAP_FRAME_RSP    160
#define TRAP_FRAME_SIZE   176

#ifndef __ASSEMBLER__
#include <stdint.h>

struct trap_frame {
    /* Pushed by trap_common in trap.S: every general register as it was when
     * the trap hit (lowest address first, so the last pushed comes first). */
    uint64_t r15, r14, r13, r12; /* callee-saved in the C ABI */
    uint64_t r11, r10, r9, r8;   /* caller-saved */
    uint64_t rbp;                /* the interrupted frame pointer */
    uint64_t rdi, rsi, rdx, rcx; /* caller-saved; the C argument registers */
    uint64_t rbx;                /* callee-saved */
    uint64_t rax;                /* caller-saved; a syscall's result goes here */

    /* Pushed by the vector's stub. */
    uint64_t vector;     /* 0-31 exception, 32-47 IRQ (pic.h), TRAP_VECTOR_SYSCALL */
    uint64_t error_code; /* the CPU's error code, or 0 for vectors without one */

    /* Pushed by the CPU. In 64-bit mode it always pushes ss:rsp, from kernel
     * mode as well as from user mode, so every frame has the same shape. */
    uint64_t rip;    /* where to resume; for a fault, the faulting instruction */
    uint64_t cs;     /* the interrupted code segment: its low 2 bits are the ring */
    uint64_t rflags; /* including IF: iretq restores the interrupt flag */
    uint64_t rsp;    /* the interrupted stack pointer */
    uint64_t ss;     /* the interrupted stack segment */
};

/* trap.S: the entry stub of each vector below TRAP_STUB_COUNT, for the IDT. */
extern const uintptr_t trap_stub_table[TRAP_STUB_COUNT];

/* trap.S: pop the frame at %rsp and iretq to it (syscall_entry.S and
 * arch_enter_user jump here). */
extern const char trap_return[];

/* Called by trap.S with interrupts off, on the kernel stack (or on an IST
 * stack for a double fault or an NMI). */
void trap_dispatch(struct trap_frame *frame);

#endif
#endif
