/*
 * tty_pty - pseudo-terminals and the line discipline behind every
 * terminal: openpty and /dev/pts/N, termios (canonical editing, echo,
 * raw mode with VMIN/VTIME, output processing), the signal characters
 * sent to the foreground process group only, the controlling terminal
 * and its ioctls, background reads (SIGTTIN), hang-up on both sides,
 * poll, window size, and bad arguments. All in a child whose counters are
 * checked back at baseline (check_in_child).
 */
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <termios.h>
#include "check.h"

#define PTY_COUNT_TRIED 20 /* more than the kernel's 16 */

struct pty {
    int master, slave;
    char name[PTY_NAME_MAX];
};

static struct pty pty_open(void)
{
    struct pty pty = {-1, -1, ""};

    if (openpty(&pty.master, &pty.slave, pty.name, NULL, NULL) < 0)
        printf("# openpty: %s\n", strerror(errno));
    return pty;
}

static void pty_close(struct pty *pty)
{
    close(pty->master);
    close(pty->slave);
}

static void type_at(int master, const char *text)
{
    write(master, text, strlen(text));
}

/* Everything the master can read now, as a string. */
static const char *master_output(int master)
{
    static char buffer[512];
    int queued = 0;
    ssize_t count = 0;

    ioctl(master, FIONREAD, &queued);
    if (queued > 0)
        count = read(master, buffer, sizeof(buffer) - 1);
    buffer[count > 0 ? count : 0] = '\0';
    return buffer;
}

/* One read on the slave, as a string ("EOF" for 0 bytes, the errno's
 * name-ish "-N" on error). */
static const char *slave_read(int slave)
{
    static char buffer[512];
    ssize_t count = read(slave, buffer, sizeof(buffer) - 1);

    if (count < 0)
        snprintf(buffer, sizeof(buffer), "-%d", errno);
    else if (count == 0)
        strcpy(buffer, "EOF");
    else
        buffer[count] = '\0';
    return buffer;
}

static void set_lflag(int fd, tcflag_t clear, tcflag_t set)
{
    struct termios settings;

    tcgetattr(fd, &settings);
    settings.c_lflag = (settings.c_lflag & ~clear) | set;
    tcsetattr(fd, TCSANOW, &settings);
}

static void check_open(void)
{
    struct pty pty = pty_open();
    struct stat status;
    unsigned number = 99;

    CHECK(pty.master >= 0 && pty.slave >= 0, "openpty gives two descriptors");
    CHECK(strncmp(pty.name, "/dev/pts/", 9) == 0, "the slave is %s", pty.name);
    CHECK(ptsname(pty.master) && strcmp(ptsname(pty.master), pty.name) == 0, "ptsname(master) names it");
    CHECK(ioctl(pty.slave, TIOCGPTN, &number) == 0 && number == (unsigned)atoi(pty.name + 9),
          "TIOCGPTN on the slave: %u", number);
    CHECK(isatty(pty.slave) && isatty(pty.master), "both ends are terminals");
    CHECK(fstat(pty.slave, &status) == 0 && S_ISCHR(status.st_mode), "the slave is a character device");
    int again = open(pty.name, O_RDWR | O_NOCTTY);
    CHECK(again >= 0, "open(%s) gives another descriptor for the slave", pty.name);
    type_at(pty.master, "x\r");
    CHECK(strcmp(slave_read(again), "x\n") == 0, "which reads the same terminal");
    close(again);
    CHECK(access("/dev/pts", F_OK) == 0 && access("/dev/pts/99", F_OK) == -1 && errno == ENOENT,
          "/dev/pts exists, /dev/pts/99 does not");
    pty_close(&pty);
    CHECK(access(pty.name, F_OK) == -1 && errno == ENOENT, "a closed pty's slave is gone from /dev/pts");
}

