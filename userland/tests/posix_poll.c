/*
 * posix_poll - poll, ppoll, select and pselect seen from user space: every
 * kind of descriptor (a regular file, /dev/null, the console, pipe ends,
 * a FIFO), each revents bit, timeouts of 0, some and none, waking when
 * another process writes or closes, EFAULT, EINVAL, EBADF, EINTR, the
 * signal mask of ppoll and pselect, and the kernel's counters back where
 * they started.
 *
 * Run by tests/posix_poll.bats in a fresh guest; prints one line per check
 * and exits with the number of failures.
 */
#include "check.h"
#include <fcntl.h>
#include <poll.h>
#include <sys/select.h>
#include <sys/stat.h>

#define FIFO "/tmp/posix_poll.fifo"

static int64_t now_ms(void)
{
    struct timespec now;

    clock_gettime(CLOCK_MONOTONIC, &now);
    return (int64_t)now.tv_sec * 1000 + now.tv_nsec / 1000000;
}

/* poll one descriptor for `events` with `timeout`: its revents, or -1. */
static int poll_one(int fd, short events, int timeout)
{
    struct pollfd entry = {.fd = fd, .events = events};

    return poll(&entry, 1, timeout) < 0 ? -1 : entry.revents;
}

static void check_files(void)
{
    int file = open("/etc/rc", O_RDONLY), null = open("/dev/null", O_RDWR);

    CHECK(poll_one(file, POLLIN | POLLOUT, -1) == POLLIN, "a regular file open for reading: POLLIN at once");
    CHECK(poll_one(null, POLLIN | POLLOUT, -1) == (POLLIN | POLLOUT), "/dev/null: POLLIN | POLLOUT");
    CHECK(poll_one(1, POLLOUT, -1) == POLLOUT, "the console: POLLOUT");
    CHECK(poll_one(null, 0, 0) == 0, "no events asked: revents 0");
    close(file);
    close(null);
}

static void check_pipe_bits(void)
{
    int fds[2], flags;
    char byte = 'x', buffer[4096] = {0};

    pipe(fds);
    CHECK(poll_one(fds[0], POLLIN, 0) == 0, "an empty pipe: not readable (timeout 0 returns at once)");
    CHECK(poll_one(fds[1], POLLOUT | POLLIN, 0) == POLLOUT, "its write end: POLLOUT only");
    write(fds[1], &byte, 1);
    CHECK(poll_one(fds[0], POLLIN | POLLOUT, 0) == POLLIN, "one byte in it: POLLIN");
    flags = fcntl(fds[1], F_GETFL);
    fcntl(fds[1], F_SETFL, flags | O_NONBLOCK);
    while (write(fds[1], buffer, sizeof(buffer)) > 0)
        continue;
    CHECK(poll_one(fds[1], POLLOUT, 0) == 0, "a full pipe: not writable");
    read(fds[0], buffer, sizeof(buffer));
    CHECK(poll_one(fds[1], POLLOUT, 0) == POLLOUT, "room for PIPE_BUF again: POLLOUT");
    close(fds[1]);
    CHECK(poll_one(fds[0], POLLIN, 0) == (POLLIN | POLLHUP), "bytes left, no writer: POLLIN | POLLHUP");
    while (read(fds[0], buffer, sizeof(buffer)) > 0)
        continue;
    CHECK(poll_one(fds[0], 0, -1) == POLLHUP, "drained, no writer: POLLHUP even when not asked for");
    close(fds[0]);
    pipe(fds);
    close(fds[0]);
    CHECK(poll_one(fds[1], POLLOUT, -1) == (POLLOUT | POLLERR), "no reader: POLLERR (and POLLOUT: room)");
    close(fds[1]);
}

