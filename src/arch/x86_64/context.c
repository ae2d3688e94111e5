/*
 * context.c - a new thread's first kernel context, and idling.
 *
 * Layer: machine (implements arch_context_prepare and
 * arch_wait_for_interrupt of arch/context.h). A new thread's stack is made
 * to look as if the thread had called arch_context_switch (switch.S) from
 * the first instruction of context_trampoline, so the first switch to it
 * "returns" there:
 *
 *     stack_base ->  (the caller's: a user trap frame, or nothing)
 *                    context_trampoline   return address
 *                    0                    rbp
 *                    0                    rbx
 *                    argument             r12
 *                    start                r13
 *                    0, 0                 r14, r15   <- saved stack pointer
 *
 * Invariant: stack_base is 16-byte aligned, so after the `ret` into the
 * trampoline rsp is too, as the C ABI wants before a call.
 */
#include "arch/context.h"

extern const char context_trampoline[];

struct initial_context {
    uint64_t r15, r14, r13, r12, rbx, rbp;
    uint64_t return_address;
};

_Static_assert(sizeof(struct initial_context) % 16 == 8, "rsp is 16-byte aligned after the ret");

uintptr_t arch_context_prepare(uintptr_t stack_base, void (*start)(void *), void *argument)
{
    struct initial_context *context = (struct initial_context *)stack_base - 1;

    *context = (struct initial_context){
        .r13 = (uintptr_t)start,
        .r12 = (uintptr_t)argument,
        .return_address = (uintptr_t)context_trampoline,
    };
    return (uintptr_t)context;
}

void arch_wait_for_interrupt(void)
{
    __asm__ volatile("sti; hlt" : : : "memory");
}