static void check_defaults(void)
{
    struct pty pty = pty_open();
    struct termios settings;
    struct winsize size;

    tcgetattr(pty.slave, &settings);
    CHECK((settings.c_lflag & (ICANON | ECHO | ECHOE | ISIG)) == (ICANON | ECHO | ECHOE | ISIG) &&
              (settings.c_iflag & ICRNL) && (settings.c_oflag & (OPOST | ONLCR)) == (OPOST | ONLCR),
          "canonical, echo, signals, CR read as NL, NL written as CR NL");
    CHECK(settings.c_cc[VINTR] == 3 && settings.c_cc[VQUIT] == 0x1c && settings.c_cc[VERASE] == 0x7f &&
              settings.c_cc[VKILL] == 0x15 && settings.c_cc[VEOF] == 4 && settings.c_cc[VSUSP] == 0x1a &&
              settings.c_cc[VMIN] == 1 && settings.c_cc[VTIME] == 0,
          "^C ^\\ DEL ^U ^D ^Z, VMIN 1, VTIME 0");
    CHECK(ioctl(pty.slave, TIOCGWINSZ, &size) == 0 && size.ws_row == 24 && size.ws_col == 80, "24 x 80");
    struct winsize wide = {50, 132, 0, 0};
    CHECK(ioctl(pty.master, TIOCSWINSZ, &wide) == 0 && ioctl(pty.slave, TIOCGWINSZ, &size) == 0 &&
              size.ws_row == 50 && size.ws_col == 132,
          "TIOCSWINSZ on the master, seen on the slave");
    pty_close(&pty);
}

static void check_canonical_editing(void)
{
    struct pty pty = pty_open();

    type_at(pty.master, "hello");
    CHECK(fcntl(pty.slave, F_SETFL, O_NONBLOCK) == 0 && read(pty.slave, (char[8]){0}, 8) == -1 && errno == EAGAIN,
          "an unfinished line is not readable (EAGAIN)");
    fcntl(pty.slave, F_SETFL, 0);
    type_at(pty.master, "\r");
    CHECK(strcmp(slave_read(pty.slave), "hello\n") == 0, "Enter ends the line: hello\\n");
    CHECK(strcmp(master_output(pty.master), "hello\r\n") == 0, "the master got the echo, NL as CR NL");
    type_at(pty.master, "cax\x7f\x7ft\r");
    CHECK(strcmp(slave_read(pty.slave), "ct\n") == 0, "ERASE (DEL) removes a byte each");
    CHECK(strcmp(master_output(pty.master), "cax\b \b\b \bt\r\n") == 0, "and is echoed as \\b \\b");
    type_at(pty.master, "junk\x15ok\r");
    CHECK(strcmp(slave_read(pty.slave), "ok\n") == 0, "KILL (^U) removes the line");
    master_output(pty.master);
    type_at(pty.master, "\x04");
    CHECK(strcmp(slave_read(pty.slave), "EOF") == 0, "^D on an empty line: end of file");
    type_at(pty.master, "abc\x04");
    CHECK(strcmp(slave_read(pty.slave), "abc") == 0, "^D after text ends the line without itself");
    master_output(pty.master);
    set_lflag(pty.slave, ECHO, 0);
    type_at(pty.master, "secret\r");
    CHECK(strcmp(slave_read(pty.slave), "secret\n") == 0 && strcmp(master_output(pty.master), "") == 0,
          "without ECHO nothing comes back");
    pty_close(&pty);
}

static void check_output_processing(void)
{
    struct pty pty = pty_open();
    struct termios settings;

    write(pty.slave, "a\nb", 3);
    CHECK(strcmp(master_output(pty.master), "a\r\nb") == 0, "OPOST|ONLCR: the slave's NL reaches the master as CR NL");
    tcgetattr(pty.slave, &settings);
    settings.c_oflag &= ~(tcflag_t)OPOST;
    tcsetattr(pty.slave, TCSANOW, &settings);
    write(pty.slave, "a\nb", 3);
    CHECK(strcmp(master_output(pty.master), "a\nb") == 0, "without OPOST it is unchanged");
    pty_close(&pty);
}

static void check_raw_mode(void)
{
    struct pty pty = pty_open();
    struct termios settings;

    tcgetattr(pty.slave, &settings);
    cfmakeraw(&settings);
    tcsetattr(pty.slave, TCSANOW, &settings);
    type_at(pty.master, "x\x7f\x03\r");
    CHECK(strcmp(slave_read(pty.slave), "x\x7f\x03\r") == 0, "cfmakeraw: bytes as typed, no editing, no signal");
    CHECK(strcmp(master_output(pty.master), "") == 0, "and no echo");
    settings.c_cc[VMIN] = 0;
    tcsetattr(pty.slave, TCSANOW, &settings);
    CHECK(read(pty.slave, (char[4]){0}, 4) == 0, "VMIN 0, VTIME 0: a read with nothing there returns 0 at once");
    settings.c_cc[VTIME] = 1;
    tcsetattr(pty.slave, TCSANOW, &settings);
    CHECK(read(pty.slave, (char[4]){0}, 4) == 0, "VMIN 0, VTIME 1: 0 once a tenth of a second passed");
    type_at(pty.master, "q");
    CHECK(strcmp(slave_read(pty.slave), "q") == 0, "and a byte typed is read");
    pty_close(&pty);
}

