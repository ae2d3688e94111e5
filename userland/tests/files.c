/*
 * files - exercise every file system call, success and error paths, from
 * user space; run in a guest by tests/files.bats (tools/guest-run).
 *
 * Layer: test program (newlib + libfreeport), on check.h: one "ok - ..."
 * or "FAIL - ..." line per check, and the number of failures as the exit
 * status. Each section works under /tmp/files-test and removes what it
 * made. The kernel's open-file and vnode counters (SYS_kstat) must be back
 * at their starting values at the end: nothing may leak, error paths
 * included.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <freeport/sys.h>
#include <freeport/syscall.h>
#include <limits.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>
#include "check.h"

#define DIR_ROOT        "/tmp/files-test"
#define KERNEL_PATH_MAX 4096            /* the kernel's limit, NUL included */
#define BAD_POINTER     bad_pointer(16) /* page 0: never mapped */
#define KERNEL_POINTER  bad_pointer(0xffffffff80100000)

#define EXPECT(condition) CHECK((condition), "%s", #condition)

/* `call` returns -1 (or NULL) with errno `error`. */
#define EXPECT_ERRNO_AS(call, failed_value, error)                                                           \
    do {                                                                                                     \
        errno = 0;                                                                                           \
        bool failed_ = (call) == (failed_value);                                                             \
        int errno_ = errno;                                                                                  \
        CHECK((failed_) && errno_ == (error), "%s fails with %s (errno %d: %s)", #call, #error, errno_,      \
              strerror(errno_));                                                                             \
    } while (0)
#define EXPECT_ERRNO(call, error)      EXPECT_ERRNO_AS(call, -1, error)
#define EXPECT_NULL_ERRNO(call, error) EXPECT_ERRNO_AS(call, NULL, error)

static void make_file(const char *path, const char *text)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    EXPECT(fd >= 0);
    EXPECT(write(fd, text, strlen(text)) == (ssize_t)strlen(text));
    EXPECT(close(fd) == 0);
}

static bool file_holds(const char *path, const char *text)
{
    char buffer[256];
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return false;
    ssize_t length = read(fd, buffer, sizeof(buffer) - 1);
    close(fd);
    if (length < 0)
        return false;
    buffer[length] = '\0';
    return strcmp(buffer, text) == 0;
}

static void test_open_and_create(void)
{
    struct stat status;
    int fd;

    umask(022);
    fd = open(DIR_ROOT "/new", O_RDWR | O_CREAT | O_EXCL, 0666);
    EXPECT(fd >= 0);
    EXPECT(fstat(fd, &status) == 0 && status.st_mode == (S_IFREG | 0644)); /* 0666 & ~022 */
    EXPECT(status.st_size == 0 && status.st_nlink == 1 && status.st_blksize == 4096);
    EXPECT(close(fd) == 0);
    EXPECT_ERRNO(open(DIR_ROOT "/new", O_RDWR | O_CREAT | O_EXCL, 0644), EEXIST);
    EXPECT_ERRNO(open(DIR_ROOT "/missing", O_RDONLY), ENOENT);
    EXPECT_ERRNO(open(DIR_ROOT "/missing/x", O_RDONLY | O_CREAT, 0644), ENOENT);
    EXPECT_ERRNO(open(DIR_ROOT "/new/x", O_RDONLY), ENOTDIR);
    EXPECT_ERRNO(open(DIR_ROOT "/new/", O_RDONLY), ENOTDIR);
    EXPECT_ERRNO(open(DIR_ROOT "/new", O_RDONLY | O_DIRECTORY), ENOTDIR);
    EXPECT_ERRNO(open(DIR_ROOT, O_WRONLY), EISDIR);
    EXPECT_ERRNO(open(DIR_ROOT, O_RDWR), EISDIR);
    EXPECT_ERRNO(open(DIR_ROOT "/new", O_RDWR | O_WRONLY), EINVAL);
    EXPECT_ERRNO(open(DIR_ROOT "/new", O_RDONLY | 0x10000000), EINVAL);
    EXPECT_ERRNO(open(BAD_POINTER, O_RDONLY), EFAULT);
    EXPECT_ERRNO(open(KERNEL_POINTER, O_RDONLY), EFAULT);
    EXPECT_ERRNO(open("", O_RDONLY), ENOENT);
    fd = open(DIR_ROOT, O_RDONLY | O_DIRECTORY);
    EXPECT(fd >= 0 && close(fd) == 0);

    fd = open(DIR_ROOT "/new", O_RDONLY | O_CLOEXEC);
    EXPECT(fd >= 0 && fcntl(fd, F_GETFD) == FD_CLOEXEC);
    EXPECT(close(fd) == 0);
    EXPECT(unlink(DIR_ROOT "/new") == 0);
}

