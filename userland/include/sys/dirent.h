/*
 * <sys/dirent.h> - struct dirent and DIR for newlib's <dirent.h>.
 *
 * Layer: Freeport SDK header; replaces newlib's placeholder, which is an
 * #error for targets without directory support. The functions are in
 * userland/libc/dirent.c; DT_* values equal the kernel's FP_DT_*.
 */
#ifndef _SYS_DIRENT_H
#define _SYS_DIRENT_H

#include <sys/types.h>

#define DT_UNKNOWN 0
#define DT_FIFO    1
#define DT_CHR     2
#define DT_DIR     4
#define DT_REG     8
#define DT_LNK     10
#define DT_SOCK    12

#define MAXNAMLEN 255

struct dirent {
    ino_t d_ino;
    unsigned char d_type; /* DT_*, or DT_UNKNOWN */
    char d_name[MAXNAMLEN + 1];
};

typedef struct freeport_dir DIR;

#endif
