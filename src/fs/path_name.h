/*
 * path_name.h - cutting a path into components, without touching any file
 * system: the pure part of path resolution (host unit-tested).
 *
 * Layer: files (pure). A path is a string of components separated by one
 * or more '/'; a leading '/' makes it absolute, a trailing '/' says the
 * last component must be a directory. Components are at most FS_NAME_MAX
 * bytes; "." and ".." are ordinary components here (path.c gives them
 * their meaning).
 */
#ifndef FREEPORT_FS_PATH_NAME_H
#define FREEPORT_FS_PATH_NAME_H

#include <stdbool.h>
#include <stddef.h>

#define PATH_NAME_MAX 255 /* = FS_NAME_MAX */

/* Copy the next component at or after *cursor into `name` (PATH_NAME_MAX + 1
 * bytes, NUL-terminated) and move *cursor just past it. Returns its length,
 * 0 when no component is left, or -ENAMETOOLONG (*cursor unchanged). */
long path_name_next(const char **cursor, char *name);

/* Only slashes (or nothing) remain at `cursor`: the component just taken
 * was the last. */
bool path_name_is_last(const char *cursor);

/* `name` is "." or "..". */
bool path_name_is_dot_or_dotdot(const char *name);

/* The path ends with '/' after at least one component ("a/", "a//"). */
bool path_name_has_trailing_slash(const char *path);

#endif
