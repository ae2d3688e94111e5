/*
 * serial.c - the COM1 UART (16550): polled output, input polled or by
 * interrupt.
 *
 * Layer: machine (also implements arch_serial_* from arch.h). 115200 baud,
 * 8N1, FIFOs on. Output waits for the transmit holding register to empty
 * (LSR bit 5); serial_flush() waits for the transmitter to go idle (LSR
 * bit 6) so nothing is lost when the emulator exits right after. The
 * receive interrupt stays off until arch_serial_set_receive_handler()
 * (the file layer's /dev/console and /dev/serial0) turns it on.
 */
#include "arch/arch.h"
#include "arch/x86_64/serial.h"
#include "arch/x86_64/io.h"
#include "arch/x86_64/pic.h"

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
#define IER_RECEIVED    0x01    /* interrupt when a byte arrives */
#define MCR_DTR_RTS     0x03
#define MCR_OUT2        0x08    /* connects the UART's interrupt to the PIC */
#define COM1_IRQ        4

static void (*serial_receive_handler)(uint8_t byte);

void serial_init(void)
{
    outb(COM1 + REG_IER, 0x00);
    outb(COM1 + REG_LCR, 0x80);     /* divisor latch on */
    outb(COM1 + REG_DATA, 0x01);    /* 115200 = 115200 / 1 */
    outb(COM1 + REG_IER, 0x00);
    outb(COM1 + REG_LCR, 0x03);     /* 8 bits, no parity, 1 stop; latch off */
    outb(COM1 + REG_FCR, 0xc7);     /* FIFOs on and cleared, 14-byte trigger */
    outb(COM1 + REG_MCR, MCR_DTR_RTS);
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

void arch_serial_write(const char *bytes, size_t length)
{
    for (size_t i = 0; i < length; i++)
        serial_putc(bytes[i]);
}

/* Drain the receive FIFO: one interrupt may stand for several bytes. */
static void serial_interrupt(void)
{
    int byte;

    while ((byte = serial_getc()) >= 0)
        serial_receive_handler((uint8_t)byte);
}

void arch_serial_set_receive_handler(void (*receive)(uint8_t byte))
{
    serial_receive_handler = receive;
    outb(COM1 + REG_MCR, MCR_DTR_RTS | MCR_OUT2);
    outb(COM1 + REG_IER, IER_RECEIVED);
    pic_set_handler(COM1_IRQ, serial_interrupt);
}
