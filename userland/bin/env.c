/*
 * env [-i] [NAME=value...] [command [argument...]] - run a command in a
 * changed environment, or print the environment.
 *
 * Layer: user program. -i starts from an empty environment. The command is
 * found in $PATH (execvp); exit status 127 if it does not exist, 126 if it
 * cannot be run.
 */
#include <err.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

extern char **environ;

int main(int argc, char **argv)
{
    static char *empty_environment[] = {NULL};
    int i = 1;
    if (i < argc && strcmp(argv[i], "-i") == 0) {
        environ = empty_environment;
        i++;
    }
    for (; i < argc && strchr(argv[i], '=') != NULL; i++) {
        if (putenv(argv[i]) != 0)
            err(1, "%s", argv[i]);
    }
    if (i == argc) {
        for (char **entry = environ; *entry != NULL; entry++)
            puts(*entry);
        return 0;
    }
    execvp(argv[i], argv + i);
    int error = errno;
    warn("%s", argv[i]);
    return error == ENOENT ? 127 : 126;
}
