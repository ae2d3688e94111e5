/*
 * pic.c - the two cascaded 8259A programmable interrupt controllers.
 *
 * Layer: machine. The master handles IRQs 0-7, the slave IRQs 8-15 and
 * reaches the CPU through the master's IRQ 2. The BIOS leaves them on
 * vectors 8-15, where they would collide with CPU exceptions; pic_init()
 * moves them to 32-47. A line stays masked until a handler is set for it.
 *
 * Invariants: pic_irq_mask mirrors the controllers' mask registers (a set bit
 * is a masked line); every real IRQ gets exactly one end of interrupt (EOI),
 * sent before its handler runs (interrupts are still off, so nothing nests,
 * and a handler that switches threads does not leave the line blocked).
 */
#include <stdbool.h>
#include <stdint.h>
#include "arch/arch.h"
#include "arch/x86_64/io.h"
#include "arch/x86_64/pic.h"
#include "printk.h"
#include "selftest.h"

#define PIC_MASTER_COMMAND 0x20
#define PIC_MASTER_DATA    0x21
#define PIC_SLAVE_COMMAND  0xa0
#define PIC_SLAVE_DATA     0xa1

#define ICW1_INIT     0x11 /* initialise, edge triggered, ICW4 follows */
#define ICW4_8086     0x01 /* 8086 mode, normal EOI */
#define OCW2_EOI      0x20 /* non-specific end of interrupt */
#define OCW3_READ_ISR 0x0b /* the command port then reads the in-service register */

#define CASCADE_IRQ   2
#define SPURIOUS_LINE 7 /* each controller's lowest-priority line */

static void (*pic_handlers[PIC_IRQ_COUNT])(void);
static uint16_t pic_irq_mask = (uint16_t) ~(1u << CASCADE_IRQ);

static void pic_write_masks(void)
{
    outb(PIC_MASTER_DATA, pic_irq_mask & 0xff);
    outb(PIC_SLAVE_DATA, pic_irq_mask >> 8);
}

/* The initialisation words go, in order, to both controllers: ICW1 on the
 * command port, then ICW2 (vector base), ICW3 (cascade wiring) and ICW4 on
 * the data port. io_wait() gives old hardware time between writes. */
void pic_init(void)
{
    const uint8_t master[] = {PIC_VECTOR_BASE, 1 << CASCADE_IRQ, ICW4_8086};
    const uint8_t slave[] = {PIC_VECTOR_BASE + 8, CASCADE_IRQ, ICW4_8086};

    outb(PIC_MASTER_COMMAND, ICW1_INIT);
    io_wait();
    outb(PIC_SLAVE_COMMAND, ICW1_INIT);
    io_wait();
    for (size_t i = 0; i < sizeof(master); i++) {
        outb(PIC_MASTER_DATA, master[i]);
        io_wait();
        outb(PIC_SLAVE_DATA, slave[i]);
        io_wait();
    }
    pic_write_masks();
}

void pic_set_handler(unsigned irq, void (*handler)(void))
{
    int enabled = arch_irq_save();

    pic_handlers[irq] = handler;
    pic_irq_mask &= (uint16_t) ~(1u << irq);
    pic_write_masks();
    arch_irq_restore(enabled);
}

static uint16_t pic_in_service(void)
{
    outb(PIC_MASTER_COMMAND, OCW3_READ_ISR);
    outb(PIC_SLAVE_COMMAND, OCW3_READ_ISR);
    return (uint16_t)(inb(PIC_MASTER_COMMAND) | inb(PIC_SLAVE_COMMAND) << 8);
}

/* An IRQ that went away before the CPU acknowledged it arrives as the
 * controller's line 7 (IRQ 7 or 15) with its in-service bit clear. It must
 * not get an EOI from that controller; but for IRQ 15 the master did see a
 * real request on the cascade line, and that one needs its EOI. */
static bool pic_is_spurious(unsigned irq)
{
    if ((irq & 7) != SPURIOUS_LINE || (pic_in_service() & (1u << irq)))
        return false;
    if (irq >= 8)
        outb(PIC_MASTER_COMMAND, OCW2_EOI);
    return true;
}

static void pic_end_of_interrupt(unsigned irq)
{
    if (irq >= 8)
        outb(PIC_SLAVE_COMMAND, OCW2_EOI);
    outb(PIC_MASTER_COMMAND, OCW2_EOI);
}

void pic_handle_irq(unsigned irq)
{
    if (pic_is_spurious(irq))
        return;
    pic_end_of_interrupt(irq);
    if (pic_handlers[irq])
        pic_handlers[irq]();
    else
        printk("pic: IRQ %u has no handler\n", irq);
}

/* The controllers' masks are ours: exactly the lines with a handler (and the
 * cascade) are open. */
SELFTEST(pic_masks_match_handlers)
{
    uint16_t hardware = (uint16_t)(inb(PIC_MASTER_DATA) | inb(PIC_SLAVE_DATA) << 8);

    SELFTEST_ASSERT(hardware == pic_irq_mask);
    for (unsigned irq = 0; irq < PIC_IRQ_COUNT; irq++)
        if (irq != CASCADE_IRQ)
            SELFTEST_ASSERT(!(pic_irq_mask & (1u << irq)) == (pic_handlers[irq] != NULL));
    SELFTEST_ASSERT(!(pic_irq_mask & (1u << CASCADE_IRQ)));
}

/* Outside any interrupt nothing is in service, so IRQ 7 or 15 arriving now
 * would be spurious; other lines are never taken for spurious. */
SELFTEST(pic_spurious_irq_detected)
{
    int enabled = arch_irq_save();
    bool spurious_7 = pic_is_spurious(7), spurious_15 = pic_is_spurious(15);
    bool spurious_0 = pic_is_spurious(0);

    arch_irq_restore(enabled);
    SELFTEST_ASSERT(spurious_7 && spurious_15);
    SELFTEST_ASSERT(!spurious_0);
}
