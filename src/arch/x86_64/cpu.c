/*
 * cpu.c - interrupt flag control and frame-pointer backtraces.
 *
 * Layer: machine (implements arch_irq_* and arch_backtrace from arch.h).
 * Backtraces follow %rbp: the kernel is built with -fno-omit-frame-pointer,
 * and boot.S starts the chain with %rbp = 0, so the walk ends there.
 */
#include "arch/arch.h"
#include "mm/layout.h"

#define RFLAGS_IF (1UL << 9)

int arch_irq_save(void)
{
    uint64_t rflags;

    __asm__ volatile("pushfq; popq %0; cli" : "=r"(rflags) : : "memory");
    return (rflags & RFLAGS_IF) != 0;
}

void arch_irq_restore(int enabled)
{
    if (enabled)
        __asm__ volatile("sti" : : : "memory");
}

void arch_irq_enable(void)
{
    __asm__ volatile("sti" : : : "memory");
}

void arch_backtrace(uintptr_t frame, int depth, void (*visit)(uintptr_t))
{
    const uintptr_t *rbp = (const uintptr_t *)(frame ? frame : (uintptr_t)__builtin_frame_address(0));

    /* Stop at the chain's end, at a misaligned or non-kernel frame pointer. */
    while (depth-- > 0 && rbp && ((uintptr_t)rbp & 7) == 0 && (uintptr_t)rbp >= DIRECT_MAP_BASE) {
        uintptr_t return_address = rbp[1];
        if (return_address == 0)
            break;
        visit(return_address);
        rbp = (const uintptr_t *)rbp[0];
    }
}
