/*
 * path_name.c - cutting a path into components (see path_name.h).
 *
 * Layer: files (pure: no kernel state, built into tests/unit/test_path_name).
 */
#include "fs/path_name.h"
#include "errno.h"
#include "lib/string.h"

static const char *skip_slashes(const char *cursor)
{
    while (*cursor == '/')
        cursor++;
    return cursor;
}

long path_name_next(const char **cursor, char *name)
{
    const char *start = skip_slashes(*cursor);
    size_t length = 0;

    while (start[length] != '\0' && start[length] != '/') {
        if (length == PATH_NAME_MAX)
            return -ENAMETOOLONG;
        length++;
    }
    memcpy(name, start, length);
    name[length] = '\0';
    *cursor = start + length;
    return (long)length;
}

bool path_name_is_last(const char *cursor)
{
    return *skip_slashes(cursor) == '\0';
}

bool path_name_is_dot_or_dotdot(const char *name)
{
    return name[0] == '.' && (name[1] == '\0' || (name[1] == '.' && name[2] == '\0'));
}

bool path_name_has_trailing_slash(const char *path)
{
    size_t length = strlen(path);

    if (length == 0 || path[length - 1] != '/')
        return false;
    for (size_t i = 0; i < length; i++)
        if (path[i] != '/')
            return true;
    return false;
}
