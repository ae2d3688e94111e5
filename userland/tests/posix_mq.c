/*
 * posix_mq - POSIX message queues seen from user space: every success and
 * errno path of mq_open, mq_unlink, mq_send/mq_receive and their timed
 * forms, mq_getattr/mq_setattr and mq_notify; exact priority order; two
 * processes blocking on each other; fork inheritance and close-on-exec;
 * poll and fstat on a queue descriptor; the limits; and the kernel's
 * counters back where they started.
 *
 * Run by tests/posix_mq.bats in a fresh guest; prints one line per check
 * and exits with the number of failures. `posix_mq --fd-open N` is the
 * helper the close-on-exec check runs.
 */
#include "check.h"
#include <fcntl.h>
#include <mqueue.h>
#include <poll.h>
#include <stdlib.h>
#include <sys/stat.h>

#define NAME "/posix_mq"

static mqd_t make(const char *name, long maxmsg, long msgsize)
{
    struct mq_attr attr = {.mq_maxmsg = maxmsg, .mq_msgsize = msgsize};

    return mq_open(name, O_RDWR | O_CREAT | O_EXCL, 0600, &attr);
}

static int64_t now_ms(void)
{
    struct timespec now;

    clock_gettime(CLOCK_MONOTONIC, &now);
    return (int64_t)now.tv_sec * 1000 + now.tv_nsec / 1000000;
}

/* CLOCK_REALTIME `ms` milliseconds from now (negative: in the past). */
static struct timespec realtime_in(long ms)
{
    struct timespec when;

    clock_gettime(CLOCK_REALTIME, &when);
    long long ns = (long long)when.tv_nsec + (long long)ms * 1000000;
    when.tv_sec += ns / 1000000000;
    when.tv_nsec = ns % 1000000000;
    if (when.tv_nsec < 0) {
        when.tv_nsec += 1000000000;
        when.tv_sec--;
    }
    return when;
}

