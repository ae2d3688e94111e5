/*
 * head [-n count] [file...] - print the first count lines (10) of each file.
 *
 * Layer: user program. With several files each is preceded by "==> name <==".
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "tools.h"

static long line_limit = 10;
static int file_count;
static int files_done;

/* Writes the first line_limit lines of fd. */
static int head_one(int fd, const char *name)
{
    if (file_count > 1)
        printf("%s==> %s <==\n", files_done++ > 0 ? "\n" : "", name);
    fflush(stdout);
    long lines = 0;
    char buffer[4096];
    ssize_t got = 0;
    while (lines < line_limit && (got = read(fd, buffer, sizeof(buffer))) > 0) {
        size_t keep = 0;
        while (keep < (size_t)got && lines < line_limit)
            lines += buffer[keep++] == '\n';
        if (write_all(1, buffer, keep) < 0)
            err(1, "write");
    }
    if (got < 0) {
        warn("%s", name);
        return 1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    int option;
    while ((option = getopt(argc, argv, "n:")) != -1) {
        char *end;
        if (option == 'n')
            line_limit = strtol(optarg, &end, 10);
        if (option != 'n' || *end != '\0' || line_limit < 0)
            errx(2, "usage: head [-n count] [file...]");
    }
    file_count = argc - optind;
    return for_each_input(file_count, argv + optind, head_one);
}
