/*
 * service_tools.h - what the in-guest tests of the services share
 * (userland/tests/services.c, userland/tests/logd_*.c): running a tool and
 * capturing its output, reading `svc list`, looking into the stored log.
 *
 * Layer: test programs (user space), next to check.h. Waits here are
 * bounded polls for a state to be reached (a service restarted, a record
 * stored), never assertions about how long something took.
 */
#ifndef FREEPORT_TESTS_SERVICE_TOOLS_H
#define FREEPORT_TESTS_SERVICE_TOOLS_H

#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define TOOL_OUTPUT_MAX 8192
#define POLL_STEP_US    50000
#define POLL_STEPS      200 /* 10 s: far more than any state change takes */

/* Runs argv (NULL-terminated) with stdout (and stderr) into out; its exit
 * status, 128 + N if signal N ended it, or -1 if it could not be run. */
static int tool_run(char *out, size_t size, char *const argv[])
{
    int pipe_fds[2];
    size_t length = 0;
    ssize_t got;
    int status;

    if (pipe(pipe_fds) < 0)
        return -1;
    pid_t pid = fork();
    if (pid == 0) {
        dup2(pipe_fds[1], STDOUT_FILENO);
        dup2(pipe_fds[1], STDERR_FILENO);
        close(pipe_fds[0]);
        close(pipe_fds[1]);
        execv(argv[0], argv);
        _exit(127);
    }
    close(pipe_fds[1]);
    while (length + 1 < size && (got = read(pipe_fds[0], out + length, size - 1 - length)) > 0)
        length += (size_t)got;
    out[length] = '\0';
    close(pipe_fds[0]);
    if (pid < 0 || waitpid(pid, &status, 0) != pid)
        return -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/* tool("/bin/svc", "list", NULL) with the output in tool_output. */
static char tool_output[TOOL_OUTPUT_MAX];
#define tool(...) tool_run(tool_output, sizeof(tool_output), (char *const[]){__VA_ARGS__, NULL})

struct svc_row {
    char name[24], state[12];
    int pid; /* 0: none */
    unsigned restarts;
    int last; /* -1: none yet */
};

static int dash_or_number(const char *text, int none)
{
    return strcmp(text, "-") == 0 ? none : atoi(text);
}

/* The row of `svc list` for name; false if svc failed or has no such row. */
static bool svc_row(const char *name, struct svc_row *row)
{
    char pid[16], last[16];

    if (tool("/bin/svc", "list") != 0)
        return false;
    for (char *line = strtok(tool_output, "\n"); line; line = strtok(NULL, "\n")) {
        if (sscanf(line, "%23s %11s %15s %u %15s", row->name, row->state, pid, &row->restarts, last) == 5 &&
            strcmp(row->name, name) == 0) {
            row->pid = dash_or_number(pid, 0);
            row->last = dash_or_number(last, -1);
            return true;
        }
    }
    return false;
}

/* Polls until name is in state (and, if not_pid != 0, has another pid). */
static bool svc_wait(const char *name, const char *state, int not_pid, struct svc_row *row)
{
    for (int step = 0; step < POLL_STEPS; step++) {
        if (svc_row(name, row) && strcmp(row->state, state) == 0 && (not_pid == 0 || row->pid != not_pid))
            return true;
        usleep(POLL_STEP_US);
    }
    return false;
}

/* The 1-based number of the first line of /var/log/messages holding every
 * one of the strings of wanted (NULL-terminated), or 0 if none does. */
static int log_line_matching(const char *const *wanted)
{
    static char line[1024];
    int number = 0;
    FILE *file = fopen("/var/log/messages", "r");

    if (!file)
        return 0;
    while (fgets(line, sizeof(line), file)) {
        bool all = true;
        number++;
        for (int i = 0; wanted[i] && all; i++)
            all = strstr(line, wanted[i]) != NULL;
        if (all) {
            fclose(file);
            return number;
        }
    }
    fclose(file);
    return 0;
}

/* Polls until such a line is stored; its number, or 0. */
static int log_wait_matching(const char *const *wanted)
{
    for (int step = 0; step < POLL_STEPS; step++) {
        int line = log_line_matching(wanted);
        if (line)
            return line;
        usleep(POLL_STEP_US);
    }
    return 0;
}

#define log_line_with(...) log_line_matching((const char *const[]){__VA_ARGS__, NULL})
#define log_wait_for(...)  log_wait_matching((const char *const[]){__VA_ARGS__, NULL})

#endif