static void check_open_errors(void)
{
    char long_name[300];
    struct mq_attr attr = {.mq_maxmsg = 0, .mq_msgsize = 16};

    memset(long_name, 'n', sizeof(long_name));
    long_name[0] = '/';
    long_name[sizeof(long_name) - 1] = 0;
    CHECK(mq_open("noslash", O_RDWR | O_CREAT, 0600, NULL) == -1 && errno == EINVAL,
          "a name without '/': EINVAL");
    CHECK(mq_open("/", O_RDWR | O_CREAT, 0600, NULL) == -1 && errno == EINVAL, "\"/\" alone: EINVAL");
    CHECK(mq_open("/a/b", O_RDWR | O_CREAT, 0600, NULL) == -1 && errno == EINVAL, "a second '/': EINVAL");
    CHECK(mq_open(long_name, O_RDWR | O_CREAT, 0600, NULL) == -1 && errno == ENAMETOOLONG,
          "a 298-byte name: ENAMETOOLONG");
    CHECK(RAW(SYS_mq_open, bad_pointer(8), O_RDWR, 0, 0) == -EFAULT, "a name at a bad address: EFAULT");
    CHECK(mq_open(NAME, O_RDWR) == -1 && errno == ENOENT, "no such queue, no O_CREAT: ENOENT");
    CHECK(mq_unlink(NAME) == -1 && errno == ENOENT, "mq_unlink of no queue: ENOENT");
    CHECK(mq_open(NAME, O_RDWR | O_CREAT, 0600, &attr) == -1 && errno == EINVAL, "mq_maxmsg 0: EINVAL");
    attr = (struct mq_attr){.mq_maxmsg = FP_MQ_MAXMSG_MAX + 1, .mq_msgsize = 16};
    CHECK(mq_open(NAME, O_RDWR | O_CREAT, 0600, &attr) == -1 && errno == EINVAL, "mq_maxmsg 257: EINVAL");
    attr = (struct mq_attr){.mq_maxmsg = 4, .mq_msgsize = 0};
    CHECK(mq_open(NAME, O_RDWR | O_CREAT, 0600, &attr) == -1 && errno == EINVAL, "mq_msgsize 0: EINVAL");
    attr.mq_msgsize = FP_MQ_MSGSIZE_MAX + 1;
    CHECK(mq_open(NAME, O_RDWR | O_CREAT, 0600, &attr) == -1 && errno == EINVAL, "mq_msgsize 8193: EINVAL");
    CHECK(RAW(SYS_mq_open, NAME, O_RDWR | O_CREAT, 0600, bad_pointer(8)) == -EFAULT,
          "bad attributes: EFAULT");
    CHECK(mq_open(NAME, O_ACCMODE | O_CREAT, 0600, NULL) == -1 && errno == EINVAL, "access mode 3: EINVAL");

    mqd_t queue = mq_open(NAME, O_RDWR | O_CREAT, 0600, NULL);
    struct mq_attr got;
    CHECK(queue >= 0 && mq_getattr(queue, &got) == 0 && got.mq_maxmsg == 10 && got.mq_msgsize == 8192 &&
              got.mq_curmsgs == 0 && got.mq_flags == 0,
          "no attributes: 10 messages of 8192 bytes");
    CHECK(make(NAME, 4, 16) == -1 && errno == EEXIST, "O_CREAT | O_EXCL on an existing queue: EEXIST");
    mqd_t again = mq_open(NAME, O_WRONLY | O_CREAT, 0600, NULL);
    CHECK(again >= 0 && again != queue, "O_CREAT alone opens the existing queue");
    CHECK(fcntl(queue, F_GETFD) == FD_CLOEXEC, "a queue descriptor is close-on-exec");
    struct stat status;
    CHECK(fstat(queue, &status) == 0 && S_ISREG(status.st_mode) && (status.st_mode & 0777) == 0600,
          "fstat works on it (a regular file, mode 0600)");
    char byte;
    CHECK(read(queue, &byte, 1) == -1 && errno == EINVAL,
          "read() on a queue: EINVAL (mq_receive is the way)");
    mq_close(again);
    mq_close(queue);
    CHECK(mq_unlink(NAME) == 0, "mq_unlink");
    CHECK(mq_close(queue) == -1 && errno == EBADF, "mq_close twice: EBADF");
}

static void check_priorities(void)
{
    const unsigned sent[] = {0, 5, 32767, 1024, 1023, 5, 2047, 0, 32766};
    const unsigned expect[] = {32767, 32766, 2047, 1024, 1023, 5, 5, 0, 0};
    const char expect_text[] = "cigdebfah";
    mqd_t queue = make(NAME, 16, 8);
    char text[2] = "a", buffer[8];
    unsigned priority;
    bool in_order = true;

    for (unsigned index = 0; index < 9; index++) {
        text[0] = (char)('a' + index);
        in_order &= mq_send(queue, text, 1, sent[index]) == 0;
    }
    CHECK(in_order, "9 messages sent at priorities 0..32767");
    for (unsigned index = 0; index < 9; index++) {
        ssize_t got = mq_receive(queue, buffer, sizeof(buffer), &priority);
        in_order &= got == 1 && priority == expect[index] && buffer[0] == expect_text[index];
    }
    CHECK(in_order, "received highest priority first, exactly (1024 before 1023, 32767 before 32766), "
                    "FIFO among equals");
    CHECK(mq_send(queue, "x", 1, MQ_PRIO_MAX) == -1 && errno == EINVAL, "priority MQ_PRIO_MAX: EINVAL");
    CHECK(mq_send(queue, "123456789", 9, 0) == -1 && errno == EMSGSIZE,
          "a message longer than mq_msgsize: EMSGSIZE");
    CHECK(mq_send(queue, "12345678", 8, 0) == 0 && mq_receive(queue, buffer, 8, NULL) == 8,
          "exactly mq_msgsize: sent and received");
    CHECK(mq_receive(queue, buffer, 7, NULL) == -1 && errno == EMSGSIZE,
          "a buffer below mq_msgsize: EMSGSIZE");
    CHECK(mq_send(queue, "", 0, 3) == 0 && mq_receive(queue, buffer, 8, &priority) == 0 && priority == 3,
          "an empty message");
    CHECK(RAW(SYS_mq_timedsend, queue, bad_pointer(8), 4, 0, 0) == -EFAULT, "a bad message buffer: EFAULT");
    mq_send(queue, "abcd", 4, 0);
    CHECK(mq_receive(queue, bad_pointer(8), 8, NULL) == -1 && errno == EFAULT,
          "a bad receive buffer: EFAULT");
    struct mq_attr attr;
    CHECK(mq_getattr(queue, &attr) == 0 && attr.mq_curmsgs == 1, "and the message is still queued");
    CHECK(mq_receive(queue, buffer, 8, bad_pointer(4)) == -1 && errno == EFAULT,
          "a bad priority pointer: EFAULT");
    CHECK(mq_getattr(queue, &attr) == 0 && attr.mq_curmsgs == 1, "and the message is still queued");
    CHECK(mq_receive(queue, buffer, 8, NULL) == 4, "received once the buffer is good");
    mq_close(queue);
    mq_unlink(NAME);
}

