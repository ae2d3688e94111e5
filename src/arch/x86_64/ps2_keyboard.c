/*
 * ps2_keyboard.c - the PS/2 keyboard behind the i8042 controller: each
 * byte it sends arrives on IRQ 1 and is read from port 0x60.
 *
 * Layer: machine (implements arch_keyboard_set_receive_handler from
 * arch.h). The controller's default configuration translates the
 * keyboard's scancodes to set 1, which is what the handler gets, a byte at
 * a time (0xe0 prefixes and 0x80 release bits included): decoding keys is
 * the console server's business. Bytes from the auxiliary port (a mouse,
 * status bit 5) are read and dropped.
 */
#include "arch/arch.h"
#include "arch/x86_64/io.h"
#include "arch/x86_64/pic.h"

#define PS2_DATA         0x60
#define PS2_STATUS       0x64
#define STATUS_OUTPUT    0x01 /* a byte waits in PS2_DATA */
#define STATUS_AUXILIARY 0x20 /* ... and it is the mouse's */
#define KEYBOARD_IRQ     1
#define DRAIN_LIMIT      64 /* bytes read in one interrupt, at most */

static void (*keyboard_receive_handler)(uint8_t byte);

/* Empty the controller's output buffer (bounded: a broken controller
 * must not hang the interrupt). */
static void keyboard_interrupt(void)
{
    for (int count = 0; count < DRAIN_LIMIT; count++) {
        uint8_t status = inb(PS2_STATUS);
        if (!(status & STATUS_OUTPUT))
            return;
        uint8_t byte = inb(PS2_DATA);
        if (!(status & STATUS_AUXILIARY))
            keyboard_receive_handler(byte);
    }
}

void arch_keyboard_set_receive_handler(void (*receive)(uint8_t byte))
{
    int enabled = arch_irq_save();

    keyboard_receive_handler = receive;
    while (inb(PS2_STATUS) & STATUS_OUTPUT)
        (void)inb(PS2_DATA);
    pic_set_handler(KEYBOARD_IRQ, keyboard_interrupt);
    arch_irq_restore(enabled);
}
