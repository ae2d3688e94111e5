/*
 * exit.h - how a process ends and how its parent learns of it.
 *
 * Layer: processes. process_exit() gives back everything the process holds
 * except its table slot, pid and exit status (a zombie), hands its children
 * to init, and tells the parent (SIGCHLD, a wake-up of waitpid). The
 * parent's waitpid reaps the zombie. When init itself ends, so does the
 * machine (kernel_exit with init's status).
 */
#ifndef FREEPORT_PROC_EXIT_H
#define FREEPORT_PROC_EXIT_H

struct process;

/* End the current process with `status` (FP_W_EXITED/FP_W_SIGNALED). */
__attribute__((noreturn)) void process_exit(int status);

/* Free the user memory (switching to the kernel's address space first if
 * it is the current one), close the files and drop the working directory:
 * for an exiting process, or a failed fork's child that never ran. */
void process_release_resources(struct process *process);

#endif
