/*
 * pit.c - the system tick (PIT channel 0) and a one-shot countdown (channel 2).
 *
 * Layer: machine (implements arch_ticks, arch_tick_hz, arch_set_tick_handler
 * from arch.h). Channel 0 runs as a rate generator dividing PIT_INPUT_HZ down
 * to TIMER_HZ; each IRQ 0 adds one to pit_ticks, then calls the tick handler.
 *
 * Invariants: pit_ticks only grows, and only the IRQ 0 handler writes it (a
 * 64-bit aligned load is atomic on x86_64, so readers need no lock); the
 * tick handler runs with interrupts off.
 */
#include "arch/arch.h"
#include "arch/x86_64/io.h"
#include "arch/x86_64/pic.h"
#include "arch/x86_64/pit.h"
#include "selftest.h"

#define PIT_CHANNEL0 0x40
#define PIT_CHANNEL2 0x42
#define PIT_COMMAND  0x43
#define PIT_IRQ      0

/* Command byte fields: channel (bits 7-6), access (5-4), mode (3-1), binary. */
#define PIT_SELECT_CHANNEL0 0x00
#define PIT_SELECT_CHANNEL2 0x80
#define PIT_ACCESS_LOW_HIGH 0x30 /* the count is written low byte, then high */
#define PIT_MODE_ONE_SHOT   0x00 /* mode 0: output rises when the count hits 0 */
#define PIT_MODE_RATE       0x04 /* mode 2: a pulse every `count` clocks, forever */

/* Port 0x61 (system control port B) wires channel 2 to the outside world. */
#define PORT_B         0x61
#define PORT_B_GATE2   0x01 /* channel 2 counts while this is set */
#define PORT_B_SPEAKER 0x02 /* channel 2's output drives the speaker */
#define PORT_B_OUT2    0x20 /* channel 2's output, read back */

#define PIT_TICK_DIVISOR ((PIT_INPUT_HZ + TIMER_HZ / 2) / TIMER_HZ)
_Static_assert(PIT_TICK_DIVISOR <= 0xffff, "TIMER_HZ too low for a 16-bit PIT count");

static volatile uint64_t pit_ticks;
static void (*volatile pit_tick_handler)(void);

static void pit_write_count(uint16_t port, uint16_t count)
{
    outb(port, count & 0xff);
    outb(port, count >> 8);
}

static void pit_interrupt(void)
{
    void (*handler)(void) = pit_tick_handler;

    pit_ticks++;
    if (handler)
        handler();
}

void pit_init(void)
{
    outb(PIT_COMMAND, PIT_SELECT_CHANNEL0 | PIT_ACCESS_LOW_HIGH | PIT_MODE_RATE);
    pit_write_count(PIT_CHANNEL0, PIT_TICK_DIVISOR);
    pic_set_handler(PIT_IRQ, pit_interrupt);
}

/* Gate on and speaker off first: in mode 0 the count starts as soon as it is
 * written, and writing the command byte drops the output until it ends. */
void pit_countdown_start(uint16_t count)
{
    outb(PORT_B, (inb(PORT_B) & ~PORT_B_SPEAKER) | PORT_B_GATE2);
    outb(PIT_COMMAND, PIT_SELECT_CHANNEL2 | PIT_ACCESS_LOW_HIGH | PIT_MODE_ONE_SHOT);
    pit_write_count(PIT_CHANNEL2, count);
}

bool pit_countdown_done(void)
{
    return (inb(PORT_B) & PORT_B_OUT2) != 0;
}

uint64_t arch_ticks(void)
{
    return pit_ticks;
}

uint32_t arch_tick_hz(void)
{
    return TIMER_HZ;
}

void arch_set_tick_handler(void (*handler)(void))
{
    pit_tick_handler = handler;
}

/* Spin (interrupts on) until `count` more ticks have passed; give up after
 * about a second of TSC time. Returns the TSC cycles spent waiting, 0 if the
 * ticks never came. */
static uint64_t pit_wait_ticks(uint64_t count)
{
    uint64_t one_second = arch_timestamp_hz() ? arch_timestamp_hz() : 1000000000;
    uint64_t target = arch_ticks() + count, start = arch_timestamp();

    while (arch_ticks() < target) {
        if (arch_timestamp() - start > one_second)
            return 0;
        __asm__ volatile("pause");
    }
    return arch_timestamp() - start;
}

static int interrupts_enabled(void)
{
    int enabled = arch_irq_save();

    arch_irq_restore(enabled);
    return enabled;
}

/* With interrupts on, ticks come, and no faster than TIMER_HZ: after the
 * next tick, 3 more take at least 2 whole periods (20 ms at 100 Hz). */
SELFTEST(timer_ticks_advance)
{
    SELFTEST_ASSERT(interrupts_enabled());
    SELFTEST_ASSERT(pit_wait_ticks(1) != 0);
    uint64_t cycles = pit_wait_ticks(3);
    SELFTEST_ASSERT(cycles != 0);
    SELFTEST_ASSERT(cycles >= arch_timestamp_hz() * 2 / TIMER_HZ);
}

static volatile unsigned selftest_tick_calls;

static void selftest_count_tick(void)
{
    selftest_tick_calls++;
}

/* (The scheduler's handler is put back afterwards.) */
SELFTEST(timer_tick_handler_called)
{
    void (*previous)(void) = pit_tick_handler;

    selftest_tick_calls = 0;
    arch_set_tick_handler(selftest_count_tick);
    uint64_t waited = pit_wait_ticks(2);
    arch_set_tick_handler(previous);
    SELFTEST_ASSERT(waited != 0);
    SELFTEST_ASSERT(selftest_tick_calls >= 2);
}
