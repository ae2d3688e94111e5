/*
 * user_buffer.h - whether a user buffer's length is possible at all.
 *
 * Layer: files (system-call side). Like Linux's access_ok(): a buffer
 * [start, start + length) must lie below USER_SPACE_END without wrapping,
 * so a call given a length no user buffer can have fails with -EFAULT at
 * once, before moving any byte, instead of stopping short where the
 * mapping ends. It says nothing of what is mapped there: copy_to_user and
 * copy_from_user (proc/usercopy.h) check that, for each chunk they copy.
 */
#ifndef FREEPORT_FS_USER_BUFFER_H
#define FREEPORT_FS_USER_BUFFER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "mm/layout.h"

static inline bool user_buffer_in_range(uintptr_t start, size_t length)
{
    return length <= USER_SPACE_END && start <= USER_SPACE_END - length;
}

#endif
