/*
 * clock.h - the kernel's clocks: monotonic time since boot, and the date.
 *
 * Layer: processes (time). CLOCK_MONOTONIC counts timer ticks, refined
 * between two ticks by the TSC; CLOCK_REALTIME is the CMOS clock read at
 * boot plus the monotonic time (no clock setting, no NTP).
 */
#ifndef FREEPORT_PROC_CLOCK_H
#define FREEPORT_PROC_CLOCK_H

#include <stdint.h>

#define NANOSECONDS_PER_SECOND 1000000000ULL

/* Read the RTC once. At boot, before interrupts are on. */
void clock_init(void);

/* From the tick handler: remember when (in TSC cycles) this tick came. */
void clock_tick(void);

uint64_t clock_monotonic_ns(void);
uint64_t clock_realtime_ns(void);

/* The first tick at or after monotonic time `ns` (UINT64_MAX if never). */
uint64_t clock_tick_at(uint64_t ns);

#endif
