/*
 * idt.c - the Interrupt Descriptor Table.
 *
 * Layer: machine. Vector n below TRAP_STUB_COUNT enters trap.S's stub n
 * through an interrupt gate (interrupts off until iretq), in ring 0 only:
 * `int n` from user mode is a #GP. A double fault and an NMI switch to their
 * own IST stacks (gdt.c), so they are reported even when the kernel stack is
 * gone. Invariant: the table is static and is loaded once; changing a gate
 * later is safe only with interrupts off.
 */
#include "arch/x86_64/idt.h"
#include "arch/x86_64/gdt.h"
#include "arch/x86_64/trap.h"
#include "selftest.h"

#define VECTOR_NMI          2
#define VECTOR_DOUBLE_FAULT 8

#define GATE_PRESENT   0x80
#define GATE_INTERRUPT 0x0e /* 64-bit interrupt gate: clears IF on entry */

/* One 16-byte gate (Intel SDM vol. 3, 6.14.1). */
struct idt_gate {
    uint16_t offset_low;
    uint16_t selector;
    uint8_t ist;             /* 0: this stack (rsp0 from user mode); 1-7: IST slot */
    uint8_t type_attributes; /* present, DPL, gate type */
    uint16_t offset_middle;
    uint32_t offset_high;
    uint32_t reserved;
} __attribute__((packed));

struct idt_pointer {
    uint16_t limit;
    uint64_t base;
} __attribute__((packed));

static struct idt_gate idt[IDT_VECTORS] __attribute__((aligned(16)));

static void idt_set_gate(int vector, uintptr_t handler, uint8_t ist)
{
    idt[vector] = (struct idt_gate){
        .offset_low = handler & 0xffff,
        .selector = GDT_KERNEL_CODE,
        .ist = ist,
        .type_attributes = GATE_PRESENT | GATE_INTERRUPT,
        .offset_middle = handler >> 16 & 0xffff,
        .offset_high = handler >> 32,
    };
}

static uint8_t idt_stack_for(int vector)
{
    switch (vector) {
    case VECTOR_DOUBLE_FAULT: return GDT_IST_DOUBLE_FAULT;
    case VECTOR_NMI: return GDT_IST_NMI;
    default: return 0;
    }
}

void idt_init(void)
{
    struct idt_pointer pointer = {sizeof(idt) - 1, (uintptr_t)idt};

    for (int vector = 0; vector < TRAP_STUB_COUNT; vector++)
        idt_set_gate(vector, trap_stub_table[vector], idt_stack_for(vector));
    __asm__ volatile("lidt %0" : : "m"(pointer));
}

/* The CPU's IDT is ours, vectors 0-47 reach their stubs, #DF and NMI use
 * their IST slots, and the vectors past the stubs are absent. */
SELFTEST(idt_gates_loaded)
{
    struct idt_pointer pointer;

    __asm__ volatile("sidt %0" : "=m"(pointer));
    SELFTEST_ASSERT(pointer.base == (uintptr_t)idt && pointer.limit == sizeof(idt) - 1);
    for (int vector = 0; vector < TRAP_STUB_COUNT; vector++) {
        const struct idt_gate *gate = &idt[vector];
        uintptr_t handler =
            gate->offset_low | (uintptr_t)gate->offset_middle << 16 | (uintptr_t)gate->offset_high << 32;
        SELFTEST_ASSERT(handler == trap_stub_table[vector]);
        SELFTEST_ASSERT(gate->selector == GDT_KERNEL_CODE);
    }
    SELFTEST_ASSERT(idt[VECTOR_DOUBLE_FAULT].ist == GDT_IST_DOUBLE_FAULT);
    SELFTEST_ASSERT(idt[VECTOR_NMI].ist == GDT_IST_NMI);
    SELFTEST_ASSERT(!(idt[TRAP_STUB_COUNT].type_attributes & GATE_PRESENT));
}
