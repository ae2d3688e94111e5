/*
 * pit.h - the 8253/8254 programmable interval timer.
 *
 * Layer: machine. Only src/arch/x86_64/ includes this file. Channel 0 is the
 * system tick (IRQ 0, TIMER_HZ); channel 2, gated through port 0x61, is a
 * one-shot countdown that tsc.c measures the TSC against.
 */
#ifndef FREEPORT_X86_64_PIT_H
#define FREEPORT_X86_64_PIT_H

#include <stdbool.h>
#include <stdint.h>

#define PIT_INPUT_HZ 1193182 /* the PIT's input clock: 14.31818 MHz / 12 */
#define TIMER_HZ     100     /* system ticks per second */

/* Start channel 0 at TIMER_HZ and take IRQ 0. After pic_init(). */
void pit_init(void);

/* Channel 2 counts `count` PIT clocks down once; pit_countdown_done() says
 * whether it reached zero. Polled: no interrupt. */
void pit_countdown_start(uint16_t count);
bool pit_countdown_done(void);

#endif