static void check_fifo(void)
{
    unlink(FIFO);
    mkfifo(FIFO, 0600);
    int reader = open(FIFO, O_RDONLY | O_NONBLOCK), writer = open(FIFO, O_WRONLY);
    CHECK(poll_one(reader, POLLIN, 0) == 0 && poll_one(writer, POLLOUT, 0) == POLLOUT,
          "a FIFO: empty (not readable), writable");
    write(writer, "ab", 2);
    CHECK(poll_one(reader, POLLIN, 0) == POLLIN, "a FIFO with bytes: POLLIN");
    close(writer);
    close(reader);
    int both = open(FIFO, O_RDWR);
    CHECK(poll_one(both, POLLIN | POLLOUT, 0) == POLLOUT, "an O_RDWR FIFO end: writable, never hung up");
    close(both);
    unlink(FIFO);
}

static void check_descriptors(void)
{
    struct pollfd entries[3] = {{.fd = -1, .events = POLLIN}, {.fd = 99, .events = POLLIN}, {.fd = 1000}};

    CHECK(poll(entries, 3, -1) == 2, "a closed and an out-of-range descriptor count as ready");
    CHECK(entries[0].revents == 0 && entries[1].revents == POLLNVAL && entries[2].revents == POLLNVAL,
          "negative fd ignored (revents 0); not open: POLLNVAL");
    CHECK(poll(NULL, 0, 0) == 0, "no descriptors, timeout 0: 0");
}

static void check_timeouts(void)
{
    int fds[2];
    int64_t start;

    pipe(fds);
    start = now_ms();
    CHECK(poll_one(fds[0], POLLIN, 100) == 0 && now_ms() - start >= 100,
          "a 100 ms timeout waits at least 100 ms");
    start = now_ms();
    CHECK(poll(NULL, 0, 50) == 0 && now_ms() - start >= 50, "poll(NULL, 0, 50): a 50 ms sleep");
    struct timespec huge = {INT64_MAX / 2, 999999999}, bad = {0, 1000000000};
    struct pollfd entry = {.fd = fds[1], .events = POLLOUT};
    CHECK(ppoll(&entry, 1, &huge, NULL) == 1, "ppoll with a huge timeout and something ready: at once");
    CHECK(ppoll(&entry, 1, &bad, NULL) == -1 && errno == EINVAL, "ppoll with tv_nsec of 10^9: EINVAL");
    int64_t negative = -1;
    CHECK(RAW(SYS_ppoll, &entry, 1, &negative, 0) == -EINVAL,
          "a negative timeout in the system call: EINVAL");
    close(fds[0]);
    close(fds[1]);
}

/* A child writes (or closes) after 100 ms; the parent sleeps in poll. */
static void check_wakeups(void)
{
    for (int closing = 0; closing < 2; closing++) {
        int fds[2];
        pipe(fds);
        pid_t child = fork_child();
        if (child == 0) {
            close(fds[0]);
            sleep_ms(100);
            if (!closing) {
                write(fds[1], "w", 1);
                sleep_ms(300); /* the parent sees POLLIN alone */
            }
            _exit(0);
        }
        close(fds[1]);
        int64_t start = now_ms();
        int revents = poll_one(fds[0], POLLIN, -1);
        CHECK(revents == (closing ? POLLHUP : POLLIN) && now_ms() - start >= 90,
              "poll(-1) sleeps until another process %s (revents %#x)",
              closing ? "closes: POLLHUP" : "writes: POLLIN", revents);
        waitpid(child, NULL, 0);
        close(fds[0]);
    }
}

/* 64 pipes watched at once, the last one written by a child; 65: EINVAL. */
static void check_many(void)
{
    struct pollfd entries[65];
    int writers[65];

    for (int index = 0; index < 65; index++) {
        int fds[2];
        pipe(fds);
        entries[index] = (struct pollfd){.fd = fds[0], .events = POLLIN};
        writers[index] = fds[1];
    }
    pid_t child = fork_child();
    if (child == 0) {
        sleep_ms(50);
        write(writers[63], "z", 1);
        _exit(0);
    }
    CHECK(poll(entries, 64, 5000) == 1 && entries[63].revents == POLLIN && entries[0].revents == 0,
          "64 pipes at once: woken by the last");
    CHECK(poll(entries, 65, 0) == 1, "65: one of them ready, so no wait is needed");
    char byte;
    read(entries[63].fd, &byte, 1);
    CHECK(poll(entries, 65, 0) == 0, "65 pipes, none ready, timeout 0: 0");
    CHECK(poll(entries, 65, 10) == -1 && errno == EINVAL,
          "65 distinct pipes to wait on: EINVAL (a wait watches at most 64 objects)");
    waitpid(child, NULL, 0);
    for (int index = 0; index < 65; index++) {
        close(entries[index].fd);
        close(writers[index]);
    }
}

