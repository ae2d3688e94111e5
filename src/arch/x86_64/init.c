/*
 * init.c - arch_init(): the machine's part of booting, in order.
 *
 * Layer: machine. Called once by kmain with interrupts off, after the
 * console is up. Each step needs the ones before it: the IDT's gates name
 * GDT selectors and TSS stacks, and so do the SYSCALL MSRs; the PIC must be remapped before the timer's
 * IRQ can arrive as vector 32 rather than as a fake double fault; the TSC is
 * measured against the PIT. Interrupts stay off: kmain turns them on.
 */
#include "arch/arch.h"
#include "arch/x86_64/fpu.h"
#include "arch/x86_64/gdt.h"
#include "arch/x86_64/idt.h"
#include "arch/x86_64/pic.h"
#include "arch/x86_64/pit.h"
#include "arch/x86_64/syscall.h"
#include "arch/x86_64/trap.h"
#include "arch/x86_64/tsc.h"
#include "printk.h"

static void arch_report_tsc(void)
{
    uint64_t khz = arch_timestamp_hz() / 1000;

    if (khz == 0)
        printk("arch: TSC not calibrated: PIT channel 2 never counted down\n");
    else
        printk("arch: TSC %lu.%03lu MHz (calibrated against PIT channel 2), %s\n",
               (unsigned long)(khz / 1000), (unsigned long)(khz % 1000),
               tsc_is_invariant() ? "invariant" : "not invariant");
}

void arch_init(void)
{
    gdt_init();
    printk("arch: GDT and TSS loaded (IST%d double fault, IST%d NMI)\n", GDT_IST_DOUBLE_FAULT, GDT_IST_NMI);
    syscall_init();
    printk("arch: syscall/sysret enabled (entry syscall_entry, per-CPU block through swapgs)\n");
    idt_init();
    printk("arch: IDT loaded: vectors 0-%d, exceptions and IRQs\n", TRAP_STUB_COUNT - 1);
    pic_init();
    printk("arch: PIC remapped: IRQs 0-15 on vectors %d-%d, all masked\n", PIC_VECTOR_BASE,
           PIC_VECTOR_BASE + PIC_IRQ_COUNT - 1);
    pit_init();
    printk("arch: timer: PIT channel 0 at %d Hz on IRQ 0\n", TIMER_HZ);
    tsc_init();
    arch_report_tsc();
    fpu_init();
}
