/*
 * proc.h - bringing up the process layer at boot, and the first process.
 *
 * Layer: processes. kmain calls, in order: proc_init() (before interrupts
 * are on), fs_init(), then proc_start_init() and finally scheduler_idle().
 */
#ifndef FREEPORT_PROC_PROC_H
#define FREEPORT_PROC_PROC_H

/* The boot flow becomes the idle thread; the tick and the clock start. */
void proc_init(void);

/* Start pid 1 running the program at `path` (argv = {path}), with
 * /dev/console as descriptors 0, 1 and 2 and "/" as its directory.
 * 0, or why not (the errors of exec_program, -ENOMEM). */
int proc_start_init(const char *path);

#endif
