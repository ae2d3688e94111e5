/*
 * fpu.c - the x87/SSE registers of user programs: turning them on, and
 * saving and restoring them per thread.
 *
 * Layer: machine (implements the arch_fpu_* calls of arch/context.h). The
 * kernel itself never touches these registers (it is built with -mno-sse
 * -mno-mmx), but user programs compiled by gcc use SSE for everyday code
 * (memcpy, floating point, varargs). At boot fpu_init() turns SSE on:
 *   CR0.EM = 0  x87 instructions run (not emulated); CR0.MP = 1 with TS = 0;
 *   CR4.OSFXSR = 1     the OS saves state with fxsave/fxrstor, SSE enabled;
 *   CR4.OSXMMEXCPT = 1 SIMD floating-point errors raise #XM (SIGFPE).
 * Each thread owns a 512-byte FXSAVE image; the scheduler saves the
 * leaving thread's registers into its image and loads the next one's at
 * every switch ("eager" switching: simple, and cheap next to a switch).
 *
 * Invariants: an image handed to fxrstor has no reserved MXCSR bit set
 * (fxrstor would #GP in ring 0): arch_fpu_sanitize() clears them in any
 * image that came from user memory (sigreturn).
 */
#include "arch/context.h"
#include "arch/x86_64/io.h"
#include "lib/string.h"
#include "printk.h"

#define CR0_MP         (1ul << 1)
#define CR0_EM         (1ul << 2)
#define CR0_TS         (1ul << 3)
#define CR4_OSFXSR     (1ul << 9)
#define CR4_OSXMMEXCPT (1ul << 10)
#define CPUID_EDX_FXSR (1u << 24)
#define CPUID_EDX_SSE  (1u << 25)
#define CPUID_EDX_SSE2 (1u << 26)

/* Offsets in the FXSAVE image (Intel SDM vol. 1, 10.5.1). */
#define FXSAVE_FCW        0
#define FXSAVE_MXCSR      24
#define FXSAVE_MXCSR_MASK 28

#define FCW_DEFAULT         0x037f /* all x87 exceptions masked, 64-bit precision */
#define MXCSR_DEFAULT       0x1f80 /* all SIMD exceptions masked, round to nearest */
#define MXCSR_MASK_FALLBACK 0xffbf /* when the CPU reports 0 (SDM 11.6.6) */

static uint32_t mxcsr_mask = MXCSR_MASK_FALLBACK;

static uint64_t read_cr0(void)
{
    uint64_t value;
    __asm__ volatile("mov %%cr0, %0" : "=r"(value));
    return value;
}

static uint64_t read_cr4(void)
{
    uint64_t value;
    __asm__ volatile("mov %%cr4, %0" : "=r"(value));
    return value;
}

static void write_cr0(uint64_t value)
{
    __asm__ volatile("mov %0, %%cr0" : : "r"(value));
}

static void write_cr4(uint64_t value)
{
    __asm__ volatile("mov %0, %%cr4" : : "r"(value));
}

void arch_fpu_save(void *image)
{
    __asm__ volatile("fxsave64 (%0)" : : "r"(image) : "memory");
}

void arch_fpu_restore(const void *image)
{
    __asm__ volatile("fxrstor64 (%0)" : : "r"(image) : "memory");
}

void arch_fpu_init_state(void *image)
{
    uint16_t fcw = FCW_DEFAULT;
    uint32_t mxcsr = MXCSR_DEFAULT;

    memset(image, 0, ARCH_FPU_STATE_SIZE);
    memcpy((uint8_t *)image + FXSAVE_FCW, &fcw, sizeof(fcw));
    memcpy((uint8_t *)image + FXSAVE_MXCSR, &mxcsr, sizeof(mxcsr));
}

void arch_fpu_sanitize(void *image)
{
    uint32_t mxcsr;

    memcpy(&mxcsr, (uint8_t *)image + FXSAVE_MXCSR, sizeof(mxcsr));
    mxcsr &= mxcsr_mask;
    memcpy((uint8_t *)image + FXSAVE_MXCSR, &mxcsr, sizeof(mxcsr));
}

void fpu_init(void)
{
    uint8_t image[ARCH_FPU_STATE_SIZE] __attribute__((aligned(16)));
    uint32_t a, b, c, d;

    cpuid(1, &a, &b, &c, &d);
    if ((d & (CPUID_EDX_FXSR | CPUID_EDX_SSE | CPUID_EDX_SSE2)) !=
        (CPUID_EDX_FXSR | CPUID_EDX_SSE | CPUID_EDX_SSE2)) {
        printk("arch: no FXSR/SSE2: user programs using SSE will get SIGILL\n");
        return;
    }
    write_cr0((read_cr0() & ~(CR0_EM | CR0_TS)) | CR0_MP);
    write_cr4(read_cr4() | CR4_OSFXSR | CR4_OSXMMEXCPT);
    __asm__ volatile("fninit");
    arch_fpu_save(image);
    memcpy(&mxcsr_mask, image + FXSAVE_MXCSR_MASK, sizeof(mxcsr_mask));
    if (mxcsr_mask == 0)
        mxcsr_mask = MXCSR_MASK_FALLBACK;
    printk("arch: x87/SSE enabled for user mode (fxsave, MXCSR mask 0x%x)\n", mxcsr_mask);
}
