/*
 * trap.c - what the kernel does with each exception and IRQ.
 *
 * Layer: machine. trap.S saves the interrupted state as a struct trap_frame
 * and calls trap_dispatch(), which sends:
 *   vectors 32-47 (IRQs)      to the PIC and the device's handler;
 *   #BP (int3)                to a one-line report, then resumes: it is a
 *                             trap, so rip already points past the int3;
 *   a fault in user mode      to trap_user_fault();
 *   any other exception       to a full report, then kernel_stop_fatal().
 *
 * The report gives the exception, its error code (decoded for page faults
 * and selector errors), CR2 for a page fault, every register, and a
 * symbolized backtrace starting at the faulting instruction.
 *
 * Invariants: runs with interrupts off; a fault while a report is being
 * printed stops at once instead of reporting again (and again).
 */
#include <stdbool.h>
#include <stddef.h>
#include "arch/context.h"
#include "arch/x86_64/idt.h"
#include "arch/x86_64/io.h"
#include "arch/x86_64/pic.h"
#include "arch/x86_64/trap.h"
#include "ksyms.h"
#include "lib/string.h"
#include "mm/layout.h"
#include "panic.h"
#include "printk.h"
#include "selftest.h"

_Static_assert(offsetof(struct trap_frame, rbp) == TRAP_FRAME_RBP, "trap.S pushes rbp there");
_Static_assert(offsetof(struct trap_frame, rip) == TRAP_FRAME_RIP, "the CPU pushes rip there");
_Static_assert(offsetof(struct trap_frame, cs) == TRAP_FRAME_CS, "the CPU pushes cs there");
_Static_assert(offsetof(struct trap_frame, r11) == TRAP_FRAME_R11, "syscall_entry.S reads r11 there");
_Static_assert(offsetof(struct trap_frame, rcx) == TRAP_FRAME_RCX, "syscall_entry.S reads rcx there");
_Static_assert(offsetof(struct trap_frame, rflags) == TRAP_FRAME_RFLAGS, "the CPU pushes rflags there");
_Static_assert(offsetof(struct trap_frame, rsp) == TRAP_FRAME_RSP, "the CPU pushes rsp there");
_Static_assert(sizeof(struct trap_frame) == TRAP_FRAME_SIZE, "trap.S and trap.h disagree");
_Static_assert(TRAP_FRAME_SIZE % 16 == 0, "the C ABI needs a 16-byte aligned stack");
_Static_assert(TRAP_STUB_COUNT == PIC_VECTOR_BASE + PIC_IRQ_COUNT, "a stub per exception and IRQ");
_Static_assert(PIC_VECTOR_BASE == IDT_EXCEPTION_VECTORS, "IRQs follow the exceptions");

#define VECTOR_DIVIDE_ERROR        0
#define VECTOR_NMI                 2
#define VECTOR_BREAKPOINT          3
#define VECTOR_INVALID_OPCODE      6
#define VECTOR_DOUBLE_FAULT        8
#define VECTOR_INVALID_TSS         10
#define VECTOR_SEGMENT_NOT_PRESENT 11
#define VECTOR_STACK_SEGMENT       12
#define VECTOR_GENERAL_PROTECTION  13
#define VECTOR_PAGE_FAULT          14
#define VECTOR_X87_ERROR           16
#define VECTOR_ALIGNMENT_CHECK     17
#define VECTOR_MACHINE_CHECK       18
#define VECTOR_SIMD_ERROR          19

/* Page-fault error code bits (Intel SDM vol. 3, 4.7). */
#define PAGE_FAULT_PRESENT  (1u << 0) /* a protection violation, not a missing page */
#define PAGE_FAULT_WRITE    (1u << 1)
#define PAGE_FAULT_USER     (1u << 2)
#define PAGE_FAULT_RESERVED (1u << 3) /* a reserved bit set in a paging entry */
#define PAGE_FAULT_FETCH    (1u << 4) /* an instruction fetch (no-execute page) */

#define CALL_REL32_OPCODE 0xe8
#define CALL_REL32_SIZE   5

