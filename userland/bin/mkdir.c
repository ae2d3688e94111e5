/*
 * mkdir [-p] dir... - make directories; -p also makes missing parents and
 * accepts directories that already exist.
 *
 * Layer: user program. Mode 0777, less the umask.
 */
#include <err.h>
#include <errno.h>
#include <stdbool.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static bool make_parents;

static int make_one(const char *path)
{
    if (mkdir(path, 0777) == 0)
        return 0;
    struct stat status;
    if (make_parents && errno == EEXIST && stat(path, &status) == 0 && S_ISDIR(status.st_mode))
        return 0;
    warn("%s", path);
    return 1;
}

/* Makes each ancestor of path in turn ("a", "a/b", ...), then path. */
static int make_with_parents(const char *path)
{
    char prefix[1024];
    if (strlen(path) >= sizeof(prefix)) {
        errno = ENAMETOOLONG;
        warn("%s", path);
        return 1;
    }
    strcpy(prefix, path);
    for (char *slash = strchr(prefix + 1, '/'); slash != NULL; slash = strchr(slash + 1, '/')) {
        *slash = '\0';
        if (make_one(prefix) != 0)
            return 1;
        *slash = '/';
    }
    return make_one(path);
}

int main(int argc, char **argv)
{
    int option;
    while ((option = getopt(argc, argv, "p")) != -1) {
        if (option != 'p')
            errx(2, "usage: mkdir [-p] dir...");
        make_parents = true;
    }
    if (optind == argc)
        errx(2, "usage: mkdir [-p] dir...");
    int status = 0;
    for (int i = optind; i < argc; i++)
        status |= make_parents ? make_with_parents(argv[i]) : make_one(argv[i]);
    return status;
}
