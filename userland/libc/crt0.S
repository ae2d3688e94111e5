/*
 * crt0.S - where every user program starts: the ELF entry point _start.
 *
 * Layer: C runtime (installed as build/sysroot/lib/crt0.o; freeport-cc links
 * it first). The kernel enters user mode at _start with only %rsp defined,
 * pointing at the System V initial stack:
 *     argc, argv[0] .. argv[argc-1], NULL, envp[0] .. , NULL,
 *     auxiliary vector (type, value) pairs ending with FP_AT_NULL
 * _start clears %rbp (the end of the frame-pointer chain, so GDB's backtrace
 * stops here), aligns the stack to 16 bytes as the ABI requires at a call,
 * and hands that stack to __libc_start (start.c), which never returns.
 */
    .text
    .globl _start
    .type _start, @function
_start:
    .cfi_startproc
    .cfi_undefined rip
    xor %ebp, %ebp
    mov %rsp, %rdi
    and $-16, %rsp
    call __libc_start
    ud2
    .cfi_endproc
    .size _start, . - _start

/*
 * newlib's __libc_init_array calls _init before the constructors and
 * __libc_fini_array calls _fini after the destructors. gcc emits constructors
 * into .init_array (which user.ld keeps), never into .init/.fini, so both are
 * empty: no crti.o/crtn.o is needed.
 */
    .globl _init, _fini
    .type _init, @function
    .type _fini, @function
_init:
_fini:
    ret
    .size _init, . - _init
    .size _fini, . - _fini

    .section .note.GNU-stack, "", @progbits
