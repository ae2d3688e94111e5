/*
 * sleep seconds - wait that long (a decimal number: "0.5" is allowed).
 *
 * Layer: user program, over nanosleep (restarted after a signal handler).
 */
#include <err.h>
#include <errno.h>
#include <stdlib.h>
#include <time.h>

int main(int argc, char **argv)
{
    char *end;
    double seconds = argc == 2 ? strtod(argv[1], &end) : -1;
    if (argc != 2 || *end != '\0' || seconds < 0)
        errx(2, "usage: sleep seconds");
    struct timespec request = {(time_t)seconds, (long)((seconds - (double)(time_t)seconds) * 1e9)};
    while (nanosleep(&request, &request) < 0) {
        if (errno != EINTR)
            err(1, "nanosleep");
    }
    return 0;
}
