/*
 * sigreturn.S - the signal restorer: where a signal handler returns to.
 *
 * Layer: libfreeport. sigaction() (signal.c) passes this address to the
 * kernel as freeport_sigaction.restorer. When delivering a signal the kernel
 * saves the interrupted context on the user stack and pushes this address as
 * the handler's return address; the handler's `ret` lands here and
 * SYS_sigreturn restores the saved context. It must not touch the stack: the
 * kernel finds its saved context relative to %rsp.
 */
#include <freeport/syscall.h>

    .text
    .globl libc_signal_restorer
    .type libc_signal_restorer, @function
libc_signal_restorer:
    mov $SYS_sigreturn, %eax
    syscall
    ud2
    .size libc_signal_restorer, . - libc_signal_restorer

    .section .note.GNU-stack, "", @progbits
