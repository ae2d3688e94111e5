/*
 * uname [-asnrvm] - print the system's name (-s, the default), the node
 * name (-n), release (-r), version (-v), machine (-m), or all (-a).
 *
 * Layer: user program, over uname().
 */
#include <err.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    static const char options[] = "snrvm";
    bool shown[sizeof(options) - 1] = {false};
    bool any = false;
    int option;
    while ((option = getopt(argc, argv, "asnrvm")) != -1) {
        if (option == '?')
            errx(2, "usage: uname [-asnrvm]");
        for (size_t i = 0; i < sizeof(shown); i++)
            shown[i] |= option == 'a' || option == options[i];
        any = true;
    }
    shown[0] |= !any;
    struct utsname name;
    if (uname(&name) < 0)
        err(1, "uname");
    const char *fields[] = {name.sysname, name.nodename, name.release, name.version, name.machine};
    const char *separator = "";
    for (size_t i = 0; i < sizeof(shown); i++) {
        if (shown[i]) {
            printf("%s%s", separator, fields[i]);
            separator = " ";
        }
    }
    putchar('\n');
    return 0;
}
