/*
 * user_path.h - bringing a path from user memory into the kernel.
 *
 * Layer: files (system-call side), on usercopy.h.
 */
#ifndef FREEPORT_FS_USER_PATH_H
#define FREEPORT_FS_USER_PATH_H

/* A kernel copy of the NUL-terminated path at `user_path` in *out (free it
 * with kfree): 0, -EFAULT, -ENAMETOOLONG (no NUL in FS_PATH_MAX bytes),
 * -ENOMEM. */
int user_path_copy(const char *user_path, char **out);

#endif
