/*
 * gdt.c - the Global Descriptor Table and the one Task State Segment.
 *
 * Layer: machine. In 64-bit mode segments no longer translate addresses: the
 * GDT only says which code runs in ring 0 or 3 (and in 64-bit mode), and it
 * points at the TSS, whose only remaining jobs are the stacks the CPU switches
 * to: rsp0 on entry from user mode, and the Interrupt Stack Table (IST) slots
 * that some vectors always use, however broken the current stack is:
 *   IST1  double fault (#DF): a kernel stack overflow still gets reported;
 *   IST2  NMI: it can arrive anywhere, even on a half-built stack.
 *
 * Invariants: the selector layout in gdt.h never changes (SYSCALL/SYSRET
 * depend on it); the GDT and TSS are static and live forever; once ltr has
 * run, the TSS descriptor is "busy" and must not be loaded again.
 */
#include "arch/x86_64/gdt.h"
#include "selftest.h"

/* Code and data descriptor bits (Intel SDM vol. 3, 3.4.5). */
#define SEGMENT_FLAT_LIMIT 0x000f00000000ffffUL /* limit 0xfffff... */
#define SEGMENT_4K_PAGES   (1UL << 55)          /* ...in 4 KiB units */
#define SEGMENT_LONG_MODE  (1UL << 53)          /* 64-bit code */
#define SEGMENT_PRESENT    (1UL << 47)
#define SEGMENT_DPL(ring)  ((uint64_t)(ring) << 45)
#define SEGMENT_CODE_DATA  (1UL << 44) /* not a system descriptor */
#define SEGMENT_EXECUTABLE (1UL << 43)
#define SEGMENT_READ_WRITE (1UL << 41) /* code readable, data writable */

#define SEGMENT_COMMON                                                                                       \
    (SEGMENT_FLAT_LIMIT | SEGMENT_4K_PAGES | SEGMENT_PRESENT | SEGMENT_CODE_DATA | SEGMENT_READ_WRITE)
#define SEGMENT_CODE(ring) (SEGMENT_COMMON | SEGMENT_DPL(ring) | SEGMENT_EXECUTABLE | SEGMENT_LONG_MODE)
#define SEGMENT_DATA(ring) (SEGMENT_COMMON | SEGMENT_DPL(ring))

/* System descriptor type: an available 64-bit TSS; ltr turns 0x9 into 0xb (busy). */
#define TSS_TYPE_AVAILABLE 0x9UL
#define TSS_TYPE_BUSY      0xbUL

#define IST_STACK_SIZE 16384

/* The 64-bit TSS (Intel SDM vol. 3, 8.7). */
struct tss {
    uint32_t reserved0;
    uint64_t rsp[3]; /* stacks for entry from rings 0-2; only rsp[0] is used */
    uint64_t reserved1;
    uint64_t ist[7]; /* ist[n - 1] is IST slot n */
    uint64_t reserved2;
    uint16_t reserved3;
    uint16_t io_bitmap_offset; /* past the end: no I/O bitmap, user mode gets no ports */
} __attribute__((packed));

struct descriptor_table_pointer {
    uint16_t limit;
    uint64_t base;
} __attribute__((packed));

static struct tss tss;
static uint8_t double_fault_stack[IST_STACK_SIZE] __attribute__((aligned(16)));
static uint8_t nmi_stack[IST_STACK_SIZE] __attribute__((aligned(16)));

static uint64_t gdt[] __attribute__((aligned(16))) = {
    [0] = 0,
    [GDT_KERNEL_CODE / 8] = SEGMENT_CODE(0),
    [GDT_KERNEL_DATA / 8] = SEGMENT_DATA(0),
    [GDT_USER_DATA / 8] = SEGMENT_DATA(3),
    [GDT_USER_CODE / 8] = SEGMENT_CODE(3),
    [GDT_TSS / 8] = 0, /* 16 bytes, filled in by gdt_set_tss_descriptor() */
    [GDT_TSS / 8 + 1] = 0,
};

/* A 16-byte system descriptor: base and limit scattered as in 32-bit days,
 * plus the upper half of the base in the second quadword. */