static void check_nonblocking_and_attributes(void)
{
    mqd_t queue = make(NAME, 2, 4);
    struct mq_attr attr, old;
    char buffer[4];

    attr = (struct mq_attr){.mq_flags = O_NONBLOCK, .mq_maxmsg = 99};
    CHECK(mq_setattr(queue, &attr, &old) == 0 && old.mq_flags == 0, "mq_setattr: O_NONBLOCK on");
    CHECK(mq_getattr(queue, &attr) == 0 && attr.mq_flags == O_NONBLOCK && attr.mq_maxmsg == 2,
          "only O_NONBLOCK changed (mq_maxmsg stays 2)");
    CHECK(mq_receive(queue, buffer, 4, NULL) == -1 && errno == EAGAIN, "empty, non-blocking: EAGAIN");
    mq_send(queue, "1", 1, 0);
    mq_send(queue, "2", 1, 0);
    CHECK(mq_send(queue, "3", 1, 0) == -1 && errno == EAGAIN, "full, non-blocking: EAGAIN");
    CHECK(mq_getattr(queue, &attr) == 0 && attr.mq_curmsgs == 2, "mq_curmsgs 2");
    attr.mq_flags = O_APPEND;
    CHECK(mq_setattr(queue, &attr, NULL) == -1 && errno == EINVAL, "another flag: EINVAL");
    attr.mq_flags = 0;
    CHECK(mq_setattr(queue, &attr, NULL) == 0 && mq_getattr(queue, &attr) == 0 && attr.mq_flags == 0,
          "O_NONBLOCK off");
    CHECK(RAW(SYS_mq_getsetattr, queue, 0, bad_pointer(8)) == -EFAULT, "a bad attribute pointer: EFAULT");
    int fds[2];
    pipe(fds);
    CHECK(mq_getattr(fds[0], &attr) == -1 && errno == EBADF, "mq_getattr on a pipe: EBADF");
    CHECK(mq_send(fds[1], "x", 1, 0) == -1 && errno == EBADF, "mq_send on a pipe: EBADF");
    close(fds[0]);
    close(fds[1]);
    CHECK(mq_send(99, "x", 1, 0) == -1 && errno == EBADF, "mq_send on a closed descriptor: EBADF");
    mqd_t reader = mq_open(NAME, O_RDONLY), writer = mq_open(NAME, O_WRONLY | O_NONBLOCK);
    CHECK(mq_send(reader, "x", 1, 0) == -1 && errno == EBADF, "mq_send on an O_RDONLY descriptor: EBADF");
    CHECK(mq_receive(writer, buffer, 4, NULL) == -1 && errno == EBADF,
          "mq_receive on an O_WRONLY one: EBADF");
    CHECK(mq_send(writer, "x", 1, 0) == -1 && errno == EAGAIN, "mq_open's O_NONBLOCK is the descriptor's");
    mq_close(reader);
    mq_close(writer);
    mq_close(queue);
    mq_unlink(NAME);
}

