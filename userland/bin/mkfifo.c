/*
 * mkfifo [-m mode] name... - make FIFOs (named pipes).
 *
 * Layer: user program. Mode 0666 less the umask, or exactly the octal
 * -m mode.
 */
#include <err.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#define USAGE "usage: mkfifo [-m mode] name..."

int main(int argc, char **argv)
{
    mode_t mode = 0666;
    int option;
    while ((option = getopt(argc, argv, "m:")) != -1) {
        char *end;
        if (option != 'm' || (mode = (mode_t)strtoul(optarg, &end, 8), *end != '\0' || mode > 07777))
            errx(2, USAGE);
        umask(0);
    }
    if (optind == argc)
        errx(2, USAGE);
    int status = 0;
    for (int i = optind; i < argc; i++) {
        if (mkfifo(argv[i], mode) != 0) {
            warn("%s", argv[i]);
            status = 1;
        }
    }
    return status;
}
