/*
 * syscall.c - the SYSCALL/SYSRET machinery, and the kernel stacks the CPU
 * switches to when a thread enters the kernel from user mode.
 *
 * Layer: machine (implements arch_set_kernel_stack of arch/context.h).
 * syscall_init() programs the MSRs that make `syscall` work:
 *   EFER.SCE   enables syscall/sysret;
 *   STAR       the selectors: syscall loads CS = STAR[47:32] (kernel code)
 *              and SS = that + 8; sysret loads SS = STAR[63:48] + 8 and
 *              CS = STAR[63:48] + 16, which gdt.h's order provides;
 *   LSTAR      the entry point, syscall_entry (syscall_entry.S);
 *   FMASK      rflags bits cleared on entry: IF (interrupts stay off until
 *              the kernel stack is in place), TF, DF, NT, IOPL, AC;
 *   KERNEL_GS_BASE  this CPU's struct cpu_local, which swapgs brings in.
 * syscall_handle() is the C half of the entry: it passes the number and
 * arguments (the Linux registers: rax; rdi rsi rdx r10 r8 r9) to the
 * process layer and stores the result in the frame's rax.
 *
 * Invariants: cpu_local.kernel_stack always equals TSS.rsp0 (both are set
 * together, at every thread switch); one CPU, so one struct cpu_local.
 */
#include <stddef.h>
#include "arch/context.h"
#include "arch/x86_64/gdt.h"
#include "arch/x86_64/io.h"
#include "arch/x86_64/syscall.h"
#include "arch/x86_64/trap.h"

#define MSR_EFER           0xc0000080
#define MSR_STAR           0xc0000081
#define MSR_LSTAR          0xc0000082
#define MSR_FMASK          0xc0000084
#define MSR_KERNEL_GS_BASE 0xc0000102
#define EFER_SCE           (1u << 0)

#define RFLAGS_TF   (1u << 8)
#define RFLAGS_IF   (1u << 9)
#define RFLAGS_DF   (1u << 10)
#define RFLAGS_IOPL (3u << 12)
#define RFLAGS_NT   (1u << 14)
#define RFLAGS_AC   (1u << 18)

/* The selector base sysret adds 8 (SS) and 16 (CS) to. */
#define SYSRET_SELECTOR_BASE (GDT_USER_DATA - 8)

/* What syscall_entry reaches through %gs (offsets in syscall_entry.S). */
struct cpu_local {
    uint64_t kernel_stack; /* top of the running thread's kernel stack */
    uint64_t user_stack;   /* the user rsp, parked during the stack switch */
};

_Static_assert(offsetof(struct cpu_local, kernel_stack) == 0, "syscall_entry.S: CPU_KERNEL_STACK");
_Static_assert(offsetof(struct cpu_local, user_stack) == 8, "syscall_entry.S: CPU_USER_STACK");
_Static_assert(SYSRET_SELECTOR_BASE + 8 == GDT_USER_DATA && SYSRET_SELECTOR_BASE + 16 == GDT_USER_CODE,
               "sysret needs user data just below user code");

extern const char syscall_entry[];

static struct cpu_local cpu_local;

void syscall_init(void)
{
    wrmsr(MSR_STAR, (uint64_t)SYSRET_SELECTOR_BASE << 48 | (uint64_t)GDT_KERNEL_CODE << 32);
    wrmsr(MSR_LSTAR, (uintptr_t)syscall_entry);
    wrmsr(MSR_FMASK, RFLAGS_IF | RFLAGS_TF | RFLAGS_DF | RFLAGS_NT | RFLAGS_IOPL | RFLAGS_AC);
    wrmsr(MSR_KERNEL_GS_BASE, (uintptr_t)&cpu_local);
    wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_SCE);
}

void arch_set_kernel_stack(uintptr_t stack_top)
{
    cpu_local.kernel_stack = stack_top;
    gdt_set_kernel_stack(stack_top);
}

/* Called by syscall_entry.S with interrupts off, on the thread's kernel
 * stack, with the frame it built; returns with interrupts off. */
void syscall_handle(struct trap_frame *frame)
{
    const uint64_t arguments[6] = {frame->rdi, frame->rsi, frame->rdx, frame->r10, frame->r8, frame->r9};

    frame->rax = (uint64_t)syscall_dispatch(frame->rax, arguments);
    thread_return_to_user(frame);
}
