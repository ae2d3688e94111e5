/*
 * outside.c - an ordinary POSIX program, written as if for any Unix.
 *
 * tests/guest-run.bats builds it twice, unchanged: with the host gcc (run on
 * Linux) and with build/bin/freeport-cc (run in Freeport, in QEMU and in
 * Bochs), and requires the three outputs to be identical. It uses what a
 * newlib program ported to Freeport typically uses: stdio, malloc, files,
 * fork, execve, waitpid, pipes of control through exit statuses, signals.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile sig_atomic_t alarms;

static void on_alarm(int signal_number)
{
    (void)signal_number;
    alarms++;
}

static int check_files(void)
{
    const char *path = "/tmp/outside-test.txt";
    char line[64] = "";
    FILE *file = fopen(path, "w");
    struct stat status;

    if (!file)
        return perror("fopen"), 1;
    for (int i = 1; i <= 3; i++)
        fprintf(file, "line %d of %d\n", i, 3);
    fclose(file);
    if (stat(path, &status) != 0)
        return perror("stat"), 1;
    printf("file: %lld bytes, regular %d\n", (long long)status.st_size, S_ISREG(status.st_mode));
    file = fopen(path, "r");
    while (file && fgets(line, sizeof(line), file))
        ;
    printf("file: last line '%.*s'\n", (int)strcspn(line, "\n"), line);
    if (file)
        fclose(file);
    unlink(path);
    printf("file: after unlink, open fails with ENOENT: %d\n", open(path, O_RDONLY) < 0 && errno == ENOENT);
    return 0;
}

static int check_memory(void)
{
    size_t count = 100000;
    long *numbers = malloc(count * sizeof(*numbers));
    long sum = 0;

    if (!numbers)
        return perror("malloc"), 1;
    for (size_t i = 0; i < count; i++)
        numbers[i] = (long)i;
    for (size_t i = 0; i < count; i++)
        sum += numbers[i];
    free(numbers);
    printf("malloc: sum of 0..%zu is %ld\n", count - 1, sum);
    return 0;
}

static int check_processes(char *self)
{
    int status;
    pid_t child = fork();

    if (child == 0) {
        char *argv[] = { self, "child", NULL };
        execve(self, argv, (char *[]){ "GREETING=hello from exec", NULL });
        _exit(99);
    }
    if (child < 0 || waitpid(child, &status, 0) != child)
        return perror("fork/waitpid"), 1;
    printf("exec: child exited %d with status %d\n", WIFEXITED(status), WEXITSTATUS(status));
    child = fork();
    if (child == 0) {
        pause();
        _exit(0);
    }
    kill(child, SIGTERM);
    waitpid(child, &status, 0);
    printf("kill: child killed by signal %d\n", WIFSIGNALED(status) ? WTERMSIG(status) : 0);
    return 0;
}

static int check_signals(void)
{
    struct sigaction action;

    memset(&action, 0, sizeof(action));
    action.sa_handler = on_alarm;
    sigaction(SIGALRM, &action, NULL);
    alarm(1);
    while (alarms == 0)
        pause();
    printf("signal: SIGALRM handled %d time(s)\n", (int)alarms);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "child") == 0) {
        printf("exec: in the child, GREETING=%s\n", getenv("GREETING"));
        return 7;
    }
    setvbuf(stdout, NULL, _IONBF, 0);
    printf("hello from an ordinary program\n");
    if (check_files() || check_memory() || check_processes(argv[0]) || check_signals())
        return 1;
    printf("done\n");
    return 0;
}