/* Raw mode: a master write waits while the slave's input is full, and
 * nothing is lost; with O_NONBLOCK it is EAGAIN, and poll says POLLOUT
 * once a read made room. */
static void check_master_write_waits(void)
{
    struct pty pty = pty_open();
    struct termios settings;
    char bytes[1500];
    int status = -1;

    tcgetattr(pty.slave, &settings);
    cfmakeraw(&settings);
    tcsetattr(pty.slave, TCSANOW, &settings);
    for (size_t i = 0; i < sizeof(bytes); i++)
        bytes[i] = (char)('a' + i % 26);
    pid_t child = fork_child();
    if (child == 0) {
        char got[sizeof(bytes)];
        size_t total = 0;
        sleep_ms(50);
        while (total < sizeof(got)) {
            ssize_t count = read(pty.slave, got + total, sizeof(got) - total);
            if (count <= 0)
                _exit(2);
            total += (size_t)count;
        }
        _exit(memcmp(got, bytes, sizeof(got)) == 0 ? 0 : 1);
    }
    CHECK(write(pty.master, bytes, sizeof(bytes)) == (ssize_t)sizeof(bytes),
          "a raw-mode master write of 1500 bytes into a 1024-byte input waits for the reader");
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "who gets every byte, in order (status 0x%x)", status);
    fcntl(pty.master, F_SETFL, O_NONBLOCK);
    ssize_t first = write(pty.master, bytes, sizeof(bytes));
    CHECK(first == 1024 && write(pty.master, "x", 1) == -1 && errno == EAGAIN,
          "O_NONBLOCK: %zd bytes taken, then EAGAIN", first);
    struct pollfd master = {pty.master, POLLOUT, 0};
    CHECK(poll(&master, 1, 0) == 0, "poll: not writable while full");
    read(pty.slave, bytes, 10);
    CHECK(poll(&master, 1, 0) == 1 && master.revents == POLLOUT, "writable again once the slave read");
    pty_close(&pty);
}

/* A reader blocked on the slave is woken by the master's write; a reader
 * blocked on the master by the slave's. */
static void check_blocking_reads(void)
{
    struct pty pty = pty_open();
    int status = -1;

    pid_t child = fork_child();
    if (child == 0)
        _exit(strcmp(slave_read(pty.slave), "late\n") == 0 ? 0 : 1);
    sleep_ms(50);
    type_at(pty.master, "late\r");
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "a blocked slave read gets the line typed later");
    master_output(pty.master);
    child = fork_child();
    if (child == 0) {
        char buffer[8] = {0};
        _exit(read(pty.master, buffer, sizeof(buffer)) == 2 && strcmp(buffer, "ok") == 0 ? 0 : 1);
    }
    sleep_ms(50);
    write(pty.slave, "ok", 2);
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "a blocked master read gets the slave's output");
    pty_close(&pty);
}

static void check_poll(void)
{
    struct pty pty = pty_open();
    struct pollfd fds[2] = {{pty.master, POLLIN, 0}, {pty.slave, POLLIN | POLLOUT, 0}};

    CHECK(poll(fds, 2, 0) == 1 && fds[0].revents == 0 && fds[1].revents == POLLOUT,
          "nothing to read on either end; the slave is writable");
    type_at(pty.master, "p\r");
    CHECK(poll(fds, 2, 0) == 2 && (fds[0].revents & POLLIN) && (fds[1].revents & POLLIN),
          "a line typed: the slave is readable, and the master has the echo");
    slave_read(pty.slave);
    master_output(pty.master);
    int status = -1;
    pid_t child = fork_child();
    if (child == 0) {
        struct pollfd slave = {pty.slave, POLLIN, 0};
        _exit(poll(&slave, 1, -1) == 1 && (slave.revents & POLLIN) ? 0 : 1);
    }
    sleep_ms(50);
    type_at(pty.master, "w\r");
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "a poll sleeping on the slave wakes for the master's line");
    slave_read(pty.slave);
    master_output(pty.master);
    child = fork_child();
    if (child == 0) {
        struct pollfd master = {pty.master, POLLIN, 0};
        _exit(poll(&master, 1, -1) == 1 && (master.revents & POLLIN) ? 0 : 1);
    }
    sleep_ms(50);
    write(pty.slave, "z", 1);
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "a poll sleeping on the master wakes for the slave's write");
    pty_close(&pty);
}

