/*
 * clock.c - monotonic and wall-clock time.
 *
 * Layer: processes (time), on arch.h's ticks, TSC and RTC. Tick k starts at
 * k * TICK_NS nanoseconds after boot. Between ticks the TSC says how far
 * into the tick we are, capped below one tick, so the clock never runs
 * backwards: whatever the TSC says, tick k + 1's time is at least any
 * reading taken during tick k.
 *
 * Invariants: tick_timestamp is written by the tick handler only; readers
 * take the tick count and it together with interrupts off.
 */
#include "proc/clock.h"
#include "arch/arch.h"

static int64_t boot_wall_clock_seconds;
static uint64_t tick_timestamp; /* TSC at the latest tick */

static uint64_t tick_ns(void)
{
    return NANOSECONDS_PER_SECOND / arch_tick_hz();
}

void clock_init(void)
{
    boot_wall_clock_seconds = arch_rtc_seconds();
}

void clock_tick(void)
{
    tick_timestamp = arch_timestamp();
}

/* Nanoseconds since the latest tick, by the TSC; below one tick. */
static uint64_t since_tick_ns(uint64_t cycles)
{
    uint64_t hz = arch_timestamp_hz();

    if (hz == 0)
        return 0;
    if (cycles >= hz / arch_tick_hz())
        return tick_ns() - 1;
    return cycles * NANOSECONDS_PER_SECOND / hz; /* cycles < hz / 100: no overflow below 180 GHz */
}

uint64_t clock_monotonic_ns(void)
{
    int enabled = arch_irq_save();
    uint64_t ticks = arch_ticks(), cycles = arch_timestamp() - tick_timestamp;

    arch_irq_restore(enabled);
    return ticks * tick_ns() + since_tick_ns(cycles);
}

uint64_t clock_realtime_ns(void)
{
    return (uint64_t)boot_wall_clock_seconds * NANOSECONDS_PER_SECOND + clock_monotonic_ns();
}

uint64_t clock_tick_at(uint64_t ns)
{
    if (ns > UINT64_MAX - tick_ns())
        return UINT64_MAX;
    return (ns + tick_ns() - 1) / tick_ns();
}
