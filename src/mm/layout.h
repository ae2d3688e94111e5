/*
 * layout.h - where things live in the kernel's virtual address space.
 *
 *   0x0000000000000000 .. 0x00007fffffffffff   user space (lower half)
 *   0xffff800000000000 .. (+ all RAM)           direct map of physical memory
 *   0xffffff0000000000 .. (+ 1 GiB)             kernel stacks, each below a guard page
 *   0xffffffff80000000 .. (+ kernel image)      kernel image (-mcmodel=kernel)
 *
 * Layer: core (memory). Invariant: a physical address p below the top of RAM
 * is always readable and writable at PHYS_TO_VIRT(p) once paging_init() ran
 * (before that, only p < 1 GiB, as the boot stub maps).
 */
#ifndef FREEPORT_MM_LAYOUT_H
#define FREEPORT_MM_LAYOUT_H

#include <stdint.h>

#define PAGE_SIZE           4096UL
#define PAGE_SHIFT          12
#define KERNEL_VMA          0xffffffff80000000UL
#define DIRECT_MAP_BASE     0xffff800000000000UL
#define USER_SPACE_END      0x0000800000000000UL
#define KERNEL_STACKS_BASE  0xffffff0000000000UL /* proc/kernel_stack.c */

#define LOW_MEMORY_END      0x100000UL      /* first MiB: BIOS, VGA; never allocated */
#define BOOT_DIRECT_MAP_END 0x40000000UL    /* boot.S direct-maps only the first GiB */

#define PHYS_TO_VIRT(p)     ((void *)((uintptr_t)(p) + DIRECT_MAP_BASE))
#define VIRT_TO_PHYS(v)     ((uintptr_t)(v) - DIRECT_MAP_BASE)
#define KERNEL_TO_PHYS(v)   ((uintptr_t)(v) - KERNEL_VMA)

#define PAGE_ROUND_UP(x)    (((x) + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1))
#define PAGE_ROUND_DOWN(x)  ((x) & ~(PAGE_SIZE - 1))

#endif
