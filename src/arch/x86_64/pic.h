/*
 * pic.h - the two legacy 8259A interrupt controllers (IRQs 0-15).
 *
 * Layer: machine. Only src/arch/x86_64/ includes this file.
 */
#ifndef FREEPORT_X86_64_PIC_H
#define FREEPORT_X86_64_PIC_H

#define PIC_VECTOR_BASE 32 /* IRQ n arrives as vector 32 + n */
#define PIC_IRQ_COUNT   16

/* Remap IRQs 0-15 to vectors 32-47 and mask them all (the cascade, IRQ 2,
 * stays open so the second controller can be heard). Once, at boot. */
void pic_init(void);

/* Call `handler` for every `irq` from now on, and unmask that line. The
 * handler runs with interrupts off, after the end of interrupt was sent. */
void pic_set_handler(unsigned irq, void (*handler)(void));

/* From trap_dispatch(): IRQ `irq` arrived. */
void pic_handle_irq(unsigned irq);

#endif