static void test_long_names(void)
{
    char *path = malloc(KERNEL_PATH_MAX + 16);

    EXPECT(path != NULL);
    strcpy(path, DIR_ROOT "/");
    memset(path + strlen(path), 'n', 255);
    path[strlen(DIR_ROOT) + 1 + 255] = '\0';
    int fd = open(path, O_WRONLY | O_CREAT, 0644); /* exactly NAME_MAX */
    EXPECT(fd >= 0 && close(fd) == 0);
    EXPECT(unlink(path) == 0);
    strcat(path, "n");
    EXPECT_ERRNO(open(path, O_WRONLY | O_CREAT, 0644), ENAMETOOLONG);
    EXPECT_ERRNO(mkdir(path, 0755), ENAMETOOLONG);
    for (int i = 0; i < KERNEL_PATH_MAX; i += 2)
        memcpy(path + i, "/.", 2);
    path[KERNEL_PATH_MAX] = '\0';
    EXPECT_ERRNO(open(path, O_RDONLY), ENAMETOOLONG);
    path[KERNEL_PATH_MAX - 1] = '\0';
    fd = open(path, O_RDONLY); /* 4095 bytes: fine, it is "/" */
    EXPECT(fd >= 0 && close(fd) == 0);
    free(path);
}

static void test_read_write(void)
{
    char buffer[64];
    int fd = open(DIR_ROOT "/rw", O_RDWR | O_CREAT | O_TRUNC, 0644), reader;

    EXPECT(fd >= 0);
    EXPECT(write(fd, "hello world", 11) == 11);
    EXPECT(write(fd, "", 0) == 0);
    EXPECT(lseek(fd, 0, SEEK_SET) == 0);
    EXPECT(read(fd, buffer, 5) == 5 && memcmp(buffer, "hello", 5) == 0);
    EXPECT(read(fd, buffer, sizeof(buffer)) == 6 && memcmp(buffer, " world", 6) == 0);
    EXPECT(read(fd, buffer, sizeof(buffer)) == 0);
    EXPECT(lseek(fd, 0, SEEK_SET) == 0);
    EXPECT_ERRNO(read(fd, BAD_POINTER, 4), EFAULT);
    EXPECT_ERRNO(write(fd, BAD_POINTER, 4), EFAULT);
    EXPECT_ERRNO(write(fd, KERNEL_POINTER, 4), EFAULT);
    EXPECT_ERRNO(read(-1, buffer, 1), EBADF);
    EXPECT_ERRNO(read(255, buffer, 1), EBADF);
    EXPECT_ERRNO(read(100000, buffer, 1), EBADF);
    EXPECT_ERRNO(write(-5, "x", 1), EBADF);

    reader = open(DIR_ROOT "/rw", O_RDONLY);
    EXPECT(reader >= 0);
    EXPECT_ERRNO(write(reader, "x", 1), EBADF);
    EXPECT(close(reader) == 0);
    reader = open(DIR_ROOT "/rw", O_WRONLY);
    EXPECT_ERRNO(read(reader, buffer, 1), EBADF);
    EXPECT_ERRNO(read(reader, buffer, 0), EBADF);
    EXPECT(close(reader) == 0);
    EXPECT(close(fd) == 0);
    EXPECT_ERRNO(close(fd), EBADF);
    EXPECT_ERRNO(close(-1), EBADF);

    reader = open(DIR_ROOT, O_RDONLY);
    EXPECT_ERRNO(read(reader, buffer, sizeof(buffer)), EISDIR);
    EXPECT(close(reader) == 0);
    EXPECT(unlink(DIR_ROOT "/rw") == 0);
}