static void check_errors(void)
{
    int fds[2];

    pipe(fds);
    CHECK(RAW(SYS_ppoll, bad_pointer(8), 1, 0, 0) == -EFAULT, "fds at a bad address: EFAULT");
    CHECK(RAW(SYS_ppoll, bad_pointer(0xffff800000000000), 2, 0, 0) == -EFAULT, "fds in the kernel: EFAULT");
    struct pollfd entry = {.fd = fds[0], .events = POLLIN};
    CHECK(RAW(SYS_ppoll, &entry, 1, bad_pointer(16), 0) == -EFAULT, "a bad timeout pointer: EFAULT");
    CHECK(RAW(SYS_ppoll, &entry, 1, 0, bad_pointer(16)) == -EFAULT, "a bad sigmask pointer: EFAULT");
    CHECK(poll(&entry, FP_POLL_MAX + 1, 0) == -1 && errno == EINVAL, "nfds beyond FP_POLL_MAX: EINVAL");
    close(fds[0]);
    close(fds[1]);
}

static volatile sig_atomic_t signals_caught;

static void on_signal(int signal)
{
    (void)signal;
    signals_caught++;
}

/* poll is never restarted, even under SA_RESTART. */
static void check_eintr(void)
{
    for (int restart = 0; restart < 2; restart++) {
        struct sigaction action = {.sa_handler = on_signal, .sa_flags = restart ? SA_RESTART : 0};
        int fds[2];
        sigaction(SIGALRM, &action, NULL);
        pipe(fds);
        signals_caught = 0;
        alarm(1);
        CHECK(poll_one(fds[0], POLLIN, -1) == -1 && errno == EINTR && signals_caught == 1,
              "a signal ends poll: EINTR%s", restart ? " (even with SA_RESTART)" : "");
        signal(SIGALRM, SIG_DFL);
        close(fds[0]);
        close(fds[1]);
    }
}

/* ppoll's and pselect's mask: SIGUSR1 blocked normally, unblocked only
 * while they wait, and blocked again after. */
static void check_masks(void)
{
    sigset_t usr1, empty, current;
    struct sigaction action = {.sa_handler = on_signal};
    int fds[2];

    sigemptyset(&usr1);
    sigaddset(&usr1, SIGUSR1);
    sigemptyset(&empty);
    sigaction(SIGUSR1, &action, NULL);
    sigprocmask(SIG_BLOCK, &usr1, NULL);
    pipe(fds);
    for (int use_select = 0; use_select < 2; use_select++) {
        pid_t parent = getpid(), child = fork_child();
        if (child == 0) {
            sleep_ms(100);
            kill(parent, SIGUSR1);
            _exit(0);
        }
        signals_caught = 0;
        int result;
        if (use_select) {
            fd_set readable;
            FD_ZERO(&readable);
            FD_SET(fds[0], &readable);
            result = pselect(fds[0] + 1, &readable, NULL, NULL, NULL, &empty);
        } else {
            struct pollfd entry = {.fd = fds[0], .events = POLLIN};
            result = ppoll(&entry, 1, NULL, &empty);
        }
        CHECK(result == -1 && errno == EINTR && signals_caught == 1,
              "%s with a mask that unblocks SIGUSR1: the signal ends it (EINTR, handler ran)",
              use_select ? "pselect" : "ppoll");
        sigprocmask(SIG_BLOCK, NULL, &current);
        CHECK(sigismember(&current, SIGUSR1), "then the caller's mask is back (SIGUSR1 blocked)");
        waitpid(child, NULL, 0);
    }
    /* The other way: the mask blocks what is otherwise deliverable. */
    sigprocmask(SIG_UNBLOCK, &usr1, NULL);
    pid_t parent = getpid(), child = fork_child();
    if (child == 0) {
        kill(parent, SIGUSR1);
        _exit(0);
    }
    signals_caught = 0;
    struct timespec wait = {0, 300000000};
    struct pollfd entry = {.fd = fds[0], .events = POLLIN};
    int result = ppoll(&entry, 1, &wait, &usr1);
    CHECK(result == 0, "ppoll with SIGUSR1 blocked by its mask times out undisturbed");
    waitpid(child, NULL, 0);
    CHECK(signals_caught == 1, "and the signal is delivered once the caller's mask is back");
    signal(SIGUSR1, SIG_DFL);
    close(fds[0]);
    close(fds[1]);
}

