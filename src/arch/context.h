/*
 * context.h - what threads and user mode need from the machine: the kernel
 * context switch, the saved user registers (struct trap_frame), the system
 * call entry, and the calls the machine makes up into the process layer.
 *
 * Layer: machine interface (like arch/arch.h and arch/mmu.h), implemented by
 * src/arch/x86_64/{switch.S,syscall_entry.S,syscall.c,user_frame.c}. The
 * process layer sees struct trap_frame by name only and works on it through
 * the user_frame_* calls, so no register name appears in src/proc/.
 *
 * Invariants: a user thread's trap frame always sits at the top of its
 * kernel stack (every entry from user mode starts on an empty kernel stack),
 * so its address is fixed when the thread is created. Every call here runs
 * with interrupts off unless it says otherwise.
 */
#ifndef FREEPORT_ARCH_CONTEXT_H
#define FREEPORT_ARCH_CONTEXT_H

#include <stdbool.h>
#include <stdint.h>

struct trap_frame;

/* Bytes of a struct trap_frame: a signal frame saves one whole. */
#define USER_FRAME_SIZE 176

/* --- Kernel contexts (switch.S) --- */

/* Save the callee-saved registers on this stack, store the stack pointer in
 * *save_stack_pointer, load `next_stack_pointer` and resume whatever context
 * was saved there. Returns when something switches back to this one. */
void arch_context_switch(uintptr_t *save_stack_pointer, uintptr_t next_stack_pointer);

/* Lay out a context below `stack_base` (16-byte aligned) that, once switched
 * to, calls start(argument) on this stack. start must never return.
 * Returns the stack pointer to switch to. */
uintptr_t arch_context_prepare(uintptr_t stack_base, void (*start)(void *), void *argument);

/* Leave the kernel for good on this stack: resume the user context saved
 * in `frame` (iretq). */
__attribute__((noreturn)) void arch_enter_user(struct trap_frame *frame);

/* The stack the CPU (interrupts, TSS.rsp0) and syscall_entry switch to when
 * the running thread enters the kernel from user mode. */
void arch_set_kernel_stack(uintptr_t stack_top);

/* Enable interrupts and halt until one arrives (sti; hlt: no wake-up is
 * lost between the two). Returns with interrupts on. */
void arch_wait_for_interrupt(void);

/* --- The x87/SSE registers (fpu.c) --- */

/* An FXSAVE image: 512 bytes, 16-byte aligned. */
#define ARCH_FPU_STATE_SIZE 512

/* A clean state (as after fninit, SIMD exceptions masked). */
void arch_fpu_init_state(void *image);
/* Save the live registers into `image` / load them from it. */
void arch_fpu_save(void *image);
void arch_fpu_restore(const void *image);
/* Make an image from user memory safe to load (reserved MXCSR bits off). */
void arch_fpu_sanitize(void *image);

/* --- The saved user registers (user_frame.c) --- */

/* A fresh user context: enter at `entry` with `stack_pointer`, every other
 * register zero, interrupts on. */
void user_frame_init(struct trap_frame *frame, uintptr_t entry, uintptr_t stack_pointer);

void user_frame_set_result(struct trap_frame *frame, long result);
long user_frame_result(const struct trap_frame *frame);
uintptr_t user_frame_stack_pointer(const struct trap_frame *frame);
uintptr_t user_frame_instruction_pointer(const struct trap_frame *frame);

/* Run the system call `number` again when this context resumes (the
 * syscall instruction is two bytes long). */
void user_frame_restart_syscall(struct trap_frame *frame, long number);

/* Call handler(signal) on `stack_pointer` (where the return address has
 * been stored) when this context resumes. */
void user_frame_enter_handler(struct trap_frame *frame, uintptr_t handler, uintptr_t stack_pointer,
                              int signal);

/* Replace the frame with `saved` (USER_FRAME_SIZE bytes from user memory),
 * keeping it a user context: user segments, no privileged flag bits,
 * interrupts on. false (frame untouched) if rip or rsp leave user space. */
bool user_frame_restore(struct trap_frame *frame, const void *saved);

/* --- Called by the machine layer, implemented by src/proc/ --- */

/* syscall_entry.S (through syscall.c): run system call `number`; returns
 * its result with interrupts off. */
long syscall_dispatch(uint64_t number, const uint64_t arguments[6]);

/* Every return to user mode passes here last, interrupts off: switch away if
 * the time slice is over, deliver pending signals by editing `frame`. */
void thread_return_to_user(struct trap_frame *frame);

enum user_fault_kind {
    USER_FAULT_PAGE,        /* #PF: address, write and present are set */
    USER_FAULT_PROTECTION,  /* #GP, #SS, #NP: a privileged or malformed access */
    USER_FAULT_INSTRUCTION, /* #UD: an invalid or privileged opcode */
    USER_FAULT_ARITHMETIC,  /* #DE, #MF, #XM */
    USER_FAULT_ALIGNMENT,   /* #AC */
    USER_FAULT_TRAP,        /* #DB, #OF, #BR and the rest */
};

struct user_fault {
    enum user_fault_kind kind;
    uintptr_t address; /* the faulting address (page faults) */
    bool write;        /* the access was a write (page faults) */
    bool present;      /* the page was mapped: a protection violation */
};

/* A fault in user mode (trap.c): resolve it (copy on write, a lazily
 * mapped page) or signal the process; returns to user mode. */
void user_fault_handle(struct trap_frame *frame, const struct user_fault *fault);

#endif
