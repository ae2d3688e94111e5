/*
 * ls [-la] [path...] - list directories (and name files).
 *
 * Layer: user program. Names are sorted; those starting with '.' are hidden
 * unless -a. -l adds the type and permissions, the link count and the size:
 *     drwxr-xr-x  2      0 bin
 * Several directories are each listed under a "path:" heading.
 */
#include <dirent.h>
#include <err.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static bool show_all, long_format;

static char file_type(mode_t mode)
{
    if (S_ISDIR(mode))
        return 'd';
    if (S_ISCHR(mode))
        return 'c';
    if (S_ISBLK(mode))
        return 'b';
    if (S_ISLNK(mode))
        return 'l';
    if (S_ISFIFO(mode))
        return 'p';
    if (S_ISSOCK(mode))
        return 's';
    return '-';
}

static void print_entry(const char *path, const char *name)
{
    struct stat status;
    if (!long_format) {
        puts(name);
        return;
    }
    if (lstat(path, &status) < 0) {
        warn("%s", path);
        return;
    }
    char mode[11] = {file_type(status.st_mode)};
    for (int i = 0; i < 9; i++)
        mode[1 + i] = status.st_mode & (0400 >> i) ? "rwxrwxrwx"[i] : '-';
    printf("%s %2ld %6lld %s\n", mode, (long)status.st_nlink, (long long)status.st_size, name);
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void add_name(char ***names, size_t *count, size_t *capacity, const char *name)
{
    if (*count == *capacity) {
        *capacity = *capacity ? *capacity * 2 : 32;
        *names = realloc(*names, *capacity * sizeof(**names));
        if (*names == NULL)
            err(1, "out of memory");
    }
    (*names)[(*count)++] = strdup(name);
}

/* Reads the names in dir_path (hidden ones only with -a), sorted; -1 if it cannot be read. */
static int read_names(const char *dir_path, char ***names, size_t *count)
{
    DIR *dir = opendir(dir_path);
    if (dir == NULL)
        return -1;
    size_t capacity = 0;
    struct dirent *entry;
    *names = NULL;
    *count = 0;
    while ((entry = readdir(dir)) != NULL) {
        if (entry->d_name[0] != '.' || show_all)
            add_name(names, count, &capacity, entry->d_name);
    }
    closedir(dir);
    qsort(*names, *count, sizeof(**names), compare_names);
    return 0;
}

static int list_directory(const char *dir_path)
{
    char **names;
    size_t count;
    if (read_names(dir_path, &names, &count) < 0) {
        warn("%s", dir_path);
        return 1;
    }
    for (size_t i = 0; i < count; i++) {
        char path[1024];
        snprintf(path, sizeof(path), "%s/%s", dir_path, names[i]);
        print_entry(path, names[i]);
        free(names[i]);
    }
    free(names);
    return 0;
}

static int list_path(const char *path, bool heading)
{
    struct stat status;
    if (stat(path, &status) < 0) {
        warn("%s", path);
        return 1;
    }
    if (!S_ISDIR(status.st_mode)) {
        print_entry(path, path);
        return 0;
    }
    if (heading)
        printf("%s:\n", path);
    return list_directory(path);
}

int main(int argc, char **argv)
{
    int option;
    while ((option = getopt(argc, argv, "la")) != -1) {
        switch (option) {
        case 'l': long_format = true; break;
        case 'a': show_all = true; break;
        default: errx(2, "usage: ls [-la] [path...]");
        }
    }
    if (optind == argc)
        return list_path(".", false);
    int status = 0;
    for (int i = optind; i < argc; i++) {
        if (i > optind && argc - optind > 1)
            putchar('\n');
        status |= list_path(argv[i], argc - optind > 1);
    }
    return status;
}