/* Selector error code bits (#TS, #NP, #SS, #GP; Intel SDM vol. 3, 6.13). */
#define SELECTOR_ERROR_EXTERNAL (1u << 0) /* raised while delivering another event */
#define SELECTOR_ERROR_IDT      (1u << 1) /* the index is an IDT vector */
#define SELECTOR_ERROR_LDT      (1u << 2) /* else the index is in the GDT (or LDT) */

struct exception_name {
    const char *name;
    const char *mnemonic;
};

static const struct exception_name exception_names[IDT_EXCEPTION_VECTORS] = {
    [0] = {"divide error", "#DE"},
    [1] = {"debug", "#DB"},
    [2] = {"non-maskable interrupt", "NMI"},
    [3] = {"breakpoint", "#BP"},
    [4] = {"overflow", "#OF"},
    [5] = {"bound range exceeded", "#BR"},
    [6] = {"invalid opcode", "#UD"},
    [7] = {"device not available", "#NM"},
    [8] = {"double fault", "#DF"},
    [9] = {"coprocessor segment overrun", NULL},
    [10] = {"invalid TSS", "#TS"},
    [11] = {"segment not present", "#NP"},
    [12] = {"stack-segment fault", "#SS"},
    [13] = {"general protection fault", "#GP"},
    [14] = {"page fault", "#PF"},
    [16] = {"x87 floating-point error", "#MF"},
    [17] = {"alignment check", "#AC"},
    [18] = {"machine check", "#MC"},
    [19] = {"SIMD floating-point exception", "#XM"},
    [20] = {"virtualization exception", "#VE"},
    [21] = {"control protection exception", "#CP"},
    [28] = {"hypervisor injection exception", "#HV"},
    [29] = {"VMM communication exception", "#VC"},
    [30] = {"security exception", "#SX"},
};

static bool trap_reporting;

static bool trap_from_user_mode(const struct trap_frame *frame)
{
    return (frame->cs & 3) != 0;
}

/* "name+0xoffset" parts for an address; "?" outside the kernel's text. */
static const char *trap_symbol(uintptr_t address, uint64_t *offset)
{
    const char *name = ksyms_lookup(address, offset);

    if (name)
        return name;
    *offset = 0;
    return "?";
}

static void trap_report_page_fault(const struct trap_frame *frame)
{
    uint64_t code = frame->error_code;

    printk("  error code 0x%lx: %s page, %s, %s mode%s%s\n", (unsigned long)code,
           code & PAGE_FAULT_PRESENT ? "present" : "not-present", code & PAGE_FAULT_WRITE ? "write" : "read",
           code & PAGE_FAULT_USER ? "user" : "kernel",
           code & PAGE_FAULT_RESERVED ? ", reserved bit set in a page-table entry" : "",
           code & PAGE_FAULT_FETCH ? ", instruction fetch" : "");
    printk("  faulting address (cr2) 0x%016lx\n", (unsigned long)read_cr2());
}

static void trap_report_selector_error(const struct trap_frame *frame)
{
    uint64_t code = frame->error_code;
    const char *table = code & SELECTOR_ERROR_IDT   ? "IDT vector"
                        : code & SELECTOR_ERROR_LDT ? "LDT entry"
                                                    : "GDT entry";

    printk("  error code 0x%lx: %s %lu%s\n", (unsigned long)code, table, (unsigned long)(code >> 3),
           code & SELECTOR_ERROR_EXTERNAL ? ", while delivering an external event" : "");
}

static void trap_report_error_code(const struct trap_frame *frame)
{
    if (frame->vector == VECTOR_PAGE_FAULT)
        trap_report_page_fault(frame);
    else if (frame->vector >= VECTOR_INVALID_TSS && frame->vector <= VECTOR_GENERAL_PROTECTION &&
             frame->error_code != 0)
        trap_report_selector_error(frame);
    else if (TRAP_ERROR_CODE_VECTORS >> frame->vector & 1)
        printk("  error code 0x%lx\n", (unsigned long)frame->error_code);
}

