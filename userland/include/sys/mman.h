/*
 * <sys/mman.h> - memory mappings: mmap, munmap, mprotect.
 *
 * Layer: Freeport SDK header (newlib has none). Values equal the kernel's
 * FP_PROT_* and FP_MAP_* (userland/libc/abi_check.c checks).
 */
#ifndef _SYS_MMAN_H
#define _SYS_MMAN_H

#include <sys/cdefs.h>
#include <sys/types.h>

#define PROT_NONE  0
#define PROT_READ  1
#define PROT_WRITE 2
#define PROT_EXEC  4

#define MAP_SHARED    0x01
#define MAP_PRIVATE   0x02
#define MAP_FIXED     0x10
#define MAP_ANONYMOUS 0x20
#define MAP_ANON      MAP_ANONYMOUS

#define MAP_FAILED ((void *)-1)

__BEGIN_DECLS
void *mmap(void *address, size_t length, int protection, int flags, int fd, off_t offset);
int munmap(void *address, size_t length);
int mprotect(void *address, size_t length, int protection);
__END_DECLS

#endif
