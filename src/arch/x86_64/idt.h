/*
 * idt.h - the Interrupt Descriptor Table: which code runs for each vector.
 *
 * Layer: machine. Only src/arch/x86_64/ includes this file.
 *
 * Vectors 0-31 are the CPU's exceptions, 32-47 the legacy IRQs as the PIC
 * delivers them (pic.h); every other vector is absent, so raising one is a
 * #NP fault, reported like any other.
 */
#ifndef FREEPORT_X86_64_IDT_H
#define FREEPORT_X86_64_IDT_H

#define IDT_VECTORS           256
#define IDT_EXCEPTION_VECTORS 32 /* 0-31: reserved for the CPU */

/* Fill the IDT with the stubs of trap.S and load it. Once, at boot, after
 * gdt_init() (the gates name GDT_KERNEL_CODE and the TSS's IST slots). */
void idt_init(void);

#endif
