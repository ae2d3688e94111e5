/*
 * arch.h - the interface between the portable kernel and one machine.
 *
 * Layer: machine interface. Everything in src/ outside src/arch/ reaches the
 * hardware only through these functions, so a second architecture means a
 * second src/arch/<name>/ implementing this header and nothing else.
 */
#ifndef FREEPORT_ARCH_H
#define FREEPORT_ARCH_H

#include <stdbool.h>
#include <stdint.h>
#include <stddef.h>

struct trap_frame;

/* Early console: COM1 and the VGA text screen. Safe before arch_init(). */
void arch_console_init(void);
void arch_console_write(const char *text, size_t length);

/* COM1 as a raw byte device: bytes out unchanged (no CR added, no VGA
 * copy); and, once a handler is set, each byte received is handed to it
 * from the UART's interrupt (IRQ 4, interrupts off). */
void arch_serial_write(const char *bytes, size_t length);
void arch_serial_set_receive_handler(void (*receive)(uint8_t byte));

/* The PS/2 keyboard: once a handler is set, each byte the controller
 * receives (a set-1 scancode byte) is handed to it from IRQ 1, interrupts
 * off. Until then the keyboard's bytes are read and dropped. */
void arch_keyboard_set_receive_handler(void (*receive)(uint8_t byte));

/* The VGA text screen for a console server: while claimed, the early
 * console (arch_console_write) stops drawing on it. Its cells (80 x 25,
 * 2 bytes each) are one page at arch_vga_text_physical(); the hardware
 * cursor moves with arch_vga_set_cursor (row < 25, column < 80). */
void arch_vga_set_claimed(bool claimed);
uint64_t arch_vga_text_physical(void);
void arch_vga_set_cursor(unsigned row, unsigned column, bool visible);

/* Descriptor tables, interrupt controller, timer, TSC calibration. */
void arch_init(void);

/* Interrupts on/off; returns the previous state for arch_irq_restore(). */
int arch_irq_save(void);
void arch_irq_restore(int enabled);
void arch_irq_enable(void);

/* Stop this CPU for good (interrupts off). */
__attribute__((noreturn)) void arch_halt(void);

/* Leave the emulator with a status (QEMU isa-debug-exit, Bochs 0x8900);
 * on real hardware, halt. Prints nothing itself. */
__attribute__((noreturn)) void arch_exit_emulator(int status);

/* Reset the machine (keyboard controller, else a triple fault). */
__attribute__((noreturn)) void arch_reboot(void);

/* Timer ticks since boot and their rate. */
uint64_t arch_ticks(void);
uint32_t arch_tick_hz(void);

/* Call `handler` from the timer interrupt on every tick (interrupts off,
 * after arch_ticks() advanced); NULL for none. The scheduler's hook. */
void arch_set_tick_handler(void (*handler)(void));

/* Seconds since 1970-01-01 00:00 UTC by the CMOS real-time clock (slow:
 * up to a second; read it once). */
int64_t arch_rtc_seconds(void);

/* Time-stamp counter and its calibrated rate (0 if unknown). */
uint64_t arch_timestamp(void);
uint64_t arch_timestamp_hz(void);

/* Walk the frame-pointer chain from `frame` (0: this call), calling
 * visit(return_address) for each frame, at most `depth` times. */
void arch_backtrace(uintptr_t frame, int depth, void (*visit)(uintptr_t));

#endif
