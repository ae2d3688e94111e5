/*
 * mmu.c - the x86-64 MMU operations of arch/mmu.h: CR3, INVLPG, CPUID.
 *
 * Layer: machine. CR3 holds the physical address of the PML4; writing it
 * flushes every non-global TLB entry. 1 GiB pages exist when CPUID leaf
 * 0x80000001 reports PDPE1GB (EDX bit 26).
 */
#include "arch/mmu.h"
#include "arch/x86_64/io.h"

#define CPUID_EXTENDED_FEATURES 0x80000001u
#define CPUID_EDX_PDPE1GB       (1u << 26)
#define CR3_ADDRESS_MASK        0x000ffffffffff000ULL

void mmu_load_root(uint64_t root)
{
    write_cr3(root);
}

uint64_t mmu_current_root(void)
{
    return read_cr3() & CR3_ADDRESS_MASK;
}

void mmu_invalidate(uintptr_t virtual_address)
{
    invlpg(virtual_address);
}

bool mmu_has_1g_pages(void)
{
    uint32_t a, b, c, d;

    cpuid(0x80000000u, &a, &b, &c, &d);
    if (a < CPUID_EXTENDED_FEATURES)
        return false;
    cpuid(CPUID_EXTENDED_FEATURES, &a, &b, &c, &d);
    return (d & CPUID_EDX_PDPE1GB) != 0;
}