static void test_truncate_append_sparse(void)
{
    char buffer[16];
    struct stat status;
    int fd;

    make_file(DIR_ROOT "/t", "0123456789");
    fd = open(DIR_ROOT "/t", O_RDONLY | O_TRUNC);
    EXPECT(fd >= 0 && close(fd) == 0);
    EXPECT(stat(DIR_ROOT "/t", &status) == 0 && status.st_size == 10); /* read-only: no truncation */
    fd = open(DIR_ROOT "/t", O_WRONLY | O_APPEND);
    EXPECT(write(fd, "ab", 2) == 2);
    EXPECT(lseek(fd, 0, SEEK_SET) == 0 && write(fd, "c", 1) == 1);
    EXPECT(lseek(fd, 0, SEEK_CUR) == 13);
    EXPECT(close(fd) == 0);
    EXPECT(file_holds(DIR_ROOT "/t", "0123456789abc"));
    fd = open(DIR_ROOT "/t", O_RDWR | O_TRUNC);
    EXPECT(fstat(fd, &status) == 0 && status.st_size == 0 && status.st_blocks == 0);
    EXPECT(lseek(fd, 100000, SEEK_SET) == 100000 && write(fd, "Z", 1) == 1);
    EXPECT(fstat(fd, &status) == 0 && status.st_size == 100001 && status.st_blocks == 8);
    EXPECT(lseek(fd, 50000, SEEK_SET) == 50000);
    EXPECT(read(fd, buffer, 4) == 4 && memcmp(buffer, "\0\0\0\0", 4) == 0);
    EXPECT(lseek(fd, 99998, SEEK_SET) == 99998);
    EXPECT(read(fd, buffer, 4) == 3 && memcmp(buffer, "\0\0Z", 3) == 0);
    EXPECT(close(fd) == 0);
    EXPECT(unlink(DIR_ROOT "/t") == 0);
}

static void test_lseek(void)
{
    int fd = open(DIR_ROOT "/seek", O_RDWR | O_CREAT, 0600), console;

    EXPECT(write(fd, "0123456789", 10) == 10);
    EXPECT(lseek(fd, 3, SEEK_SET) == 3);
    EXPECT(lseek(fd, 2, SEEK_CUR) == 5);
    EXPECT(lseek(fd, -1, SEEK_END) == 9);
    EXPECT(lseek(fd, 20, SEEK_END) == 30);
    EXPECT_ERRNO(lseek(fd, -1, SEEK_SET), EINVAL);
    EXPECT_ERRNO(lseek(fd, -100, SEEK_END), EINVAL);
    EXPECT_ERRNO(lseek(fd, 0, 42), EINVAL);
    EXPECT_ERRNO(lseek(fd, LLONG_MAX, SEEK_END), EOVERFLOW);
    EXPECT(lseek(fd, 0, SEEK_CUR) == 30); /* failures leave the offset */
    EXPECT_ERRNO(lseek(-1, 0, SEEK_SET), EBADF);
    console = open("/dev/console", O_RDWR);
    EXPECT(console >= 0);
    EXPECT_ERRNO(lseek(console, 0, SEEK_SET), ESPIPE);
    EXPECT(close(console) == 0 && close(fd) == 0);
    EXPECT(unlink(DIR_ROOT "/seek") == 0);
}

static void test_vectors(void)
{
    char a[4], b[8], c[16];
    struct iovec out[3] = {{"abc", 3}, {"", 0}, {"defghij", 7}};
    struct iovec in[3] = {{a, 4}, {b, 2}, {c, 16}};
    struct iovec *many = calloc(1025, sizeof(*many));
    int fd = open(DIR_ROOT "/vec", O_RDWR | O_CREAT | O_TRUNC, 0644);

    EXPECT(writev(fd, out, 3) == 10);
    EXPECT(lseek(fd, 0, SEEK_SET) == 0);
    EXPECT(readv(fd, in, 3) == 10);
    EXPECT(memcmp(a, "abcd", 4) == 0 && memcmp(b, "ef", 2) == 0 && memcmp(c, "ghij", 4) == 0);
    EXPECT(readv(fd, in, 3) == 0);
    EXPECT(writev(fd, out, 0) == 0);
    EXPECT_ERRNO(writev(fd, out, -1), EINVAL);
    EXPECT_ERRNO(writev(fd, many, 1025), EINVAL);
    EXPECT(writev(fd, many, 1024) == 0);       /* IOV_MAX buffers of length 0 */
    many[0] = (struct iovec){a, SIZE_MAX / 2}; /* 2^63 - 1 each: the sum overflows */
    many[1] = (struct iovec){b, SIZE_MAX / 2};
    EXPECT_ERRNO(readv(fd, many, 2), EINVAL);
    EXPECT_ERRNO(writev(fd, BAD_POINTER, 2), EFAULT);
    in[0].iov_base = BAD_POINTER;
    EXPECT(lseek(fd, 0, SEEK_SET) == 0);
    EXPECT_ERRNO(readv(fd, in, 3), EFAULT);
    EXPECT_ERRNO(readv(-1, in, 1), EBADF);
    free(many);
    EXPECT(close(fd) == 0);
    EXPECT(unlink(DIR_ROOT "/vec") == 0);
}

