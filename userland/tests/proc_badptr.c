/*
 * proc_badptr - every system call that takes a pointer, given bad ones:
 * NULL, the kernel's direct map and image, an unmapped address, a
 * non-canonical one, and a pointer whose object straddles the end of a
 * mapping. Each must fail with EFAULT (the kernel never touches memory the
 * caller cannot), and the kernel must carry on. Huge lengths with a valid
 * buffer must fail with EFAULT too. Calls go straight to the kernel
 * (RAW), so no C library code touches the pointers first.
 */
#include <fcntl.h>
#include <stdlib.h>
#include <sys/mman.h>
#include "check.h"

#define HUGE_LENGTH (UINT64_C(1) << 62)

static const struct {
    const char *name;
    uintptr_t address;
} fixed_bad[] = {
    {"NULL", 0},
    {"direct map", 0xffff800000000000},
    {"kernel image", 0xffffffff80000000},
    {"unmapped", 0x10000000},
    {"non-canonical", 0x0000800000000000},
    {"last canonical page", 0x00007ffffffff000},
};

#define FIXED_BAD_COUNT (sizeof(fixed_bad) / sizeof(fixed_bad[0]))

static uint8_t *mapping_end; /* a read-write page ends here; the next is unmapped */
static int file_fd, directory_fd;
static pid_t zombie;

/* The bad address number `which` for an object of `size` bytes: the fixed
 * ones, then one that starts inside the mapping and runs past its end. */
static uintptr_t bad_address(size_t which, size_t size)
{
    return which < FIXED_BAD_COUNT ? fixed_bad[which].address : (uintptr_t)(mapping_end - size / 2);
}

static const char *bad_name(size_t which)
{
    return which < FIXED_BAD_COUNT ? fixed_bad[which].name : "straddling the end of a mapping";
}

typedef long (*bad_call)(uintptr_t bad);

struct call {
    const char *name;
    size_t object_size; /* for the straddling pointer */
    bad_call call;
    bool null_allowed; /* NULL means "none" here (POSIX): not a bad pointer */
};

static long call_execve(uintptr_t bad)
{
    return RAW(SYS_execve, bad, 0, 0);
}
static long call_execve_argv(uintptr_t bad)
{
    return RAW(SYS_execve, "/bin/true", bad, 0);
}
static long call_execve_envp(uintptr_t bad)
{
    static char *argv[] = {"true", NULL};
    return RAW(SYS_execve, "/bin/true", argv, bad);
}
static long call_waitpid(uintptr_t bad)
{
    return RAW(SYS_waitpid, zombie, bad, 0);
}
static long call_uname(uintptr_t bad)
{
    return RAW(SYS_uname, bad);
}
static long call_sigaction_new(uintptr_t bad)
{
    return RAW(SYS_sigaction, SIGUSR1, bad, 0);
}
static long call_sigaction_old(uintptr_t bad)
{
    return RAW(SYS_sigaction, SIGUSR1, 0, bad);
}
static long call_sigprocmask_set(uintptr_t bad)
{
    return RAW(SYS_sigprocmask, FP_SIG_BLOCK, bad, 0);
}
static long call_sigprocmask_old(uintptr_t bad)
{
    return RAW(SYS_sigprocmask, FP_SIG_BLOCK, 0, bad);
}
static long call_sigpending(uintptr_t bad)
{
    return RAW(SYS_sigpending, bad);
}
static long call_sigsuspend(uintptr_t bad)
{
    return RAW(SYS_sigsuspend, bad);
}
static long call_nanosleep(uintptr_t bad)
{
    return RAW(SYS_nanosleep, bad, 0);
}
static long call_clock_gettime(uintptr_t bad)
{
    return RAW(SYS_clock_gettime, FP_CLOCK_MONOTONIC, bad);
}
static long call_times(uintptr_t bad)
{
    return RAW(SYS_times, bad);
}
/* Reads start at offset 0: at the end of the file, nothing would be copied. */
static long rewound(int fd)
{
    lseek(fd, 0, SEEK_SET);
    return fd;
}
static long call_read(uintptr_t bad)
{
    return RAW(SYS_read, rewound(file_fd), bad, 16);
}
static long call_write(uintptr_t bad)
{
    return RAW(SYS_write, 1, bad, 16);
}
static long call_open(uintptr_t bad)
{
    return RAW(SYS_open, bad, FP_O_RDONLY, 0);
}
static long call_readv(uintptr_t bad)
{
    return RAW(SYS_readv, rewound(file_fd), bad, 1);
}
static long call_writev(uintptr_t bad)
{
    return RAW(SYS_writev, 1, bad, 1);
}
static long call_readv_base(uintptr_t bad)
{
    struct freeport_iovec v = {bad, 16};
    return RAW(SYS_readv, rewound(file_fd), &v, 1);
}
static long call_writev_base(uintptr_t bad)
{
    struct freeport_iovec v = {bad, 16};
    return RAW(SYS_writev, 1, &v, 1);
}
static long call_stat_path(uintptr_t bad)
{
    struct freeport_stat s;
    return RAW(SYS_stat, bad, &s);
}
static long call_stat_buffer(uintptr_t bad)
{
    return RAW(SYS_stat, "/etc/rc", bad);
}
static long call_lstat_path(uintptr_t bad)
{
    struct freeport_stat s;
    return RAW(SYS_lstat, bad, &s);
}
static long call_lstat_buffer(uintptr_t bad)
{
    return RAW(SYS_lstat, "/etc/rc", bad);
}
static long call_fstat(uintptr_t bad)
{
    return RAW(SYS_fstat, file_fd, bad);
}
static long call_ioctl_winsize(uintptr_t bad)
{
    return RAW(SYS_ioctl, 0, FP_TIOCGWINSZ, bad);
}
static long call_ioctl_termios(uintptr_t bad)
{
    return RAW(SYS_ioctl, 0, FP_TCGETS, bad);
}
static long call_mkdir(uintptr_t bad)
{
    return RAW(SYS_mkdir, bad, 0755);
}
static long call_rmdir(uintptr_t bad)
{
    return RAW(SYS_rmdir, bad);
}
static long call_unlink(uintptr_t bad)
{
    return RAW(SYS_unlink, bad);
}
static long call_rename_old(uintptr_t bad)
{
    return RAW(SYS_rename, bad, "/tmp/renamed");
}
static long call_rename_new(uintptr_t bad)
{
    return RAW(SYS_rename, "/tmp/exists", bad);
}
static long call_getdents(uintptr_t bad)
{
    return RAW(SYS_getdents, rewound(directory_fd), bad, 512);
}
static long call_chdir(uintptr_t bad)
{
    return RAW(SYS_chdir, bad);
}
static long call_getcwd(uintptr_t bad)
{
    return RAW(SYS_getcwd, bad, 64);
}
static long call_access(uintptr_t bad)
{
    return RAW(SYS_access, bad, FP_F_OK);
}
static long call_mknod(uintptr_t bad)
{
    return RAW(SYS_mknod, bad, FP_S_IFIFO | 0644, 0);
}
static long call_pipe2(uintptr_t bad)
{
    return RAW(SYS_pipe2, bad, 0);
}
static long call_kstat(uintptr_t bad)
{
    return RAW(SYS_kstat, bad);
}
static long call_procinfo(uintptr_t bad)
{
    return RAW(SYS_procinfo, 0, bad);
}

