/*
 * userland/lib/path.c - path names for the tools: where cp and mv put each
 * source, and their common command line.
 *
 * Layer: user library (libtools.a).
 */
#include <err.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include "tools.h"

/* The last component of path, ignoring trailing slashes ("a/b/" -> "b/"). */
static const char *last_component(const char *path)
{
    size_t length = strlen(path);
    while (length > 1 && path[length - 1] == '/')
        length--;
    while (length > 0 && path[length - 1] != '/')
        length--;
    return path + length;
}

const char *destination_path(const char *source, const char *target, char *buffer, size_t size)
{
    struct stat status;
    if (stat(target, &status) < 0 || !S_ISDIR(status.st_mode))
        return target;
    const char *name = last_component(source);
    size_t name_length = strcspn(name, "/");
    int length = snprintf(buffer, size, "%s/%.*s", target, (int)name_length, name);
    return length >= 0 && (size_t)length < size ? buffer : NULL;
}

int for_each_source(int argc, char **argv, const char *usage,
                    int (*action)(const char *source, const char *destination))
{
    if (argc < 3) {
        warnx("usage: %s", usage);
        return 2;
    }
    struct stat status;
    const char *target = argv[argc - 1];
    if (argc > 3 && (stat(target, &status) < 0 || !S_ISDIR(status.st_mode))) {
        warnx("%s: not a directory", target);
        return 1;
    }
    int result = 0;
    for (int i = 1; i < argc - 1; i++) {
        char buffer[1024];
        const char *destination = destination_path(argv[i], target, buffer, sizeof(buffer));
        if (destination == NULL) {
            errno = ENAMETOOLONG;
            warn("%s", target);
            result = 1;
        } else {
            result |= action(argv[i], destination) != 0;
        }
    }
    return result;
}