static void check_timeouts(void)
{
    mqd_t queue = make(NAME, 1, 4);
    char buffer[4];
    struct timespec past = realtime_in(-1000), bad = realtime_in(100), huge = {INT64_MAX / 2, 0};
    struct timespec soon = realtime_in(100);

    bad.tv_nsec = 1000000000;
    CHECK(mq_timedreceive(queue, buffer, 4, NULL, &past) == -1 && errno == ETIMEDOUT,
          "empty, a deadline already past: ETIMEDOUT at once");
    int64_t start = now_ms();
    CHECK(mq_timedreceive(queue, buffer, 4, NULL, &soon) == -1 && errno == ETIMEDOUT &&
              now_ms() - start >= 90,
          "a deadline 100 ms ahead: ETIMEDOUT after it");
    CHECK(mq_timedreceive(queue, buffer, 4, NULL, &bad) == -1 && errno == EINVAL, "tv_nsec of 10^9: EINVAL");
    bad.tv_nsec = -1;
    CHECK(mq_timedsend(queue, "x", 1, 0, &bad) == -1 && errno == EINVAL, "tv_nsec -1: EINVAL");
    CHECK(mq_timedsend(queue, "x", 1, 0, &past) == 0,
          "a past deadline does not stop a send that need not wait");
    CHECK(mq_timedsend(queue, "y", 1, 0, &past) == -1 && errno == ETIMEDOUT,
          "full, deadline past: ETIMEDOUT");
    CHECK(mq_timedreceive(queue, buffer, 4, NULL, &huge) == 1, "a huge tv_sec: received at once");
    start = now_ms();
    soon = realtime_in(100);
    mq_send(queue, "z", 1, 0);
    CHECK(mq_timedsend(queue, "y", 1, 0, &soon) == -1 && errno == ETIMEDOUT && now_ms() - start >= 90,
          "full: a blocked send times out");
    mq_close(queue);
    mq_unlink(NAME);
}

static volatile sig_atomic_t signals_caught;

static void on_signal(int signal)
{
    (void)signal;
    signals_caught++;
}

/* A receiver waiting for a sender, a sender waiting for room, a signal. */
static void check_blocking(void)
{
    mqd_t queue = make(NAME, 1, 16);
    char buffer[16];
    unsigned priority = 0;

    pid_t child = fork_child();
    if (child == 0) {
        sleep_ms(100);
        _exit(mq_send(queue, "wake", 4, 77) == 0 ? 0 : 1);
    }
    int64_t start = now_ms();
    CHECK(mq_receive(queue, buffer, 16, &priority) == 4 && priority == 77 && memcmp(buffer, "wake", 4) == 0 &&
              now_ms() - start >= 90,
          "mq_receive waits for another process's mq_send (through an inherited descriptor)");
    int status = -1;
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the child's send succeeded");
    mq_send(queue, "full", 4, 0);
    child = fork_child();
    if (child == 0) {
        sleep_ms(100);
        _exit(mq_receive(queue, buffer, 16, NULL) == 4 ? 0 : 1);
    }
    start = now_ms();
    CHECK(mq_send(queue, "next", 4, 0) == 0 && now_ms() - start >= 90,
          "mq_send on a full queue waits until another process receives");
    waitpid(child, &status, 0);
    CHECK(mq_receive(queue, buffer, 16, NULL) == 4 && memcmp(buffer, "next", 4) == 0,
          "then its message is there");
    struct sigaction action = {.sa_handler = on_signal};
    sigaction(SIGALRM, &action, NULL);
    signals_caught = 0;
    alarm(1);
    CHECK(mq_receive(queue, buffer, 16, NULL) == -1 && errno == EINTR && signals_caught == 1,
          "a signal ends a blocked mq_receive: EINTR");
    signal(SIGALRM, SIG_DFL);
    mq_close(queue);
    mq_unlink(NAME);
}