static const struct call calls[] = {
    {"execve(path)", 8, call_execve, false},
    {"execve(argv)", 16, call_execve_argv, true},
    {"execve(envp)", 16, call_execve_envp, true},
    {"waitpid(status)", sizeof(int), call_waitpid, true},
    {"uname", sizeof(struct freeport_utsname), call_uname, false},
    {"sigaction(new)", sizeof(struct freeport_sigaction), call_sigaction_new, true},
    {"sigaction(old)", sizeof(struct freeport_sigaction), call_sigaction_old, true},
    {"sigprocmask(set)", 8, call_sigprocmask_set, true},
    {"sigprocmask(old)", 8, call_sigprocmask_old, true},
    {"sigpending", 8, call_sigpending, false},
    {"sigsuspend", 8, call_sigsuspend, false},
    {"nanosleep(request)", sizeof(struct freeport_timespec), call_nanosleep, false},
    {"clock_gettime", sizeof(struct freeport_timespec), call_clock_gettime, false},
    {"times", sizeof(struct freeport_tms), call_times, false},
    {"read", 16, call_read, false},
    {"write", 16, call_write, false},
    {"open(path)", 8, call_open, false},
    {"readv(vector)", sizeof(struct freeport_iovec), call_readv, false},
    {"writev(vector)", sizeof(struct freeport_iovec), call_writev, false},
    {"readv(base)", 16, call_readv_base, false},
    {"writev(base)", 16, call_writev_base, false},
    {"stat(path)", 8, call_stat_path, false},
    {"stat(buffer)", sizeof(struct freeport_stat), call_stat_buffer, false},
    {"lstat(path)", 8, call_lstat_path, false},
    {"lstat(buffer)", sizeof(struct freeport_stat), call_lstat_buffer, false},
    {"fstat(buffer)", sizeof(struct freeport_stat), call_fstat, false},
    {"ioctl(TIOCGWINSZ)", sizeof(struct freeport_winsize), call_ioctl_winsize, false},
    {"ioctl(TCGETS)", sizeof(struct freeport_termios), call_ioctl_termios, false},
    {"mkdir(path)", 8, call_mkdir, false},
    {"rmdir(path)", 8, call_rmdir, false},
    {"unlink(path)", 8, call_unlink, false},
    {"rename(old)", 8, call_rename_old, false},
    {"rename(new)", 8, call_rename_new, false},
    {"getdents(buffer)", 2, call_getdents, false}, /* straddling: 1 byte, less than any record */
    {"chdir(path)", 8, call_chdir, false},
    {"getcwd(buffer)", 2, call_getcwd, false}, /* straddling: 1 byte, less than "/" */
    {"access(path)", 8, call_access, false},
    {"mknod(path)", 8, call_mknod, false},
    {"pipe2(fds)", 2 * sizeof(int), call_pipe2, false},
    {"kstat", sizeof(struct freeport_kstat), call_kstat, false},
    {"procinfo", sizeof(struct freeport_procinfo), call_procinfo, false},
};