/* The slave side's session: a session leader owning the pty as its
 * controlling terminal, and a job (a child in a group of its own) in the
 * foreground. The leader reports what happened to the job through its
 * exit status. */
enum job_test { JOB_INTERRUPT, JOB_QUIT, JOB_SUSPEND, JOB_BACKGROUND_READ, JOB_HANGUP };

static int ready[2];

static int job_outcome(pid_t job, enum job_test test)
{
    int status = 0, options = test == JOB_SUSPEND || test == JOB_BACKGROUND_READ ? WUNTRACED : 0;

    waitpid(job, &status, options);
    switch (test) {
    case JOB_INTERRUPT: return WIFSIGNALED(status) && WTERMSIG(status) == SIGINT;
    case JOB_QUIT: return WIFSIGNALED(status) && WTERMSIG(status) == SIGQUIT;
    case JOB_SUSPEND: return WIFSTOPPED(status) && WSTOPSIG(status) == SIGTSTP;
    case JOB_BACKGROUND_READ: return WIFSTOPPED(status) && WSTOPSIG(status) == SIGTTIN;
    default: return WIFSIGNALED(status) && WTERMSIG(status) == SIGHUP;
    }
}

static volatile int leader_signals;

static void count_signal(int signal)
{
    (void)signal;
    leader_signals++;
}

/* In the session leader: 0 if the job saw what `test` expects and the
 * leader (in the background) got no signal - but for a hang-up, which is
 * also the session leader's (SIGHUP, as on Linux). */
static _Noreturn void run_session(struct pty *pty, enum job_test test)
{
    setsid();
    close(pty->master);
    ioctl(pty->slave, TIOCSCTTY, 0);
    pid_t job = fork();
    if (job == 0) {
        setpgid(0, 0);
        if (test == JOB_BACKGROUND_READ)
            read(pty->slave, (char[4]){0}, 4);
        for (;;)
            pause();
    }
    signal(SIGINT, count_signal);
    signal(SIGQUIT, count_signal);
    signal(SIGTSTP, count_signal);
    signal(SIGHUP, count_signal);
    setpgid(job, job);
    if (test != JOB_BACKGROUND_READ)
        tcsetpgrp(pty->slave, job);
    write(ready[1], "r", 1);
    int outcome = job_outcome(job, test);
    kill(job, SIGKILL);
    waitpid(job, NULL, 0);
    _exit(outcome && leader_signals == (test == JOB_HANGUP) ? 0 : 1);
}

static void check_job(enum job_test test, const char *typed, const char *what)
{
    struct pty pty = pty_open();
    int status = -1;
    char byte;

    pipe(ready);
    pid_t leader = fork_child();
    if (leader == 0)
        run_session(&pty, test);
    read(ready[0], &byte, 1);
    if (test == JOB_HANGUP)
        close(pty.master);
    else
        type_at(pty.master, typed);
    waitpid(leader, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "%s", what);
    if (test != JOB_HANGUP)
        close(pty.master);
    close(pty.slave);
    close(ready[0]);
    close(ready[1]);
}

static void check_signal_characters(void)
{
    check_job(JOB_INTERRUPT, "abc\x03", "^C: SIGINT to the foreground group only");
    check_job(JOB_QUIT, "\x1c", "^\\: SIGQUIT to the foreground group only");
    check_job(JOB_SUSPEND, "\x1a", "^Z: SIGTSTP stops the foreground job");
    check_job(JOB_BACKGROUND_READ, "", "a background read of the controlling terminal: SIGTTIN stops it");
    check_job(JOB_HANGUP, "", "closing the master: SIGHUP to the foreground group and the session leader");
}

static volatile int winch_count;

static void count_winch(int signal)
{
    (void)signal;
    winch_count++;
}

/* A new window size is SIGWINCH for the foreground group (the caller);
 * setting the same size again is not. 0 if so. */
