/*
 * user_path.c - copying a path argument in from user space (user_path.h).
 *
 * Layer: files (system-call side). The buffer is on the heap, not the
 * stack: FS_PATH_MAX is 4 KiB.
 */
#include "errno.h"
#include "fs/user_path.h"
#include "fs/vnode.h"
#include "mm/heap.h"
#include "proc/usercopy.h"

int user_path_copy(const char *user_path, char **out)
{
    char *path = kmalloc(FS_PATH_MAX);

    if (path == NULL)
        return -ENOMEM;
    long length = strncpy_from_user(path, user_path, FS_PATH_MAX);
    if (length < 0) {
        kfree(path);
        return (int)length;
    }
    *out = path;
    return 0;
}
