/*
 * serial.c - the COM1 UART (16550) as a polled output and input device.
 *
 * Layer: machine. 115200 baud, 8N1, FIFOs on, interrupts off. Output waits
 * for the transmit holding register to empty (LSR bit 5); serial_flush()
 * waits for the transmitter to go idle (LSR bit 6) so nothing is lost when
 * the emulator exits right after.
 */
#include "arch/x86_64/serial.h"
#include "arch/x86_64/io.h"

#define COM1            0x3f8
#define REG_DATA        0
#define REG_IER         1
#define REG_FCR         2
#define REG_LCR         3
#define REG_MCR         4
#define REG_LSR         5
#define LSR_DATA_READY  0x01
#define LSR_THR_EMPTY   0x20
#define LSR_IDLE        0x40

void serial_init(void)
{
    outb(COM1 + REG_IER, 0x00);
    outb(COM1 + REG_LCR, 0x80);     /* divisor latch on */
    outb(COM1 + REG_DATA, 0x01);    /* 115200 = 115200 / 1 */
    outb(COM1 + REG_IER, 0x00);
    outb(COM1 + REG_LCR, 0x03);     /* 8 bits, no parity, 1 stop; latch off */
    outb(COM1 + REG_FCR, 0xc7);     /* FIFOs on and cleared, 14-byte trigger */
    outb(COM1 + REG_MCR, 0x03);     /* DTR, RTS */
}

void serial_putc(char c)
{
    while (!(inb(COM1 + REG_LSR) & LSR_THR_EMPTY))
        ;
    outb(COM1 + REG_DATA, (uint8_t)c);
}

int serial_getc(void)
{
    if (!(inb(COM1 + REG_LSR) & LSR_DATA_READY))
        return -1;
    return inb(COM1 + REG_DATA);
}

void serial_flush(void)
{
    while (!(inb(COM1 + REG_LSR) & LSR_IDLE))
        ;
}
