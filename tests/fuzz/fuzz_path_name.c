/*
 * fuzz_path_name.c - libFuzzer target: src/fs/path_name.c on any path.
 *
 * The input, NUL-terminated in a heap block of exactly its size, is a path
 * a program passed. Each component path_name_next returns must be what lies
 * between slashes in the path, at most PATH_NAME_MAX bytes, with the
 * cursor moving forward inside the string; the walk ends. Built by
 * tests/robustness.mk.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "fs/path_name.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *path = malloc(size + 1), name[PATH_NAME_MAX + 1];
    const char *cursor;
    long length;

    memcpy(path, data, size);
    path[size] = '\0';
    cursor = path;
    path_name_has_trailing_slash(path);
    while ((length = path_name_next(&cursor, name)) > 0) {
        if (length > PATH_NAME_MAX || (size_t)length != strlen(name) || strchr(name, '/') ||
            cursor < path + length || cursor > path + strlen(path) ||
            memcmp(cursor - length, name, (size_t)length))
            abort();
        path_name_is_dot_or_dotdot(name);
        path_name_is_last(cursor);
    }
    if (length < 0 && length != -ENAMETOOLONG)
        abort();
    free(path);
    return 0;
}