static void gdt_set_tss_descriptor(uintptr_t base, uint32_t limit)
{
    gdt[GDT_TSS / 8] = (limit & 0xffffUL) | ((base & 0xffffffUL) << 16) | (TSS_TYPE_AVAILABLE << 40) |
                       SEGMENT_PRESENT | ((uint64_t)(limit >> 16 & 0xf) << 48) |
                       ((base >> 24 & 0xffUL) << 56);
    gdt[GDT_TSS / 8 + 1] = base >> 32;
}

/* lgdt, then reload every segment register: CS only changes through a far
 * transfer, here a far return to the next instruction. FS and GS get the null
 * selector; their bases are MSRs in 64-bit mode. */
static void gdt_load(void)
{
    struct descriptor_table_pointer pointer = {sizeof(gdt) - 1, (uintptr_t)gdt};

    __asm__ volatile("lgdt %0\n\t"
                     "pushq %1\n\t"
                     "leaq 1f(%%rip), %%rax\n\t"
                     "pushq %%rax\n\t"
                     "lretq\n"
                     "1:\n\t"
                     "movw %w2, %%ds\n\t"
                     "movw %w2, %%es\n\t"
                     "movw %w2, %%ss\n\t"
                     "movw %w3, %%fs\n\t"
                     "movw %w3, %%gs\n\t"
                     "ltr %w4"
                     :
                     : "m"(pointer), "i"(GDT_KERNEL_CODE), "r"(GDT_KERNEL_DATA), "r"(0), "r"(GDT_TSS)
                     : "rax", "memory");
}

void gdt_init(void)
{
    tss.ist[GDT_IST_DOUBLE_FAULT - 1] = (uintptr_t)(double_fault_stack + IST_STACK_SIZE);
    tss.ist[GDT_IST_NMI - 1] = (uintptr_t)(nmi_stack + IST_STACK_SIZE);
    tss.io_bitmap_offset = sizeof(tss);
    gdt_set_tss_descriptor((uintptr_t)&tss, sizeof(tss) - 1);
    gdt_load();
}

void gdt_set_kernel_stack(uintptr_t rsp0)
{
    tss.rsp[0] = rsp0;
}

/* The selectors in use are the ones gdt.h names. */
SELFTEST(gdt_selectors_loaded)
{
    uint16_t cs, ss, ds, tr;

    __asm__ volatile("mov %%cs, %0; mov %%ss, %1; mov %%ds, %2; str %3"
                     : "=r"(cs), "=r"(ss), "=r"(ds), "=r"(tr));
    SELFTEST_ASSERT(cs == GDT_KERNEL_CODE);
    SELFTEST_ASSERT(ss == GDT_KERNEL_DATA);
    SELFTEST_ASSERT(ds == GDT_KERNEL_DATA);
    SELFTEST_ASSERT(tr == GDT_TSS);
}

/* Decode the TSS descriptor the CPU uses (found through sgdt): busy, and its
 * base reaches the TSS that gdt_set_kernel_stack() and the IST slots write. */
SELFTEST(gdt_tss_descriptor_points_at_tss)
{
    struct descriptor_table_pointer pointer;

    __asm__ volatile("sgdt %0" : "=m"(pointer));
    SELFTEST_ASSERT(pointer.base == (uintptr_t)gdt && pointer.limit == sizeof(gdt) - 1);

    const uint64_t *descriptor = (const uint64_t *)pointer.base + GDT_TSS / 8;
    uintptr_t base =
        (descriptor[0] >> 16 & 0xffffff) | (descriptor[0] >> 56 & 0xff) << 24 | descriptor[1] << 32;
    SELFTEST_ASSERT((descriptor[0] >> 40 & 0xf) == TSS_TYPE_BUSY);
    SELFTEST_ASSERT(base == (uintptr_t)&tss);

    const struct tss *loaded = (const struct tss *)base;
    gdt_set_kernel_stack(0x1230);
    SELFTEST_ASSERT(loaded->rsp[0] == 0x1230);
    gdt_set_kernel_stack(0);
    SELFTEST_ASSERT(loaded->ist[GDT_IST_DOUBLE_FAULT - 1] % 16 == 0);
    SELFTEST_ASSERT(loaded->ist[GDT_IST_NMI - 1] % 16 == 0);
    SELFTEST_ASSERT(loaded->ist[GDT_IST_DOUBLE_FAULT - 1] != loaded->ist[GDT_IST_NMI - 1]);
}