static void check_unlink_while_open(void)
{
    mqd_t queue = make(NAME, 4, 8);
    char buffer[8];

    mq_send(queue, "old", 3, 1);
    CHECK(mq_unlink(NAME) == 0 && mq_open(NAME, O_RDWR) == -1 && errno == ENOENT,
          "unlinked: the name is gone at once");
    mqd_t fresh = make(NAME, 4, 8);
    struct mq_attr attr;
    CHECK(fresh >= 0 && mq_getattr(fresh, &attr) == 0 && attr.mq_curmsgs == 0,
          "the name makes a new, empty queue");
    CHECK(mq_receive(queue, buffer, 8, NULL) == 3 && memcmp(buffer, "old", 3) == 0,
          "the unlinked queue lives on while open");
    mq_close(fresh);
    mq_unlink(NAME);
    mq_close(queue);
}

static void check_poll(void)
{
    mqd_t queue = make(NAME, 1, 8);
    struct pollfd entry = {.fd = queue, .events = POLLIN | POLLOUT};
    char buffer[8];

    CHECK(poll(&entry, 1, 0) == 1 && entry.revents == POLLOUT, "poll: an empty queue is writable only");
    mq_send(queue, "p", 1, 0);
    CHECK(poll(&entry, 1, 0) == 1 && entry.revents == POLLIN, "a full one readable only");
    entry.events = 0;
    CHECK(poll(&entry, 1, 50) == 0 && entry.revents == 0, "no events asked: poll times out");
    mq_receive(queue, buffer, 8, NULL);
    pid_t child = fork_child();
    if (child == 0) {
        sleep_ms(100);
        mq_send(queue, "q", 1, 0);
        _exit(0);
    }
    entry.events = POLLIN;
    int64_t start = now_ms();
    CHECK(poll(&entry, 1, -1) == 1 && entry.revents == POLLIN && now_ms() - start >= 90,
          "poll sleeps until another process sends");
    waitpid(child, NULL, 0);
    mq_close(queue);
    mq_unlink(NAME);
}

static void check_notify(void)
{
    mqd_t queue = make(NAME, 4, 8);
    struct sigaction action = {.sa_handler = on_signal};
    struct sigevent event = {.sigev_notify = SIGEV_SIGNAL, .sigev_signo = SIGUSR1};
    struct sigevent none = {.sigev_notify = SIGEV_NONE};
    char buffer[8];
    int status = -1;

    sigaction(SIGUSR1, &action, NULL);
    signals_caught = 0;
    CHECK(mq_notify(queue, &event) == 0, "mq_notify: SIGEV_SIGNAL registered");
    CHECK(mq_notify(queue, &event) == -1 && errno == EBUSY, "a second registration: EBUSY");
    pid_t child = fork_child();
    if (child == 0)
        _exit(mq_notify(queue, &none) == -1 && errno == EBUSY ? 0 : 1);
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "another process's registration: EBUSY");
    mq_send(queue, "n", 1, 0);
    CHECK(signals_caught == 1, "a message on the empty queue: the signal");
    mq_send(queue, "n", 1, 0);
    mq_receive(queue, buffer, 8, NULL);
    mq_receive(queue, buffer, 8, NULL);
    mq_send(queue, "n", 1, 0);
    CHECK(signals_caught == 1, "the registration went with it: no second signal");
    mq_receive(queue, buffer, 8, NULL);
    CHECK(mq_notify(queue, &event) == 0, "registering again works");
    mq_send(queue, "n", 1, 0);
    mq_send(queue, "n", 1, 0);
    CHECK(signals_caught == 2, "only the message that found the queue empty signals");
    mq_receive(queue, buffer, 8, NULL);
    mq_receive(queue, buffer, 8, NULL);
    CHECK(mq_notify(queue, &event) == 0 && mq_notify(queue, NULL) == 0 && mq_notify(queue, &none) == 0,
          "mq_notify(NULL) removes it");
    mq_send(queue, "n", 1, 0);
    CHECK(signals_caught == 2 && mq_notify(queue, &event) == 0,
          "SIGEV_NONE: nothing delivered, but it fired");
    mq_receive(queue, buffer, 8, NULL);
    child = fork_child();
    if (child == 0)
        _exit(mq_receive(queue, buffer, 8, NULL) == 1 ? 0 : 1);
    sleep_ms(100);
    mq_send(queue, "r", 1, 0);
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0 && signals_caught == 2,
          "a receiver waiting takes the message: no notification");
    CHECK(mq_notify(queue, &event) == -1 && errno == EBUSY, "and the registration stays");
    event.sigev_signo = 0;
    mq_notify(queue, NULL);
    CHECK(mq_notify(queue, &event) == -1 && errno == EINVAL, "signal 0: EINVAL");
    event = (struct sigevent){.sigev_notify = SIGEV_THREAD};
    CHECK(mq_notify(queue, &event) == -1 && errno == EINVAL, "SIGEV_THREAD: EINVAL");
    CHECK(mq_notify(99, NULL) == -1 && errno == EBADF, "mq_notify on a closed descriptor: EBADF");
    signal(SIGUSR1, SIG_DFL);
    mq_close(queue);
    mq_unlink(NAME);
}

