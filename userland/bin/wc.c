/*
 * wc [-lwc] [file...] - count lines, words and bytes.
 *
 * Layer: user program. Prints "lines words bytes name" (only the counts
 * asked for; all three by default), one line per file and a "total" line
 * when there are several files. A word is a run of non-blank bytes.
 */
#include <ctype.h>
#include <err.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "tools.h"

struct counts {
    long lines, words, bytes;
};

static bool show_lines, show_words, show_bytes;
static struct counts total;

static void print_counts(const struct counts *counts, const char *name)
{
    const long values[] = {counts->lines, counts->words, counts->bytes};
    const bool shown[] = {show_lines, show_words, show_bytes};
    const char *separator = "";
    for (int i = 0; i < 3; i++) {
        if (shown[i]) {
            printf("%s%ld", separator, values[i]);
            separator = " ";
        }
    }
    if (strcmp(name, "-") != 0)
        printf(" %s", name);
    putchar('\n');
}

static int count_one(int fd, const char *name)
{
    struct counts counts = {0, 0, 0};
    bool in_word = false;
    char buffer[4096];
    ssize_t got;
    while ((got = read(fd, buffer, sizeof(buffer))) > 0) {
        for (ssize_t i = 0; i < got; i++) {
            bool blank = isspace((unsigned char)buffer[i]);
            counts.lines += buffer[i] == '\n';
            counts.words += !blank && !in_word;
            in_word = !blank;
        }
        counts.bytes += got;
    }
    if (got < 0) {
        warn("%s", name);
        return 1;
    }
    print_counts(&counts, name);
    total.lines += counts.lines;
    total.words += counts.words;
    total.bytes += counts.bytes;
    return 0;
}

int main(int argc, char **argv)
{
    int option;
    while ((option = getopt(argc, argv, "lwc")) != -1) {
        switch (option) {
        case 'l': show_lines = true; break;
        case 'w': show_words = true; break;
        case 'c': show_bytes = true; break;
        default: errx(2, "usage: wc [-lwc] [file...]");
        }
    }
    if (!show_lines && !show_words && !show_bytes)
        show_lines = show_words = show_bytes = true;
    int status = for_each_input(argc - optind, argv + optind, count_one);
    if (argc - optind > 1)
        print_counts(&total, "total");
    return status;
}
