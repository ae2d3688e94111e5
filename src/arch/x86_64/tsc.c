/*
 * tsc.c - the time-stamp counter as the kernel's fine clock.
 *
 * Layer: machine (implements arch_timestamp and arch_timestamp_hz from
 * arch.h). rdtsc counts CPU cycles (or a constant reference clock, on CPUs
 * with an invariant TSC) but nothing says at what rate, so tsc_init() times
 * a known PIT channel 2 countdown with it, three times, and keeps the
 * shortest run: a delay (an SMI, the host descheduling an emulator) can
 * only make a run longer.
 *
 * Invariants: tsc_hz is written once, before interrupts are enabled, and is
 * 0 if calibration failed (the countdown never ended). Without an invariant
 * TSC, the rate may drift with power states: good for measuring, not for
 * keeping time over hours.
 */
#include "arch/arch.h"
#include "arch/x86_64/io.h"
#include "arch/x86_64/pit.h"
#include "arch/x86_64/tsc.h"
#include "selftest.h"

#define CALIBRATION_RUNS       3
#define CALIBRATION_PIT_COUNT  (PIT_INPUT_HZ / 100) /* 10 ms per run */
#define CALIBRATION_POLL_LIMIT 10000000             /* give up: the PIT is not there */

#define CPUID_EXTENDED_MAX     0x80000000
#define CPUID_POWER_MANAGEMENT 0x80000007
#define CPUID_INVARIANT_TSC    (1u << 8) /* in EDX of 0x80000007 */

static uint64_t tsc_hz;
static bool tsc_invariant;

/* One run: the TSC cycles a CALIBRATION_PIT_COUNT countdown takes, 0 if it
 * never ends. */
static uint64_t tsc_time_countdown(void)
{
    pit_countdown_start(CALIBRATION_PIT_COUNT);
    uint64_t start = rdtsc();
    for (uint32_t polls = 0; !pit_countdown_done(); polls++)
        if (polls == CALIBRATION_POLL_LIMIT)
            return 0;
    return rdtsc() - start;
}

static uint64_t tsc_measure_hz(void)
{
    uint64_t shortest = UINT64_MAX;

    for (int run = 0; run < CALIBRATION_RUNS; run++) {
        uint64_t cycles = tsc_time_countdown();
        if (cycles == 0)
            return 0;
        if (cycles < shortest)
            shortest = cycles;
    }
    return shortest * PIT_INPUT_HZ / CALIBRATION_PIT_COUNT;
}

static bool tsc_detect_invariant(void)
{
    uint32_t max_leaf, b, c, d;

    cpuid(CPUID_EXTENDED_MAX, &max_leaf, &b, &c, &d);
    if (max_leaf < CPUID_POWER_MANAGEMENT)
        return false;
    cpuid(CPUID_POWER_MANAGEMENT, &max_leaf, &b, &c, &d);
    return (d & CPUID_INVARIANT_TSC) != 0;
}

void tsc_init(void)
{
    tsc_hz = tsc_measure_hz();
    tsc_invariant = tsc_detect_invariant();
}

bool tsc_is_invariant(void)
{
    return tsc_invariant;
}

uint64_t arch_timestamp(void)
{
    return rdtsc();
}

uint64_t arch_timestamp_hz(void)
{
    return tsc_hz;
}

/* On one CPU the TSC never goes backwards, and it does move. */
SELFTEST(tsc_monotonic)
{
    uint64_t first = arch_timestamp(), previous = first;

    for (int i = 0; i < 1000; i++) {
        uint64_t now = arch_timestamp();
        SELFTEST_ASSERT(now >= previous);
        previous = now;
    }
    SELFTEST_ASSERT(previous > first);
}

/* Calibration worked and gave a rate some x86 CPU or emulator could have:
 * 10 MHz (a slow Bochs) to 20 GHz. */
SELFTEST(tsc_calibration_plausible)
{
    SELFTEST_ASSERT(arch_timestamp_hz() >= 10000000);
    SELFTEST_ASSERT(arch_timestamp_hz() <= 20000000000);
}