static void trap_report_registers(const struct trap_frame *frame)
{
    uint64_t offset;
    const char *name = trap_symbol(frame->rip, &offset);

    printk("  rip %016lx  %s+0x%lx\n", frame->rip, name, (unsigned long)offset);
    printk("  rsp %016lx  rflags %016lx  cs %04lx  ss %04lx\n", frame->rsp, frame->rflags, frame->cs,
           frame->ss);
    printk("  rax %016lx  rbx %016lx  rcx %016lx\n", frame->rax, frame->rbx, frame->rcx);
    printk("  rdx %016lx  rsi %016lx  rdi %016lx\n", frame->rdx, frame->rsi, frame->rdi);
    printk("  rbp %016lx  r8  %016lx  r9  %016lx\n", frame->rbp, frame->r8, frame->r9);
    printk("  r10 %016lx  r11 %016lx  r12 %016lx\n", frame->r10, frame->r11, frame->r12);
    printk("  r13 %016lx  r14 %016lx  r15 %016lx\n", frame->r13, frame->r14, frame->r15);
}

/* gcc -O2 gives a leaf function that needs no stack no frame at all, even
 * with -fno-omit-frame-pointer, so the rbp chain skips its caller. But such
 * a function never moves rsp: its return address is at [rsp]. Trust that
 * word only if the instruction before it is a direct call (e8 rel32) to the
 * function that faulted. After a double fault the stack itself is suspect
 * (an overflow, say), so it is not read at all. */
static bool trap_frameless_caller(const struct trap_frame *frame, uintptr_t *return_address)
{
    uint64_t fault_offset, caller_offset;
    int32_t displacement;

    if (trap_from_user_mode(frame) || frame->vector == VECTOR_DOUBLE_FAULT || frame->rsp % 8 != 0 ||
        frame->rsp < DIRECT_MAP_BASE || !ksyms_lookup(frame->rip, &fault_offset))
        return false;
    *return_address = *(const uintptr_t *)frame->rsp;
    if (!ksyms_lookup(*return_address, &caller_offset) || caller_offset < CALL_REL32_SIZE)
        return false;
    const uint8_t *call = (const uint8_t *)(*return_address - CALL_REL32_SIZE);
    memcpy(&displacement, call + 1, sizeof(displacement));
    return call[0] == CALL_REL32_OPCODE && *return_address + displacement == frame->rip - fault_offset;
}

/* Frame records {rbp, rip} for the faulting instruction (and for its caller,
 * when the faulting function has no frame of its own), chained onto the
 * interrupted rbp chain, so the backtrace starts where the fault happened. */
static void trap_backtrace(const struct trap_frame *frame)
{
    uintptr_t caller[2] = {frame->rbp, 0};
    uintptr_t faulting[2] = {frame->rbp, frame->rip};

    if (trap_frameless_caller(frame, &caller[1]))
        faulting[0] = (uintptr_t)caller;
    backtrace_print((uintptr_t)faulting);
}

static void trap_report(const struct trap_frame *frame)
{
    const struct exception_name *exception = &exception_names[frame->vector];

    printk("\nEXCEPTION: %s (%s%svector %lu) in %s mode\n",
           exception->name ? exception->name : "reserved exception",
           exception->mnemonic ? exception->mnemonic : "", exception->mnemonic ? ", " : "",
           (unsigned long)frame->vector, trap_from_user_mode(frame) ? "user" : "kernel");
    trap_report_error_code(frame);
    trap_report_registers(frame);
    trap_backtrace(frame);
}

__attribute__((noreturn)) static void trap_fatal(const struct trap_frame *frame)
{
    if (trap_reporting) {
        printk("\nEXCEPTION: vector %lu at rip %016lx while reporting an exception\n",
               (unsigned long)frame->vector, frame->rip);
        kernel_stop_fatal();
    }
    trap_reporting = true;
    trap_report(frame);
    kernel_stop_fatal();
}

/* A fault in user mode is the process's problem, not the kernel's: the
 * process layer resolves it (a copy-on-write or lazily mapped page) or
 * signals the process, and the thread returns to user mode, or never runs
 * again. An NMI, double fault or machine check is the machine's problem,
 * whatever mode it interrupted: reported as fatal. (noinline: gcc would
 * otherwise merge it with the kernel-fault call, and GDB would name it in
 * kernel-fault backtraces.) */
