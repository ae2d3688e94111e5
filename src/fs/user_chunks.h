/*
 * user_chunks.h - a device's read or write of a user buffer, moved through
 * a small kernel buffer on the stack, one USER_CHUNK at a time.
 *
 * Layer: files (the device side of the system calls), on proc/usercopy.h.
 * For devices whose state an interrupt handler also changes (terminals,
 * pseudo-terminals, COM1, the keyboard): their take and give functions
 * work on kernel bytes with interrupts off, and the user copy happens
 * here, with interrupts on, where it may fault in a page.
 *
 * Invariants: a read takes bytes from the device only once, at most one
 * chunk, and copies them out whole (bytes taken before the user buffer
 * turns out bad are lost, as sys_file.c says); a write copies each chunk
 * in before giving any of it, and stops at the first chunk the device
 * takes short. Either returns the bytes moved, or -errno if none were.
 */
#ifndef FREEPORT_FS_USER_CHUNKS_H
#define FREEPORT_FS_USER_CHUNKS_H

#include <stddef.h>

#define USER_CHUNK 256

/* Up to `length` (> 0) bytes from `source` into the kernel `buffer`: the
 * count, or -errno. May sleep (unless FP_O_NONBLOCK in `flags`). */
typedef long (*user_chunks_take)(void *source, char *buffer, size_t length, int flags);

/* The kernel `bytes` to `sink`: how many it took, or -errno. */
typedef long (*user_chunks_give)(void *sink, const char *bytes, size_t length, int flags);

/* One chunk taken from `source` into `user_buffer`: the count, 0 for a
 * zero `length` (without calling `take`), or -errno (-EFAULT). */
long user_chunks_read(void *user_buffer, size_t length, int flags, user_chunks_take take, void *source);

/* `length` user bytes given to `sink` chunk by chunk: the count given, or
 * -errno (-EFAULT, or `give`'s) when none was. */
long user_chunks_write(const void *user_buffer, size_t length, int flags, user_chunks_give give, void *sink);

#endif
