/*
 * kcheck.h - the report the kernel's integrity checks fill (SYS_kcheck).
 *
 * Layer: core. Each subsystem checks its own structures in its own file
 * (heap_check in mm/heap.c, frame_check in mm/frame.c, scheduler_check in
 * proc/scheduler.c, process_check in proc/process.c) and calls
 * kcheck_problem() for every invariant it finds broken; proc/sys_kcheck.c
 * runs them all. A check only reads: it never repairs or panics, so it can
 * be run at any time, as often as a test likes.
 */
#ifndef FREEPORT_KCHECK_H
#define FREEPORT_KCHECK_H

#include "uapi/freeport/abi.h"

/* Count one problem in `area` (FP_KCHECK_*), print it on the console as
 * "kcheck: AREA: TEXT", and keep the first one's text in the report. */
__attribute__((format(printf, 3, 4))) void kcheck_problem(struct freeport_kcheck *report, unsigned area,
                                                          const char *format, ...);

#endif
