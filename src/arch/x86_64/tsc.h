/*
 * tsc.h - the time-stamp counter: a cycle count read with rdtsc.
 *
 * Layer: machine. Only src/arch/x86_64/ includes this file.
 */
#ifndef FREEPORT_X86_64_TSC_H
#define FREEPORT_X86_64_TSC_H

#include <stdbool.h>

/* Measure the TSC's rate against PIT channel 2 (interrupts may be off) and
 * look for an invariant TSC. Once, at boot, after pit_init(). */
void tsc_init(void);

/* CPUID says the TSC ticks at a constant rate in every power state. */
bool tsc_is_invariant(void);

#endif
