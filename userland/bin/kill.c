/*
 * kill [-SIGNAL | -s SIGNAL] [--] pid... - send a signal (TERM by default);
 * kill -l lists the signal names.
 *
 * Layer: user program. SIGNAL is a name with or without "SIG" (KILL,
 * SIGKILL) or a number. A pid is a decimal number; a negative one names
 * a process group (after "--", so it is not read as a signal). Anything
 * else, the empty word of an empty expansion included, is refused rather
 * than read as 0, which would signal the caller's whole group.
 */
#include <ctype.h>
#include <err.h>
#include <errno.h>
#include <stdbool.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const struct {
    const char *name;
    int number;
} signal_names[] = {
    {"HUP", SIGHUP},   {"INT", SIGINT},   {"QUIT", SIGQUIT},   {"ILL", SIGILL},   {"TRAP", SIGTRAP},
    {"ABRT", SIGABRT}, {"FPE", SIGFPE},   {"KILL", SIGKILL},   {"BUS", SIGBUS},   {"SEGV", SIGSEGV},
    {"SYS", SIGSYS},   {"PIPE", SIGPIPE}, {"ALRM", SIGALRM},   {"TERM", SIGTERM}, {"URG", SIGURG},
    {"STOP", SIGSTOP}, {"TSTP", SIGTSTP}, {"CONT", SIGCONT},   {"CHLD", SIGCHLD}, {"TTIN", SIGTTIN},
    {"TTOU", SIGTTOU}, {"IO", SIGIO},     {"WINCH", SIGWINCH}, {"USR1", SIGUSR1}, {"USR2", SIGUSR2},
};

#define SIGNAL_NAME_COUNT (sizeof(signal_names) / sizeof(signal_names[0]))

/* The number of a signal given by name or number; -1 if there is none. */
static int parse_signal(const char *text)
{
    if (isdigit((unsigned char)text[0]))
        return atoi(text);
    if (strncasecmp(text, "SIG", 3) == 0)
        text += 3;
    for (size_t i = 0; i < SIGNAL_NAME_COUNT; i++)
        if (strcasecmp(text, signal_names[i].name) == 0)
            return signal_names[i].number;
    return -1;
}

/* The pid `text` names, as kill(2) takes it; false if it is not a number. */
static bool parse_pid(const char *text, pid_t *pid)
{
    char *end;
    errno = 0;
    long value = strtol(text, &end, 10);
    if (text[0] == '\0' || *end != '\0' || errno != 0 || value != (pid_t)value)
        return false;
    *pid = (pid_t)value;
    return true;
}

static void list_signals(void)
{
    for (size_t i = 0; i < SIGNAL_NAME_COUNT; i++)
        printf("%2d %s\n", signal_names[i].number, signal_names[i].name);
}

int main(int argc, char **argv)
{
    int signal_number = SIGTERM;
    int first = 1;
    if (argc > 1 && strcmp(argv[1], "-l") == 0) {
        list_signals();
        return 0;
    }
    if (argc > 2 && strcmp(argv[1], "-s") == 0) {
        signal_number = parse_signal(argv[2]);
        first = 3;
    } else if (argc > 1 && argv[1][0] == '-') {
        signal_number = parse_signal(argv[1] + 1);
        first = 2;
    }
    if (signal_number < 0)
        errx(2, "unknown signal; kill -l lists them");
    if (first < argc && strcmp(argv[first], "--") == 0)
        first++;
    if (first >= argc)
        errx(2, "usage: kill [-SIGNAL | -s SIGNAL] [--] pid... | kill -l");
    int status = 0;
    for (int i = first; i < argc; i++) {
        pid_t pid;
        if (!parse_pid(argv[i], &pid)) {
            warnx("'%s': not a process id", argv[i]);
            status = 1;
        } else if (kill(pid, signal_number) < 0) {
            warn("%s", argv[i]);
            status = 1;
        }
    }
    return status;
}