static void check_every_call(void)
{
    for (size_t c = 0; c < sizeof(calls) / sizeof(calls[0]); c++) {
        for (size_t which = calls[c].null_allowed ? 1 : 0; which <= FIXED_BAD_COUNT; which++) {
            long result = calls[c].call(bad_address(which, calls[c].object_size));
            CHECK(result == -EFAULT, "%s, %s: EFAULT (got %ld)", calls[c].name, bad_name(which), result);
        }
    }
}

/* A path running off the end of the mapping without a NUL. */
static void check_unterminated_path(void)
{
    char *path = (char *)mapping_end - 100;
    memset(path, 'a', 100);
    CHECK(RAW(SYS_open, path, FP_O_RDONLY, 0) == -EFAULT,
          "open of a path that runs into unmapped memory: EFAULT");
    CHECK(RAW(SYS_execve, path, 0, 0) == -EFAULT, "execve of that path: EFAULT");
}

static void check_huge_lengths(void)
{
    uint8_t *buffer = mapping_end - 4096;
    memset(buffer, '#', 4095); /* if a write wrongly succeeds, it prints text */
    buffer[4095] = '\n';
    CHECK(RAW(SYS_read, rewound(file_fd), buffer, HUGE_LENGTH) == -EFAULT, "read with a huge length: EFAULT");
    CHECK(RAW(SYS_write, 1, buffer, HUGE_LENGTH) == -EFAULT, "write with a huge length: EFAULT");
    printf("\n");
    CHECK(RAW(SYS_getdents, rewound(directory_fd), buffer, HUGE_LENGTH) == -EFAULT,
          "getdents with a huge length: EFAULT");
    struct freeport_iovec vector = {(uint64_t)(uintptr_t)buffer, HUGE_LENGTH};
    CHECK(RAW(SYS_readv, rewound(file_fd), &vector, 1) == -EFAULT, "readv with a huge length: EFAULT");
    CHECK(RAW(SYS_writev, 1, &vector, 1) == -EFAULT, "writev with a huge length: EFAULT");
    printf("\n");
    CHECK(RAW(SYS_read, rewound(file_fd), UINT64_MAX - 8, 16) == -EFAULT,
          "read into a range that wraps around: EFAULT");
}

static void check_memory_calls(void)
{
    CHECK(RAW(SYS_munmap, 0xffff800000000000, 4096) == -EINVAL, "munmap of kernel memory: EINVAL");
    CHECK(RAW(SYS_mprotect, 0xffffffff80000000, 4096, FP_PROT_READ) == -EINVAL ||
              RAW(SYS_mprotect, 0xffffffff80000000, 4096, FP_PROT_READ) == -ENOMEM,
          "mprotect of kernel memory: EINVAL or ENOMEM");
    CHECK(RAW(SYS_mmap, 0xffff800000000000, 4096, FP_PROT_READ,
              FP_MAP_PRIVATE | FP_MAP_ANONYMOUS | FP_MAP_FIXED, -1, 0) == -EINVAL,
          "mmap MAP_FIXED over the kernel: EINVAL");
    uint64_t break_now = (uint64_t)RAW(SYS_brk, 0);
    CHECK((uint64_t)RAW(SYS_brk, 0xffff800000000000) == break_now, "brk into the kernel is refused");
}

static void setup(void)
{
    uint8_t *pages = mmap(NULL, 2 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    munmap(pages + 4096, 4096);
    mapping_end = pages + 4096;
    memset(mapping_end - 256, 'a', 256); /* strings that straddle the end have no NUL */
    file_fd = open("/etc/rc", O_RDONLY);
    directory_fd = open("/", O_RDONLY | O_DIRECTORY);
    close(open("/tmp/exists", O_WRONLY | O_CREAT, 0644));
    zombie = fork();
    if (zombie == 0)
        _exit(9);
    usleep(50000);
}

int main(void)
{
    struct freeport_kstat before, after;

    setvbuf(stdout, NULL, _IONBF, 0);
    setup();
    freeport_kstat(&before);
    check_every_call();
    check_unterminated_path();
    check_huge_lengths();
    check_memory_calls();
    freeport_kstat(&after);
    kstat_print("before", &before);
    kstat_print("after", &after);
    CHECK(kstat_same(&before, &after), "no memory, file or vnode leaked by the failed calls");
    int status = 0;
    CHECK(waitpid(zombie, &status, 0) == zombie && WEXITSTATUS(status) == 9,
          "the zombie survived the bad waitpid calls and is reaped now");
    return check_done();
}
