/*
 * proc_exec - execve: argv, envp and the auxiliary vector reach the new
 * program; close-on-exec; caught signals reset; a failed execve leaves the
 * caller intact; E2BIG, ENOENT, EACCES, ENOEXEC, EFAULT.
 *
 * Run without arguments it is the test; it re-executes itself with
 * "child ..." arguments to look at what the new image received.
 */
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include "check.h"

static int preserved_value = 7;

extern void _start(void);

static void handler(int signal)
{
    (void)signal;
}

/* The child side: argv and envp as sent, the auxiliary vector after envp,
 * fd 5 closed (close-on-exec) and fd 6 open, SIGUSR1 back to default,
 * SIGUSR2 still ignored. */
static int child_main(int argc, char **argv, char **envp)
{
    char **end = envp;
    while (*end)
        end++;
    uint64_t *aux = (uint64_t *)(end + 1), page_size = 0, entry = 0;
    for (; aux[0] != FP_AT_NULL; aux += 2) {
        if (aux[0] == FP_AT_PAGESZ)
            page_size = aux[1];
        if (aux[0] == FP_AT_ENTRY)
            entry = aux[1];
    }
    struct sigaction usr1, usr2;
    sigaction(SIGUSR1, NULL, &usr1);
    sigaction(SIGUSR2, NULL, &usr2);
    CHECK(argc == 4 && strcmp(argv[1], "child") == 0 && strcmp(argv[2], "two words") == 0 &&
              strcmp(argv[3], "") == 0,
          "argv arrives intact (argc %d)", argc);
    CHECK(argv[argc] == NULL, "argv[argc] is NULL");
    CHECK(envp[0] && strcmp(envp[0], "ALPHA=1") == 0 && envp[1] && strcmp(envp[1], "BETA=two") == 0 &&
              !envp[2],
          "envp arrives intact");
    CHECK(getenv("BETA") && strcmp(getenv("BETA"), "two") == 0, "getenv sees the environment");
    CHECK(page_size == 4096, "AT_PAGESZ is 4096");
    CHECK(entry == (uint64_t)(uintptr_t)_start, "AT_ENTRY is _start (0x%llx)", (unsigned long long)entry);
    CHECK(((uintptr_t)argv - 8) % 16 == 0, "the initial stack pointer was 16-byte aligned");
    CHECK(fcntl(5, F_GETFD) == -1 && errno == EBADF, "a close-on-exec descriptor is closed");
    CHECK(fcntl(6, F_GETFD) == 0, "another descriptor stays open");
    CHECK(usr1.sa_handler == SIG_DFL, "a caught signal is back to SIG_DFL");
    CHECK(usr2.sa_handler == SIG_IGN, "an ignored signal stays ignored");
    CHECK(preserved_value == 7, "the data segment is the program's own");
    return check_done();
}

static void exec_child(void)
{
    char *argv[] = {"/bin/proc_exec", "child", "two words", "", NULL};
    char *envp[] = {"ALPHA=1", "BETA=two", NULL};
    int keep = open("/etc/rc", O_RDONLY);
    int cloexec = open("/etc/rc", O_RDONLY | O_CLOEXEC);
    dup2(keep, 6);
    dup2(cloexec, 5);
    fcntl(5, F_SETFD, FD_CLOEXEC);
    signal(SIGUSR1, handler);
    signal(SIGUSR2, SIG_IGN);
    execve(argv[0], argv, envp);
    _exit(100);
}

static void check_failures_keep_image(void)
{
    char *argv[] = {"x", NULL};
    preserved_value = 8;
    CHECK(execve("/no/such/program", argv, NULL) == -1 && errno == ENOENT, "missing file: ENOENT");
    CHECK(execve("/etc", argv, NULL) == -1 && errno == EACCES, "a directory: EACCES");
    CHECK(execve("/etc/rc", argv, NULL) == -1 && (errno == ENOEXEC || errno == EACCES),
          "a text file: ENOEXEC or EACCES (errno %d)", errno);
    CHECK(execve(bad_pointer(8), argv, NULL) == -1 && errno == EFAULT, "a bad path pointer: EFAULT");
    CHECK(execve("/bin/true", bad_pointer(8), NULL) == -1 && errno == EFAULT, "a bad argv pointer: EFAULT");
    char *bad_string[] = {"x", bad_pointer(0xffff800000000000), NULL};
    CHECK(execve("/bin/true", bad_string, NULL) == -1 && errno == EFAULT, "a bad argv string: EFAULT");
    CHECK(preserved_value == 8, "after failed execs the caller's memory is intact");
}

static void check_e2big(void)
{
    static char chunk[4000];
    static char *argv[100];
    memset(chunk, 'a', sizeof(chunk) - 1);
    argv[0] = "/bin/true";
    for (int i = 1; i < 99; i++)
        argv[i] = chunk;
    CHECK(execve("/bin/true", argv, NULL) == -1 && errno == E2BIG, "400 KB of arguments: E2BIG");
}

static void check_exec_of_garbage(void)
{
    int fd = open("/tmp/garbage", O_WRONLY | O_CREAT | O_TRUNC, 0755);
    char header[64] = {0x7f, 'E', 'L', 'F', 2, 1, 1, 0};
    write(fd, header, sizeof(header));
    close(fd);
    char *argv[] = {"/tmp/garbage", NULL};
    CHECK(execve("/tmp/garbage", argv, NULL) == -1 && errno == ENOEXEC, "a broken ELF header: ENOEXEC");
}

int main(int argc, char **argv, char **envp)
{
    if (argc > 1)
        return child_main(argc, argv, envp);
    setvbuf(stdout, NULL, _IONBF, 0);
    int status = run_in_child(exec_child);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the exec'd child's checks passed (status 0x%x)",
          status);
    check_failures_keep_image();
    check_e2big();
    check_exec_of_garbage();
    return check_done();
}