static void check_exec(const char *self)
{
    mqd_t queue = make(NAME, 1, 8);
    char number[16];
    int status = -1;

    snprintf(number, sizeof(number), "%d", queue);
    pid_t child = fork_child();
    if (child == 0) {
        execl(self, self, "--fd-open", number, (char *)NULL);
        _exit(3);
    }
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 1, "the descriptor is closed across exec");
    mq_close(queue);
    mq_unlink(NAME);
}

/* 256 queues of 64 messages of 8 KiB can exist; a 257th: ENOSPC. */
static void check_limits(void)
{
    char name[32];
    bool made = true;

    mqd_t big = make(NAME, 64, 8192);
    static char message[8192];
    for (int index = 0; index < 64; index++)
        made &= mq_send(big, message, sizeof(message), (unsigned)index) == 0;
    CHECK(made, "64 messages of 8 KiB in one queue");
    mq_close(big);
    for (int index = 1; index < FP_MQ_OPEN_MAX; index++) {
        snprintf(name, sizeof(name), "/limit%d", index);
        mqd_t queue = make(name, 1, 8);
        made &= queue >= 0;
        mq_close(queue);
    }
    CHECK(made, "256 queues at once (each closed, still named)");
    CHECK(make("/one-too-many", 1, 8) == -1 && errno == ENOSPC, "a 257th: ENOSPC");
    for (int index = 1; index < FP_MQ_OPEN_MAX; index++) {
        snprintf(name, sizeof(name), "/limit%d", index);
        mq_unlink(name);
    }
    CHECK(mq_unlink(NAME) == 0, "unlinking frees a closed queue with its messages");
}

static void run_checks(const char *self)
{
    check_open_errors();
    check_priorities();
    check_nonblocking_and_attributes();
    check_timeouts();
    check_blocking();
    check_unlink_while_open();
    check_poll();
    check_notify();
    check_exec(self);
    check_limits();
    _exit(check_failures);
}

int main(int argc, char **argv)
{
    struct freeport_kstat before;
    int status = -1;

    if (argc == 3 && strcmp(argv[1], "--fd-open") == 0)
        return fcntl(atoi(argv[2]), F_GETFD) >= 0 ? 0 : 1;
    setvbuf(stdout, NULL, _IONBF, 0);
    /* The first queue sets the heap's slabs up, and the first megabyte of
     * 8 KiB messages costs the kernel a frame it keeps (check_limits):
     * both before the counters are read. */
    static char warm_message[8192];
    mqd_t warm = make(NAME, 64, 8192);
    for (int index = 0; index < 64; index++)
        mq_send(warm, warm_message, sizeof(warm_message), 0);
    mq_close(warm);
    mq_unlink(NAME);
    freeport_kstat(&before);
    pid_t checker = fork();
    if (checker == 0)
        run_checks(argv[0]);
    waitpid(checker, &status, 0);
    CHECK(WIFEXITED(status), "the checks ran to the end");
    check_failures += WIFEXITED(status) ? WEXITSTATUS(status) : 0;
    check_kstat_back(&before, "frames, heap, processes, threads, files and vnodes back to where they were");
    return check_done();
}