static void test_dup_and_fcntl(void)
{
    int fd = open(DIR_ROOT "/dup", O_RDWR | O_CREAT | O_TRUNC, 0644), copy, high;
    char buffer[8];

    EXPECT(write(fd, "abcdef", 6) == 6);
    copy = dup(fd);
    EXPECT(copy >= 0 && copy != fd);
    EXPECT(lseek(copy, 2, SEEK_SET) == 2);
    EXPECT(read(fd, buffer, 2) == 2 && memcmp(buffer, "cd", 2) == 0); /* a shared offset */
    EXPECT(dup2(fd, fd) == fd);
    EXPECT_ERRNO(dup2(-1, 5), EBADF);
    EXPECT_ERRNO(dup2(fd, -1), EBADF);
    EXPECT_ERRNO(dup2(fd, 256), EBADF);
    EXPECT_ERRNO(dup2(99, 99), EBADF);
    EXPECT_ERRNO(dup(-1), EBADF);
    EXPECT(fcntl(fd, F_SETFD, FD_CLOEXEC) == 0 && fcntl(fd, F_GETFD) == FD_CLOEXEC);
    EXPECT(dup2(fd, copy) == copy && fcntl(copy, F_GETFD) == 0); /* replaced, no cloexec */
    high = fcntl(fd, F_DUPFD, 100);
    EXPECT(high >= 100 && fcntl(high, F_GETFD) == 0);
    EXPECT(close(high) == 0);
    high = fcntl(fd, F_DUPFD_CLOEXEC, 200);
    EXPECT(high == 200 && fcntl(high, F_GETFD) == FD_CLOEXEC);
    EXPECT(close(high) == 0);
    EXPECT_ERRNO(fcntl(fd, F_DUPFD, -1), EINVAL);
    EXPECT_ERRNO(fcntl(fd, F_DUPFD, 256), EINVAL);
    EXPECT((fcntl(fd, F_GETFL) & O_ACCMODE) == O_RDWR);
    EXPECT(fcntl(fd, F_SETFL, O_APPEND | O_NONBLOCK | O_WRONLY) == 0);
    EXPECT(fcntl(copy, F_GETFL) == (O_RDWR | O_APPEND | O_NONBLOCK)); /* shared; access unchanged */
    EXPECT(fcntl(fd, F_SETFL, 0) == 0 && fcntl(fd, F_GETFL) == O_RDWR);
    EXPECT_ERRNO(fcntl(fd, 9999, 0), EINVAL);
    EXPECT_ERRNO(fcntl(-1, F_GETFD), EBADF);
    EXPECT_ERRNO(fcntl(77, F_GETFL), EBADF);
    EXPECT(close(copy) == 0 && close(fd) == 0);
    EXPECT(unlink(DIR_ROOT "/dup") == 0);
}

static void test_ioctl(void)
{
    struct termios settings, changed;
    struct winsize size;
    int console = open("/dev/console", O_RDWR | O_NONBLOCK), file, count = -1;
    char byte;

    EXPECT(console >= 0);
    EXPECT(ioctl(console, TIOCGWINSZ, &size) == 0 && size.ws_row == 25 && size.ws_col == 80);
    EXPECT(tcgetattr(console, &settings) == 0 && (settings.c_lflag & ICANON) && (settings.c_lflag & ECHO));
    changed = settings;
    changed.c_lflag &= ~(tcflag_t)(ICANON | ECHO);
    EXPECT(tcsetattr(console, TCSANOW, &changed) == 0);
    EXPECT(tcgetattr(console, &changed) == 0 && !(changed.c_lflag & ICANON));
    EXPECT(tcsetattr(console, TCSANOW, &settings) == 0);
    EXPECT(ioctl(console, FIONREAD, &count) == 0 && count >= 0);
    if (count == 0)
        EXPECT_ERRNO(read(console, &byte, 1), EAGAIN); /* O_NONBLOCK, nothing typed */
    EXPECT(isatty(console) && isatty(1));
    EXPECT_ERRNO(ioctl(console, TIOCGWINSZ, BAD_POINTER), EFAULT);
    EXPECT_ERRNO(ioctl(console, TCSETS, BAD_POINTER), EFAULT);
    EXPECT_ERRNO(ioctl(console, 0x1234, &size), ENOTTY);
    EXPECT(write(console, "", 0) == 0);
    file = open("/dev/null", O_RDWR);
    EXPECT_ERRNO(ioctl(file, TCGETS, &settings), ENOTTY);
    EXPECT(!isatty(file));
    EXPECT(close(file) == 0);
    EXPECT_ERRNO(ioctl(-1, TCGETS, &settings), EBADF);
    EXPECT(close(console) == 0);
}

