/*
 * fpu.h - turning on the x87/SSE unit for user programs (fpu.c).
 *
 * Layer: machine. Only src/arch/x86_64/ includes this file.
 */
#ifndef FREEPORT_X86_64_FPU_H
#define FREEPORT_X86_64_FPU_H

/* Enable SSE (CR0, CR4) if the CPU has FXSR and SSE2. Once, at boot. */
void fpu_init(void);

#endif
