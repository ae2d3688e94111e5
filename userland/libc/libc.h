/*
 * userland/libc/libc.h - what the files of libfreeport share, and only they.
 *
 * Layer: libfreeport (user space), private to userland/libc/. Public
 * declarations go in userland/include/ instead.
 */
#ifndef USERLAND_LIBC_LIBC_H
#define USERLAND_LIBC_LIBC_H

#include <signal.h>
#include <stdint.h>

/* The program's name (argv[0] without its directory), set by __libc_start; err.c prints it. */
extern const char *libc_program_name;

/* A newlib sigset_t as the kernel's set (bit n - 1 for signal n); signal.c. */
uint64_t libc_sigset_to_kernel(sigset_t set);

#endif
