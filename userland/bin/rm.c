/*
 * rm [-rf] path... - remove files; -r also directories and everything in
 * them; -f ignores paths that do not exist and reports nothing for them.
 *
 * Layer: user program. A directory is emptied before it is removed, so -r
 * works on any file system that has rmdir.
 */
#include <dirent.h>
#include <err.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static bool recursive, force;

static int remove_path(const char *path);

static int remove_directory_contents(const char *path)
{
    DIR *dir = opendir(path);
    if (dir == NULL) {
        warn("%s", path);
        return 1;
    }
    int status = 0;
    struct dirent *entry;
    while ((entry = readdir(dir)) != NULL) {
        if (strcmp(entry->d_name, ".") == 0 || strcmp(entry->d_name, "..") == 0)
            continue;
        char child[1024];
        snprintf(child, sizeof(child), "%s/%s", path, entry->d_name);
        status |= remove_path(child);
    }
    closedir(dir);
    return status;
}

static int remove_path(const char *path)
{
    struct stat status;
    if (lstat(path, &status) < 0) {
        if (force && errno == ENOENT)
            return 0;
        warn("%s", path);
        return 1;
    }
    if (S_ISDIR(status.st_mode)) {
        if (!recursive) {
            warnx("%s: is a directory", path);
            return 1;
        }
        if (remove_directory_contents(path) != 0)
            return 1;
    }
    if ((S_ISDIR(status.st_mode) ? rmdir(path) : unlink(path)) < 0) {
        warn("%s", path);
        return 1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    int option;
    while ((option = getopt(argc, argv, "rRf")) != -1) {
        switch (option) {
        case 'r':
        case 'R': recursive = true; break;
        case 'f': force = true; break;
        default: errx(2, "usage: rm [-rf] path...");
        }
    }
    if (optind == argc && !force)
        errx(2, "usage: rm [-rf] path...");
    int status = 0;
    for (int i = optind; i < argc; i++)
        status |= remove_path(argv[i]);
    return status;
}
