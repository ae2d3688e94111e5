/*
 * kernel_stack.c - kernel stacks with guard pages.
 *
 * Layer: processes, on mm/paging.c and mm/frame.c. Slot i covers
 * [KERNEL_STACKS_BASE + i * SLOT_SIZE, + SLOT_SIZE): its upper
 * KERNEL_STACK_SIZE bytes are mapped (writable, no-execute), the pages
 * below stay unmapped as the guard. The kernel half is shared by every
 * address space (paging.h), so a stack mapped once is seen everywhere.
 *
 * Invariants: slot_in_use[i] says slot i is mapped; only the owner of a
 * thread allocates or frees its stack, with interrupts off around the
 * bitmap (an SMP kernel would take a lock there).
 */
#include <stdbool.h>
#include "proc/kernel_stack.h"
#include "arch/arch.h"
#include "errno.h"
#include "mm/frame.h"
#include "mm/layout.h"
#include "mm/paging.h"
#include "selftest.h"

#define SLOT_SIZE       (2 * KERNEL_STACK_SIZE) /* the lower half is the guard */
#define PAGES_PER_STACK (KERNEL_STACK_SIZE / PAGE_SIZE)

static bool slot_in_use[KERNEL_STACK_SLOTS];

static uintptr_t slot_bottom(unsigned slot)
{
    return KERNEL_STACKS_BASE + (uintptr_t)slot * SLOT_SIZE + SLOT_SIZE - KERNEL_STACK_SIZE;
}

static int slot_claim(void)
{
    int enabled = arch_irq_save(), found = -ENOMEM;

    for (unsigned slot = 0; slot < KERNEL_STACK_SLOTS && found < 0; slot++)
        if (!slot_in_use[slot]) {
            slot_in_use[slot] = true;
            found = (int)slot;
        }
    arch_irq_restore(enabled);
    return found;
}

static void unmap_pages(uintptr_t bottom, unsigned count)
{
    for (unsigned page = 0; page < count; page++)
        frame_free(paging_unmap(&kernel_address_space, bottom + page * PAGE_SIZE));
}

int kernel_stack_alloc(struct kernel_stack *stack)
{
    int slot = slot_claim();

    if (slot < 0)
        return slot;
    uintptr_t bottom = slot_bottom((unsigned)slot);
    for (unsigned page = 0; page < PAGES_PER_STACK; page++) {
        uint64_t frame = frame_alloc();
        if (!frame || paging_map(&kernel_address_space, bottom + page * PAGE_SIZE, frame, PAGE_WRITE) < 0) {
            if (frame)
                frame_free(frame);
            unmap_pages(bottom, page);
            slot_in_use[slot] = false;
            return -ENOMEM;
        }
    }
    *stack = (struct kernel_stack){bottom + KERNEL_STACK_SIZE, (unsigned)slot};
    return 0;
}

void kernel_stack_free(struct kernel_stack *stack)
{
    unmap_pages(stack->top - KERNEL_STACK_SIZE, PAGES_PER_STACK);
    slot_in_use[stack->slot] = false;
}

/* A stack is writable from bottom to top and the page below it is not
 * mapped; freeing gives every frame back (the page tables of the stack
 * area stay: the first allocation creates them). */
SELFTEST(kernel_stack_has_guard_page)
{
    struct frame_stats before;
    struct kernel_stack stack;
    uint64_t phys;
    unsigned flags;

    SELFTEST_ASSERT(kernel_stack_alloc(&stack) == 0);
    kernel_stack_free(&stack);
    before = frame_stats();
    SELFTEST_ASSERT(kernel_stack_alloc(&stack) == 0);
    volatile uint8_t *bottom = (volatile uint8_t *)(stack.top - KERNEL_STACK_SIZE);
    bottom[0] = 1;
    bottom[KERNEL_STACK_SIZE - 1] = 2;
    int guard = paging_translate(&kernel_address_space, (uintptr_t)bottom - 1, &phys, &flags);
    kernel_stack_free(&stack);
    SELFTEST_ASSERT(guard == -EFAULT);
    SELFTEST_ASSERT(stack.top % 16 == 0);
    SELFTEST_ASSERT(frame_stats().free == before.free);
}
