/*
 * kernel_stack.h - the stack each thread runs on inside the kernel.
 *
 * Layer: processes. A kernel stack is KERNEL_STACK_SIZE bytes of frames
 * mapped in the kernel half at KERNEL_STACKS_BASE (mm/layout.h), one slot
 * per stack, with unmapped pages below each one: overflowing a stack
 * page-faults at once instead of silently overwriting a neighbour (the
 * fault then becomes a double fault, which runs on its own IST stack and
 * is reported).
 */
#ifndef FREEPORT_PROC_KERNEL_STACK_H
#define FREEPORT_PROC_KERNEL_STACK_H

#include <stdint.h>

#define KERNEL_STACK_SIZE  (16 * 1024)
#define KERNEL_STACK_SLOTS 512

struct kernel_stack {
    uintptr_t top; /* 16-byte aligned; the stack grows down from here */
    unsigned slot;
};

/* 0, or -ENOMEM (no frames, or every slot in use). */
int kernel_stack_alloc(struct kernel_stack *stack);
void kernel_stack_free(struct kernel_stack *stack);

#endif
