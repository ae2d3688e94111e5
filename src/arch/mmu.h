/*
 * mmu.h - the few privileged operations memory management needs from the
 * machine's MMU: load the page-table root, flush one TLB entry, ask which
 * page sizes exist.
 *
 * Layer: machine interface (like arch/arch.h), used by mm/paging.c. The
 * page-table format itself (x86-64, 4 levels) lives in mm/paging.c.
 */
#ifndef FREEPORT_ARCH_MMU_H
#define FREEPORT_ARCH_MMU_H

#include <stdbool.h>
#include <stdint.h>

/* Make the table at physical `root` the current address space (flushes
 * the TLB) / return the current root. */
void mmu_load_root(uint64_t root);
uint64_t mmu_current_root(void);

/* Forget any cached translation of the page holding `virtual_address`. */
void mmu_invalidate(uintptr_t virtual_address);

/* Can a third-level entry map a 1 GiB page? (Not on every CPU: Bochs's
 * and QEMU's default models lack it.) */
bool mmu_has_1g_pages(void);

#endif