static __attribute__((noinline)) void trap_user_fault(struct trap_frame *frame)
{
    struct user_fault fault = {.kind = USER_FAULT_TRAP};

    switch (frame->vector) {
    case VECTOR_PAGE_FAULT:
        fault = (struct user_fault){USER_FAULT_PAGE, read_cr2(), frame->error_code & PAGE_FAULT_WRITE,
                                    frame->error_code & PAGE_FAULT_PRESENT};
        break;
    case VECTOR_GENERAL_PROTECTION:
    case VECTOR_STACK_SEGMENT:
    case VECTOR_SEGMENT_NOT_PRESENT: fault.kind = USER_FAULT_PROTECTION; break;
    case VECTOR_INVALID_OPCODE: fault.kind = USER_FAULT_INSTRUCTION; break;
    case VECTOR_DIVIDE_ERROR:
    case VECTOR_X87_ERROR:
    case VECTOR_SIMD_ERROR: fault.kind = USER_FAULT_ARITHMETIC; break;
    case VECTOR_ALIGNMENT_CHECK: fault.kind = USER_FAULT_ALIGNMENT; break;
    case VECTOR_NMI:
    case VECTOR_DOUBLE_FAULT:
    case VECTOR_MACHINE_CHECK: trap_fatal(frame);
    }
    user_fault_handle(frame, &fault);
}

static void trap_report_breakpoint(const struct trap_frame *frame)
{
    uint64_t offset;
    const char *name = trap_symbol(frame->rip - 1, &offset); /* int3 is one byte */

    printk("trap: breakpoint at %s+0x%lx, continuing\n", name, (unsigned long)offset);
}

void trap_dispatch(struct trap_frame *frame)
{
    if (frame->vector >= PIC_VECTOR_BASE)
        pic_handle_irq((unsigned)(frame->vector - PIC_VECTOR_BASE));
    else if (frame->vector == VECTOR_BREAKPOINT)
        trap_report_breakpoint(frame);
    else if (trap_from_user_mode(frame))
        trap_user_fault(frame);
    else
        trap_fatal(frame);
}

/* int3 goes through the whole trap path and comes back to the next
 * instruction with every general register as it was. */
SELFTEST(breakpoint_resumes_with_registers_intact)
{
    uint64_t rax = 0x1111111111111111, rbx = 0x2222222222222222, rcx = 0x3333333333333333;
    uint64_t rdx = 0x4444444444444444, rsi = 0x5555555555555555, rdi = 0x6666666666666666;
    register uint64_t r8 __asm__("r8") = 0x8888888888888888;
    register uint64_t r9 __asm__("r9") = 0x9999999999999999;
    register uint64_t r10 __asm__("r10") = 0xaaaaaaaaaaaaaaaa;
    register uint64_t r11 __asm__("r11") = 0xbbbbbbbbbbbbbbbb;
    register uint64_t r12 __asm__("r12") = 0xcccccccccccccccc;
    register uint64_t r15 __asm__("r15") = 0xffffffffffffffff;

    __asm__ volatile("int3"
                     : "+a"(rax), "+b"(rbx), "+c"(rcx), "+d"(rdx), "+S"(rsi), "+D"(rdi), "+r"(r8), "+r"(r9),
                       "+r"(r10), "+r"(r11), "+r"(r12), "+r"(r15));
    SELFTEST_ASSERT(rax == 0x1111111111111111 && rbx == 0x2222222222222222);
    SELFTEST_ASSERT(rcx == 0x3333333333333333 && rdx == 0x4444444444444444);
    SELFTEST_ASSERT(rsi == 0x5555555555555555 && rdi == 0x6666666666666666);
    SELFTEST_ASSERT(r8 == 0x8888888888888888 && r9 == 0x9999999999999999);
    SELFTEST_ASSERT(r10 == 0xaaaaaaaaaaaaaaaa && r11 == 0xbbbbbbbbbbbbbbbb);
    SELFTEST_ASSERT(r12 == 0xcccccccccccccccc && r15 == 0xffffffffffffffff);
}
