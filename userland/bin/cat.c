/*
 * cat [file...] - copy the files ("-" or none: standard input) to standard output.
 *
 * Layer: user program, over libtools' for_each_input and copy_fd.
 */
#include <err.h>
#include <unistd.h>
#include "tools.h"

static int cat_one(int fd, const char *name)
{
    if (copy_fd(fd, 1) < 0) {
        warn("%s", name);
        return 1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    return for_each_input(argc - 1, argv + 1, cat_one);
}
