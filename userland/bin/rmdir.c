/*
 * rmdir dir... - remove empty directories.
 *
 * Layer: user program.
 */
#include <err.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    if (argc < 2)
        errx(2, "usage: rmdir dir...");
    int status = 0;
    for (int i = 1; i < argc; i++) {
        if (rmdir(argv[i]) < 0) {
            warn("%s", argv[i]);
            status = 1;
        }
    }
    return status;
}