static int window_change_fails(int fd)
{
    struct winsize size = {30, 100, 0, 0};

    signal(SIGWINCH, count_winch);
    ioctl(fd, TIOCSWINSZ, &size);
    int after_change = winch_count;
    ioctl(fd, TIOCSWINSZ, &size);
    return after_change != 1 || winch_count != 1;
}

/* In a session leader: the controlling terminal ioctls and their errors. */
static _Noreturn void controlling_terminal_checks(struct pty *pty, struct pty *other)
{
    int32_t group = 0, session = 0;
    int failures = 0;

    failures += ioctl(pty->slave, TIOCGPGRP, &group) != -1 || errno != ENOTTY; /* not ours yet */
    failures += tcgetpgrp(pty->slave) != -1;
    setsid();
    failures += ioctl(pty->slave, TIOCSCTTY, 0) != 0;
    failures += ioctl(other->slave, TIOCSCTTY, 0) != -1 || errno != EPERM; /* one per session */
    failures += tcgetpgrp(pty->slave) != getpid();
    failures += ioctl(pty->slave, TIOCGSID, &session) != 0 || session != getpid();
    failures += window_change_fails(pty->slave);
    failures += tcsetpgrp(pty->slave, 1) != -1 || errno != EPERM; /* init's group: another session */
    failures += tcsetpgrp(pty->slave, -3) != -1 || errno != EINVAL;
    failures += tcgetpgrp(other->slave) != -1 || errno != ENOTTY;
    signal(SIGHUP, SIG_IGN); /* the leader's TIOCNOTTY hangs up its own foreground group */
    failures += ioctl(pty->slave, TIOCNOTTY) != 0;
    failures += tcgetpgrp(pty->slave) != -1 || errno != ENOTTY; /* given up */
    _exit(failures);
}

/* A session leader without a controlling terminal that opens one without
 * O_NOCTTY gets it; with O_NOCTTY it does not. 0 if so. */
static _Noreturn void open_checks(const char *name)
{
    int failures = 0;

    setsid();
    int quiet = open(name, O_RDWR | O_NOCTTY);
    failures += tcgetpgrp(quiet) != -1 || errno != ENOTTY;
    int fd = open(name, O_RDWR);
    failures += tcgetpgrp(fd) != getpid();
    _exit(failures);
}

static void check_controlling_terminal(void)
{
    struct pty pty = pty_open(), other = pty_open();
    int status = -1;

    pid_t child = fork_child();
    if (child == 0)
        controlling_terminal_checks(&pty, &other);
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0,
          "TIOCSCTTY, tcgetpgrp, tcsetpgrp, TIOCGSID, SIGWINCH, TIOCNOTTY and their errors (%d wrong)",
          WIFEXITED(status) ? WEXITSTATUS(status) : -1);
    child = fork_child();
    if (child == 0)
        open_checks(pty.name);
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0,
          "a session leader opening the slave without O_NOCTTY gets it as its controlling terminal");
    int32_t group;
    CHECK(ioctl(pty.slave, TIOCSCTTY, 0) == -1 && errno == EPERM, "TIOCSCTTY by a non-leader: EPERM");
    CHECK(ioctl(pty.slave, TIOCGPGRP, &group) == -1 && errno == ENOTTY, "TIOCGPGRP on a terminal not ours: ENOTTY");
    pty_close(&pty);
    pty_close(&other);
}

/* Slave side after the master closed: reads give end of file, writes EIO;
 * master side after every slave closed: reads EIO, poll POLLHUP. */
static void check_hangups(void)
{
    struct pty pty = pty_open();

    close(pty.master);
    CHECK(strcmp(slave_read(pty.slave), "EOF") == 0, "master closed: a slave read returns 0");
    CHECK(write(pty.slave, "x", 1) == -1 && errno == EIO, "and a slave write fails with EIO");
    struct pollfd slave = {pty.slave, POLLIN, 0};
    CHECK(poll(&slave, 1, 0) == 1 && (slave.revents & POLLHUP), "poll on the slave: POLLHUP");
    CHECK(open(pty.name, O_RDWR) == -1, "its name is gone");
    close(pty.slave);

    pty = pty_open();
    write(pty.slave, "left", 4);
    close(pty.slave);
    struct pollfd master = {pty.master, POLLIN, 0};
    CHECK(poll(&master, 1, 0) == 1 && (master.revents & POLLHUP), "slave closed: poll on the master: POLLHUP");
    CHECK(strcmp(master_output(pty.master), "left") == 0, "what the slave wrote can still be read");
    CHECK(read(pty.master, (char[4]){0}, 4) == -1 && errno == EIO, "then a master read fails with EIO");
    close(pty.master);
}