static void test_devices(void)
{
    char buffer[16];
    struct stat status;
    int fd = open("/dev/zero", O_RDONLY);

    memset(buffer, 'x', sizeof(buffer));
    EXPECT(read(fd, buffer, sizeof(buffer)) == sizeof(buffer) && buffer[0] == 0 && buffer[15] == 0);
    EXPECT(fstat(fd, &status) == 0 && S_ISCHR(status.st_mode));
    EXPECT(close(fd) == 0);
    fd = open("/dev/null", O_RDWR);
    EXPECT(read(fd, buffer, sizeof(buffer)) == 0 && write(fd, "gone", 4) == 4);
    EXPECT(close(fd) == 0);
    fd = open("/dev/serial0", O_WRONLY);
    EXPECT(fd >= 0 && write(fd, "", 0) == 0 && close(fd) == 0);
    EXPECT(stat("/dev/console", &status) == 0 && S_ISCHR(status.st_mode));
    EXPECT_ERRNO(open("/dev/nothing", O_RDONLY), ENOENT);
    EXPECT_ERRNO(open("/dev/new", O_RDWR | O_CREAT, 0644), EROFS);
    EXPECT_ERRNO(unlink("/dev/null"), EROFS);
    EXPECT_ERRNO(mkdir("/dev/sub", 0755), EROFS);
}

static void test_mkdir_rmdir_unlink(void)
{
    struct stat status;
    char buffer[8];
    int fd;

    EXPECT(mkdir(DIR_ROOT "/d", 0777) == 0);
    EXPECT(stat(DIR_ROOT "/d", &status) == 0 && status.st_mode == (S_IFDIR | 0755) && status.st_nlink == 2);
    EXPECT_ERRNO(mkdir(DIR_ROOT "/d", 0755), EEXIST);
    EXPECT_ERRNO(mkdir(DIR_ROOT "/none/d", 0755), ENOENT);
    EXPECT_ERRNO(mkdir("/", 0755), EEXIST);
    EXPECT_ERRNO(mkdir(BAD_POINTER, 0755), EFAULT);
    make_file(DIR_ROOT "/d/f", "kept");
    EXPECT_ERRNO(mkdir(DIR_ROOT "/d/f/x", 0755), ENOTDIR);
    EXPECT_ERRNO(rmdir(DIR_ROOT "/d"), ENOTEMPTY);
    EXPECT_ERRNO(rmdir(DIR_ROOT "/d/f"), ENOTDIR);
    EXPECT_ERRNO(rmdir(DIR_ROOT "/d/."), EINVAL);
    EXPECT_ERRNO(rmdir("/dev"), EBUSY);
    EXPECT_ERRNO(rmdir(DIR_ROOT "/nothing"), ENOENT);
    EXPECT_ERRNO(unlink(DIR_ROOT "/d"), EISDIR);
    EXPECT_ERRNO(unlink(DIR_ROOT "/nothing"), ENOENT);
    EXPECT_ERRNO(unlink(DIR_ROOT "/d/f/"), ENOTDIR);

    fd = open(DIR_ROOT "/d/f", O_RDONLY); /* an unlinked file stays readable */
    EXPECT(unlink(DIR_ROOT "/d/f") == 0);
    EXPECT_ERRNO(stat(DIR_ROOT "/d/f", &status), ENOENT);
    EXPECT(fstat(fd, &status) == 0 && status.st_nlink == 0);
    EXPECT(read(fd, buffer, sizeof(buffer)) == 4 && memcmp(buffer, "kept", 4) == 0);
    EXPECT(close(fd) == 0);
    EXPECT(rmdir(DIR_ROOT "/d/") == 0);
    EXPECT_ERRNO(rmdir(DIR_ROOT "/d"), ENOENT);
}

