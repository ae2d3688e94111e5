/*
 * exit.c - stopping the CPU, and leaving an emulator with a status.
 *
 * Layer: machine. QEMU's isa-debug-exit device (iobase 0xf4) exits QEMU with
 * status (value << 1) | 1 when value is written to it. Bochs exits when the
 * bytes "Shutdown" are written to port 0x8900 (its status is always 1, so the
 * test harness reads the verdict from COM1 instead). Writing to a port no
 * device claims is harmless, so both are tried; on real hardware the CPU
 * halts. Serial output is flushed first so the last line is not lost.
 */
#include "arch/arch.h"
#include "arch/x86_64/io.h"
#include "arch/x86_64/serial.h"

#define QEMU_DEBUG_EXIT_PORT    0xf4
#define BOCHS_SHUTDOWN_PORT     0x8900

void arch_halt(void)
{
    for (;;)
        __asm__ volatile("cli; hlt");
}

void arch_exit_emulator(int status)
{
    const char *shutdown = "Shutdown";

    serial_flush();
    outl(QEMU_DEBUG_EXIT_PORT, (uint32_t)status);
    for (const char *c = shutdown; *c; c++)
        outb(BOCHS_SHUTDOWN_PORT, (uint8_t)*c);
    arch_halt();
}