static void check_bad_arguments(void)
{
    struct pty pty = pty_open();
    int pipe_fds[2];

    CHECK(ioctl(pty.slave, TCGETS, bad_pointer(8)) == -1 && errno == EFAULT, "TCGETS to a bad pointer: EFAULT");
    CHECK(ioctl(pty.slave, TCSETS, bad_pointer(0xffff800000000000)) == -1 && errno == EFAULT,
          "TCSETS from a kernel address: EFAULT");
    CHECK(ioctl(pty.master, TIOCSWINSZ, NULL) == -1 && errno == EFAULT, "TIOCSWINSZ from NULL: EFAULT");
    CHECK(write(pty.master, bad_pointer(8), 4) == -1 && errno == EFAULT, "master write from a bad pointer: EFAULT");
    CHECK(write(pty.slave, bad_pointer(8), 4) == -1 && errno == EFAULT, "slave write from a bad pointer: EFAULT");
    CHECK(write(pty.slave, "x", 1) == 1 && read(pty.master, bad_pointer(8), 4) == -1 && errno == EFAULT,
          "master read into a bad pointer: EFAULT");
    CHECK(write(pty.master, "y\n", 2) == 2 && read(pty.slave, bad_pointer(8), 4) == -1 && errno == EFAULT,
          "slave read into a bad pointer: EFAULT");
    CHECK(ioctl(pty.slave, 0x5499, NULL) == -1 && errno == ENOTTY, "an unknown request: ENOTTY");
    CHECK(ioctl(pty.master, TIOCGPGRP, &(int32_t){0}) == -1 && errno == ENOTTY, "TIOCGPGRP on a master: ENOTTY");
    pipe(pipe_fds);
    CHECK(ioctl(pipe_fds[0], TCGETS, &(struct termios){0}) == -1 && errno == ENOTTY && !isatty(pipe_fds[0]),
          "a pipe is no terminal: ENOTTY");
    close(pipe_fds[0]);
    close(pipe_fds[1]);
    int console = open("/dev/console", O_RDWR | O_NOCTTY);
    CHECK(ioctl(console, TIOCGPTN, &(unsigned){0}) == -1 && errno == ENOTTY, "TIOCGPTN on the console: ENOTTY");
    close(console);
    CHECK(tcsetattr(pty.slave, 99, &(struct termios){0}) == -1 && errno == EINVAL, "tcsetattr action 99: EINVAL");
    CHECK(openpty(&pty.master, &pty.slave, NULL, bad_pointer(8), NULL) == -1 && errno == EFAULT,
          "openpty with bad settings: EFAULT (and nothing left open)");
    CHECK(RAW(SYS_openpty, bad_pointer(8), 0) == -EFAULT, "SYS_openpty to a bad pointer: EFAULT");
    int fds[2];
    CHECK(RAW(SYS_openpty, fds, 0x1) == -EINVAL, "SYS_openpty with an unknown flag: EINVAL");
    pty_close(&pty);
}

static void check_table_full(void)
{
    struct pty ptys[PTY_COUNT_TRIED];
    int opened = 0;

    while (opened < PTY_COUNT_TRIED && openpty(&ptys[opened].master, &ptys[opened].slave, NULL, NULL, NULL) == 0)
        opened++;
    CHECK(opened >= 1 && opened <= 16 && errno == EAGAIN, "at most 16 ptys at once, then EAGAIN (%d here)",
          opened);
    for (int i = 0; i < opened; i++)
        pty_close(&ptys[i]);
    struct pty again = pty_open();
    CHECK(again.master >= 0, "closed, their numbers are free again");
    pty_close(&again);
}

static void checks(const char *self)
{
    (void)self;
    check_open();
    check_defaults();
    check_canonical_editing();
    check_output_processing();
    check_raw_mode();
    check_blocking_reads();
    check_master_write_waits();
    check_poll();
    check_signal_characters();
    check_controlling_terminal();
    check_hangups();
    check_bad_arguments();
    check_table_full();
    _exit(check_failures);
}

int main(int argc, char **argv)
{
    (void)argc;
    setvbuf(stdout, NULL, _IONBF, 0);
    return check_in_child(checks, argv[0]);
}