static void check_select(void)
{
    int fds[2], file = open("/etc/rc", O_RDONLY);
    fd_set readable, writable;
    struct timeval zero = {0, 0}, bad = {0, 1000000}, short_wait = {0, 100000};

    pipe(fds);
    FD_ZERO(&readable);
    FD_ZERO(&writable);
    FD_SET(fds[0], &readable);
    FD_SET(file, &readable);
    FD_SET(fds[1], &writable);
    FD_SET(fds[0], &writable); /* a read end is never writable */
    CHECK(select(FD_SETSIZE, &readable, &writable, NULL, &zero) == 2,
          "select: 2 bits (the file, the write end)");
    CHECK(FD_ISSET(file, &readable) && !FD_ISSET(fds[0], &readable) && FD_ISSET(fds[1], &writable) &&
              !FD_ISSET(fds[0], &writable),
          "the sets say which");
    FD_ZERO(&readable);
    FD_SET(fds[0], &readable);
    int64_t start = now_ms();
    CHECK(select(fds[0] + 1, &readable, NULL, NULL, &short_wait) == 0 && !FD_ISSET(fds[0], &readable) &&
              now_ms() - start >= 100,
          "select times out after 100 ms with the set cleared");
    write(fds[1], "s", 1);
    FD_SET(fds[0], &readable);
    CHECK(select(fds[0] + 1, &readable, NULL, NULL, NULL) == 1 && FD_ISSET(fds[0], &readable),
          "select with no timeout: readable at once");
    CHECK(select(FD_SETSIZE + 1, &readable, NULL, NULL, &zero) == -1 && errno == EINVAL,
          "nfds beyond FD_SETSIZE: EINVAL");
    CHECK(select(1, NULL, NULL, NULL, &bad) == -1 && errno == EINVAL, "tv_usec of 10^6: EINVAL");
    FD_ZERO(&readable);
    FD_SET(60, &readable);
    CHECK(select(61, &readable, NULL, NULL, &zero) == -1 && errno == EBADF, "a descriptor not open: EBADF");
    close(fds[0]);
    CHECK(select(fds[1] + 1, NULL, &writable, NULL, &zero) == 1 && FD_ISSET(fds[1], &writable),
          "a write end with no reader is writable (the write would fail at once)");
    close(fds[1]);
    close(file);
}

static void run_checks(void)
{
    check_files();
    check_pipe_bits();
    check_fifo();
    check_descriptors();
    check_timeouts();
    check_wakeups();
    check_many();
    check_errors();
    check_eintr();
    check_masks();
    check_select();
    _exit(check_failures);
}

int main(void)
{
    struct freeport_kstat before;
    int status = -1, fds[2];

    setvbuf(stdout, NULL, _IONBF, 0);
    pipe(fds); /* the first pipe sets the heap's slabs up */
    poll_one(fds[0], POLLIN, 0);
    close(fds[0]);
    close(fds[1]);
    freeport_kstat(&before);
    pid_t checker = fork();
    if (checker == 0)
        run_checks();
    waitpid(checker, &status, 0);
    CHECK(WIFEXITED(status), "the checks ran to the end");
    check_failures += WIFEXITED(status) ? WEXITSTATUS(status) : 0;
    check_kstat_back(&before, "frames, heap, processes, threads, files and vnodes back to where they were");
    return check_done();
}