static void test_rename(void)
{
    EXPECT(mkdir(DIR_ROOT "/a", 0755) == 0 && mkdir(DIR_ROOT "/a/sub", 0755) == 0);
    EXPECT(mkdir(DIR_ROOT "/b", 0755) == 0);
    make_file(DIR_ROOT "/a/one", "one");
    make_file(DIR_ROOT "/b/two", "two");
    EXPECT(rename(DIR_ROOT "/a/one", DIR_ROOT "/b/two") == 0);
    EXPECT(file_holds(DIR_ROOT "/b/two", "one"));
    EXPECT_ERRNO(access(DIR_ROOT "/a/one", F_OK), ENOENT);
    EXPECT(rename(DIR_ROOT "/b/two", DIR_ROOT "/b/two") == 0);
    EXPECT_ERRNO(rename(DIR_ROOT "/a", DIR_ROOT "/a/sub/in"), EINVAL);
    EXPECT_ERRNO(rename(DIR_ROOT "/a/sub", DIR_ROOT "/b"), ENOTEMPTY);
    EXPECT_ERRNO(rename(DIR_ROOT "/b/two", DIR_ROOT "/a"), EISDIR);
    EXPECT_ERRNO(rename(DIR_ROOT "/a", DIR_ROOT "/b/two"), ENOTDIR);
    EXPECT_ERRNO(rename(DIR_ROOT "/b/two", "/dev/two"), EXDEV);
    EXPECT_ERRNO(rename("/dev", DIR_ROOT "/dev"), EBUSY);
    EXPECT_ERRNO(rename(DIR_ROOT "/none", DIR_ROOT "/c"), ENOENT);
    EXPECT_ERRNO(rename(DIR_ROOT "/b/two", BAD_POINTER), EFAULT);
    EXPECT(rename(DIR_ROOT "/a/sub", DIR_ROOT "/b/sub") == 0);
    EXPECT(rename(DIR_ROOT "/a", DIR_ROOT "/b/sub") == 0); /* over an empty directory */
    EXPECT(unlink(DIR_ROOT "/b/two") == 0 && rmdir(DIR_ROOT "/b/sub") == 0 && rmdir(DIR_ROOT "/b") == 0);
}

static void test_directories(void)
{
    char names[256] = "", buffer[24];
    struct dirent *entry;
    DIR *dir;
    int fd;

    EXPECT(mkdir(DIR_ROOT "/ls", 0755) == 0);
    make_file(DIR_ROOT "/ls/x", "");
    make_file(DIR_ROOT "/ls/y", "");
    EXPECT(mkdir(DIR_ROOT "/ls/z", 0755) == 0);
    dir = opendir(DIR_ROOT "/ls");
    EXPECT(dir != NULL);
    while (dir && (entry = readdir(dir)) != NULL) {
        strcat(names, entry->d_name);
        strcat(names, entry->d_type == DT_DIR ? "/ " : " ");
    }
    EXPECT(strcmp(names, "./ ../ x y z/ ") == 0);
    EXPECT(dir && closedir(dir) == 0);

    fd = open(DIR_ROOT "/ls", O_RDONLY | O_DIRECTORY);
    int records = 0;
    ssize_t length;
    while ((length = getdents(fd, buffer, sizeof(buffer))) > 0) /* one record per call */
        records++;
    EXPECT(length == 0 && records == 5);
    EXPECT(lseek(fd, 0, SEEK_SET) == 0);
    EXPECT_ERRNO(getdents(fd, buffer, 8), EINVAL);
    EXPECT_ERRNO(getdents(fd, BAD_POINTER, 4096), EFAULT);
    EXPECT(getdents(fd, buffer, sizeof(buffer)) > 0); /* the failed calls did not move it */
    EXPECT(close(fd) == 0);
    fd = open(DIR_ROOT "/ls/x", O_RDONLY);
    EXPECT_ERRNO(getdents(fd, buffer, sizeof(buffer)), ENOTDIR);
    EXPECT(close(fd) == 0);
    EXPECT_ERRNO(getdents(-1, buffer, sizeof(buffer)), EBADF);
    EXPECT(unlink(DIR_ROOT "/ls/x") == 0 && unlink(DIR_ROOT "/ls/y") == 0);
    EXPECT(rmdir(DIR_ROOT "/ls/z") == 0 && rmdir(DIR_ROOT "/ls") == 0);
}

static bool cwd_is(const char *expected)
{
    char buffer[128];
    return getcwd(buffer, sizeof(buffer)) != NULL && strcmp(buffer, expected) == 0;
}

