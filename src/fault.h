/*
 * fault.h - deliberate faults for testing the exception path (`fault=KIND`).
 *
 * Layer: core. Each kind raises the real exception from an ordinary C call
 * chain, so the report's backtrace shows fault_trigger() called from kmain().
 */
#ifndef FREEPORT_FAULT_H
#define FREEPORT_FAULT_H

void fault_trigger(const char *kind);

#endif
