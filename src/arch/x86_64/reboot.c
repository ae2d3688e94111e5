/*
 * reboot.c - resetting the machine.
 *
 * Layer: machine. The classic way is the 8042 keyboard controller: command
 * 0xfe on port 0x64 pulses the CPU's reset line (QEMU and Bochs both emulate
 * it; so does nearly every PC). The controller takes the command only once
 * its input buffer is empty (status bit 1 clear), so that is waited for,
 * boundedly. Should the reset not come, a triple fault does it: with an
 * empty IDT, the interrupt raised next cannot be delivered, nor can the
 * double fault that follows, and the CPU resets. Under QEMU's -no-reboot
 * either way ends the emulator instead (status 0).
 */
#include "arch/arch.h"
#include "arch/x86_64/io.h"
#include "arch/x86_64/serial.h"

#define KBC_STATUS_PORT      0x64
#define KBC_COMMAND_PORT     0x64
#define KBC_INPUT_FULL       0x02
#define KBC_PULSE_RESET      0xfe
#define KBC_WAIT_ATTEMPTS    100000
#define KBC_RESET_WAIT_LOOPS 1000000

static void kbc_wait_input_empty(void)
{
    for (int attempt = 0; attempt < KBC_WAIT_ATTEMPTS; attempt++) {
        if ((inb(KBC_STATUS_PORT) & KBC_INPUT_FULL) == 0)
            return;
        io_wait();
    }
}

static _Noreturn void triple_fault(void)
{
    struct __attribute__((packed)) {
        uint16_t limit;
        uint64_t base;
    } empty = {0, 0};

    __asm__ volatile("lidt %0; int3" : : "m"(empty));
    arch_halt();
}

void arch_reboot(void)
{
    serial_flush();
    __asm__ volatile("cli");
    kbc_wait_input_empty();
    outb(KBC_COMMAND_PORT, KBC_PULSE_RESET);
    for (volatile int loop = 0; loop < KBC_RESET_WAIT_LOOPS; loop++)
        io_wait();
    triple_fault();
}
