/*
 * mv source target / mv source... directory - rename files.
 *
 * Layer: user program, over libtools' for_each_source. One rename() per
 * source: moving between file systems (EXDEV) is not supported.
 */
#include <err.h>
#include <stdio.h>
#include "tools.h"

static int move_one(const char *source, const char *destination)
{
    if (rename(source, destination) < 0) {
        warn("%s -> %s", source, destination);
        return 1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    return for_each_source(argc, argv, "mv source target | mv source... directory", move_one);
}
