/*
 * console.c - the machine's early console: every byte goes to COM1 and to
 * the VGA text screen. Serial gets "\r\n" for each "\n".
 *
 * Layer: machine (implements arch_console_* from arch.h).
 */
#include "arch/arch.h"
#include "arch/x86_64/serial.h"
#include "arch/x86_64/vga.h"

void arch_console_init(void)
{
    serial_init();
    vga_init();
}

void arch_console_write(const char *text, size_t length)
{
    for (size_t i = 0; i < length; i++) {
        if (text[i] == '\n')
            serial_putc('\r');
        serial_putc(text[i]);
        vga_putc(text[i]);
    }
}