static void test_working_directory(void)
{
    char small[4];
    int fd;

    EXPECT(mkdir(DIR_ROOT "/w", 0755) == 0);
    EXPECT(chdir(DIR_ROOT "/w") == 0 && cwd_is(DIR_ROOT "/w"));
    make_file("relative", "here");
    EXPECT(file_holds(DIR_ROOT "/w/relative", "here"));
    EXPECT(file_holds("./relative", "here") && file_holds("../w/relative", "here"));
    EXPECT(chdir("..") == 0 && cwd_is(DIR_ROOT));
    EXPECT(chdir("w//.//") == 0 && cwd_is(DIR_ROOT "/w"));
    EXPECT_ERRNO(chdir("relative"), ENOTDIR);
    EXPECT_ERRNO(chdir("nothing"), ENOENT);
    EXPECT_ERRNO(chdir(BAD_POINTER), EFAULT);
    EXPECT(cwd_is(DIR_ROOT "/w"));
    EXPECT_NULL_ERRNO(getcwd(small, sizeof(small)), ERANGE);
    EXPECT_NULL_ERRNO(getcwd(BAD_POINTER, 64), EFAULT);
    EXPECT(chdir("/dev") == 0 && cwd_is("/dev"));
    fd = open("null", O_WRONLY);
    EXPECT(fd >= 0 && close(fd) == 0);
    EXPECT(chdir("..") == 0 && cwd_is("/"));
    EXPECT(chdir("/..") == 0 && cwd_is("/"));
    EXPECT(chdir(DIR_ROOT "/w") == 0 && unlink("relative") == 0);
    EXPECT(rmdir(DIR_ROOT "/w") == 0); /* removed while it is the working directory */
    EXPECT_NULL_ERRNO(getcwd(small, sizeof(small)), ENOENT);
    EXPECT_ERRNO(open("new", O_WRONLY | O_CREAT, 0644), ENOENT);
    EXPECT_ERRNO(chdir(".."), ENOENT);
    EXPECT(chdir("/") == 0 && cwd_is("/"));
}

static void test_access_umask_stat(void)
{
    struct stat status;
    mode_t old = umask(077);

    EXPECT(umask(old) == 077);
    EXPECT(umask(0) == old && umask(old) == 0);
    make_file(DIR_ROOT "/s", "12345");
    EXPECT(access(DIR_ROOT "/s", F_OK) == 0 && access(DIR_ROOT "/s", R_OK | W_OK) == 0);
    EXPECT_ERRNO(access(DIR_ROOT "/s", X_OK), EACCES);
    EXPECT(access("/bin/sh", X_OK) == 0 && access("/tmp", X_OK) == 0);
    EXPECT_ERRNO(access(DIR_ROOT "/none", F_OK), ENOENT);
    EXPECT_ERRNO(access(DIR_ROOT "/s", 0x40), EINVAL);
    EXPECT_ERRNO(access(BAD_POINTER, F_OK), EFAULT);
    EXPECT(stat(DIR_ROOT "/s", &status) == 0 && status.st_size == 5 && S_ISREG(status.st_mode));
    EXPECT(status.st_blocks == 8 && status.st_blksize == 4096 && status.st_ino != 0);
    EXPECT(lstat(DIR_ROOT "/s", &status) == 0 && status.st_size == 5);
    EXPECT(RAW(SYS_stat, DIR_ROOT "/s", BAD_POINTER) == -EFAULT); /* libc's stat copies: go past it */
    EXPECT(RAW(SYS_fstat, 1, KERNEL_POINTER) == -EFAULT);
    EXPECT(RAW(SYS_lstat, BAD_POINTER, &status) == -EFAULT);
    EXPECT_ERRNO(stat(DIR_ROOT "/none", &status), ENOENT);
    EXPECT_ERRNO(fstat(-1, &status), EBADF);
    EXPECT(stat("/", &status) == 0 && S_ISDIR(status.st_mode));
    EXPECT(unlink(DIR_ROOT "/s") == 0);
}

static void test_mknod(void)
{
    struct stat status;

    EXPECT(mknod(DIR_ROOT "/fifo", S_IFIFO | 0600, 0) == 0);
    EXPECT(stat(DIR_ROOT "/fifo", &status) == 0 && S_ISFIFO(status.st_mode));
    int fifo = open(DIR_ROOT "/fifo", O_RDONLY | O_NONBLOCK); /* posix_fifo.c tests the rest */
    EXPECT(fifo >= 0 && close(fifo) == 0);
    EXPECT_ERRNO(mknod(DIR_ROOT "/fifo", S_IFIFO | 0600, 0), EEXIST);
    EXPECT(mknod(DIR_ROOT "/plain", S_IFREG | 0644, 0) == 0 && file_holds(DIR_ROOT "/plain", ""));
    EXPECT(mknod(DIR_ROOT "/sock", S_IFSOCK | 0644, 0) == 0);
    EXPECT(stat(DIR_ROOT "/sock", &status) == 0 && S_ISSOCK(status.st_mode));
    EXPECT_ERRNO(open(DIR_ROOT "/sock", O_RDONLY), ENXIO);
    EXPECT_ERRNO(mknod(DIR_ROOT "/chr", S_IFCHR | 0644, 0x0501), EPERM);
    EXPECT_ERRNO(mknod(DIR_ROOT "/dir", S_IFDIR | 0755, 0), EINVAL);
    EXPECT(unlink(DIR_ROOT "/fifo") == 0 && unlink(DIR_ROOT "/plain") == 0 && unlink(DIR_ROOT "/sock") == 0);
}

static void on_alarm(int signal)
{
    (void)signal;
}

/* A console reader with nothing to read sleeps until a signal comes; the
 * handler has no SA_RESTART (signal() would set it), so read fails. */
static void test_console_read_interrupted(void)
{
    struct sigaction action = {.sa_handler = on_alarm}, old;
    int console = open("/dev/console", O_RDONLY), count = -1;
    char byte;

    EXPECT(ioctl(console, FIONREAD, &count) == 0);
    if (count == 0) {
        sigemptyset(&action.sa_mask);
        EXPECT(sigaction(SIGALRM, &action, &old) == 0);
        alarm(1);
        EXPECT_ERRNO(read(console, &byte, 1), EINTR);
        EXPECT(sigaction(SIGALRM, &old, NULL) == 0);
    }
    EXPECT(close(console) == 0);
}

/* fork shares open files: the child's write moves the parent's offset. */
static void test_fork_shares_offsets(void)
{
    int fd = open(DIR_ROOT "/fork", O_RDWR | O_CREAT | O_TRUNC, 0644), status;

    fflush(stdout);
    pid_t child = fork();
    if (child == 0)
        _exit(write(fd, "child", 5) == 5 ? 0 : 1);
    EXPECT(child > 0 && waitpid(child, &status, 0) == child && WIFEXITED(status) && WEXITSTATUS(status) == 0);
    EXPECT(lseek(fd, 0, SEEK_CUR) == 5);
    EXPECT(close(fd) == 0 && unlink(DIR_ROOT "/fork") == 0);
}

/* In the program exec'd by test_exec_closes_cloexec: argv[2] must be
 * closed, argv[3] open at offset 3. The exit status says. */
static int check_inherited(char **argv)
{
    int closed = atoi(argv[2]), open_fd = atoi(argv[3]);
    bool ok = fcntl(closed, F_GETFD) == -1 && errno == EBADF;

    ok = ok && fcntl(open_fd, F_GETFD) == 0 && lseek(open_fd, 0, SEEK_CUR) == 3;
    return ok ? 0 : 1;
}

/* exec closes exactly the close-on-exec descriptors; the others keep
 * their file, offset included. */
static void test_exec_closes_cloexec(const char *self)
{
    int kept = open(DIR_ROOT "/exec", O_RDWR | O_CREAT | O_TRUNC, 0644), status;
    int closed = open(DIR_ROOT "/exec", O_RDONLY | O_CLOEXEC);
    char kept_text[16], closed_text[16];

    EXPECT(kept >= 0 && closed >= 0 && write(kept, "abc", 3) == 3);
    snprintf(kept_text, sizeof(kept_text), "%d", kept);
    snprintf(closed_text, sizeof(closed_text), "%d", closed);
    fflush(stdout);
    pid_t child = fork();
    if (child == 0) {
        execl(self, self, "check-inherited", closed_text, kept_text, (char *)NULL);
        _exit(127);
    }
    EXPECT(child > 0 && waitpid(child, &status, 0) == child && WIFEXITED(status) && WEXITSTATUS(status) == 0);
    EXPECT(close(kept) == 0 && close(closed) == 0 && unlink(DIR_ROOT "/exec") == 0);
}

static bool counters(struct freeport_kstat *out)
{
    return freeport_kstat(out) == 0;
}

int main(int argc, char **argv)
{
    struct freeport_kstat before, after;

    if (argc == 4 && strcmp(argv[1], "check-inherited") == 0)
        return check_inherited(argv);

    EXPECT(mkdir(DIR_ROOT, 0755) == 0);
    EXPECT(counters(&before));
    test_open_and_create();
    test_long_names();
    test_read_write();
    test_truncate_append_sparse();
    test_lseek();
    test_vectors();
    test_dup_and_fcntl();
    test_ioctl();
    test_devices();
    test_mkdir_rmdir_unlink();
    test_rename();
    test_directories();
    test_working_directory();
    test_access_umask_stat();
    test_mknod();
    test_fork_shares_offsets();
    test_console_read_interrupted();
    test_exec_closes_cloexec(argv[0]);
    EXPECT(counters(&after));
    CHECK(after.open_files == before.open_files && after.vnodes == before.vnodes,
          "no leak: open files %llu -> %llu, vnodes %llu -> %llu", (unsigned long long)before.open_files,
          (unsigned long long)after.open_files, (unsigned long long)before.vnodes,
          (unsigned long long)after.vnodes);
    EXPECT(rmdir(DIR_ROOT) == 0);
    return check_done();
}
