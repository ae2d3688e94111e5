/*
 * posix_pipe - pipes, seen from user space: pipe and pipe2 with their
 * flags and errors, end of file and EPIPE/SIGPIPE by open ends (dup and
 * fork share them), blocking and non-blocking transfers both ways, PIPE_BUF
 * atomicity under concurrent writers, signals during a transfer, FIONREAD,
 * fstat, fcntl, close-on-exec, dup2 onto 0 and 1 across exec, bad pointers
 * (whole and partial), EMFILE, ENOMEM from injected allocation failures,
 * and the kernel's counters back where they started.
 *
 * Run by tests/posix_pipe.bats. With an argument it is a helper the tests
 * exec: `--sigpipe` writes to a pipe nobody reads (and dies of SIGPIPE),
 * `--fd-open N` exits 0 if descriptor N is open, 1 if not.
 */
#define _GNU_SOURCE /* pipe2 */
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include "check.h"

#define CAPACITY (64 * 1024) /* what a pipe holds (ipc/stream.h) */
#define FD_LIMIT 256         /* descriptors per process */

static volatile sig_atomic_t usr1_count, pipe_count;
static char big[100000], chunk[4096], message[4096], assembled[4096];

static void on_usr1(int signal)
{
    (void)signal;
    usr1_count++;
}

static void on_sigpipe(int signal)
{
    (void)signal;
    pipe_count++;
}

static void install(int signal, void (*handler)(int), int flags)
{
    struct sigaction action = {.sa_handler = handler, .sa_flags = flags};
    sigemptyset(&action.sa_mask);
    sigaction(signal, &action, NULL);
}

static int wait_status(pid_t pid)
{
    int status = -1;
    return waitpid(pid, &status, 0) == pid ? status : -1;
}

static bool exited_with(int status, int code)
{
    return WIFEXITED(status) && WEXITSTATUS(status) == code;
}

static int nread(int fd)
{
    int count = -1;
    return ioctl(fd, FIONREAD, &count) == 0 ? count : -1;
}

static void close_both(const int fds[2])
{
    close(fds[0]);
    close(fds[1]);
}

/* Write non-blocking until the pipe is full: the bytes it took. */
static long fill(int fd)
{
    long total = 0, put;
    int flags = fcntl(fd, F_GETFL);

    fcntl(fd, F_SETFL, flags | O_NONBLOCK);
    while ((put = write(fd, chunk, sizeof(chunk))) > 0)
        total += put;
    fcntl(fd, F_SETFL, flags);
    return total;
}

static void check_basics(void)
{
    int fds[2] = {-1, -1};
    char buffer[16];
    struct stat status;

    CHECK(pipe(fds) == 0 && fds[0] >= 0 && fds[1] >= 0 && fds[0] != fds[1], "pipe() gives two descriptors");
    CHECK(write(fds[1], "hello", 5) == 5, "write to the write end");
    CHECK(read(fds[0], buffer, sizeof(buffer)) == 5 && memcmp(buffer, "hello", 5) == 0,
          "read returns what is there, not the whole count");
    CHECK(write(fds[1], "abc", 0) == 0 && read(fds[0], buffer, 0) == 0, "zero-length write and read are 0");
    CHECK(fstat(fds[0], &status) == 0 && S_ISFIFO(status.st_mode) && status.st_size == 0,
          "fstat of the read end: S_IFIFO, size 0");
    CHECK(fstat(fds[1], &status) == 0 && S_ISFIFO(status.st_mode), "fstat of the write end: S_IFIFO");
    CHECK(lseek(fds[0], 0, SEEK_SET) == -1 && errno == ESPIPE, "lseek: ESPIPE");
    CHECK(fcntl(fds[0], F_GETFL) == O_RDONLY, "F_GETFL of the read end: O_RDONLY");
    CHECK(fcntl(fds[1], F_GETFL) == O_WRONLY, "F_GETFL of the write end: O_WRONLY");
    CHECK(write(fds[0], "x", 1) == -1 && errno == EBADF, "writing the read end: EBADF");
    CHECK(read(fds[1], buffer, 1) == -1 && errno == EBADF, "reading the write end: EBADF");
    CHECK(ioctl(fds[0], TIOCGWINSZ, buffer) == -1 && errno == ENOTTY, "a terminal ioctl: ENOTTY");
    CHECK(PIPE_BUF == 4096, "PIPE_BUF is 4096");
    close_both(fds);
}

static void check_pipe2_flags(void)
{
    int fds[2] = {-1, -1};
    char byte;

    CHECK(pipe2(fds, O_NONBLOCK) == 0 && fcntl(fds[0], F_GETFL) == (O_RDONLY | O_NONBLOCK) &&
              fcntl(fds[1], F_GETFL) == (O_WRONLY | O_NONBLOCK),
          "pipe2(O_NONBLOCK): both ends non-blocking");
    CHECK(fcntl(fds[0], F_GETFD) == 0 && fcntl(fds[1], F_GETFD) == 0, "... and not close-on-exec");
    CHECK(read(fds[0], &byte, 1) == -1 && errno == EAGAIN, "... an empty read: EAGAIN");
    close_both(fds);
    CHECK(pipe2(fds, O_CLOEXEC) == 0 && fcntl(fds[0], F_GETFD) == FD_CLOEXEC &&
              fcntl(fds[1], F_GETFD) == FD_CLOEXEC && fcntl(fds[0], F_GETFL) == O_RDONLY,
          "pipe2(O_CLOEXEC): both ends close-on-exec, blocking");
    close_both(fds);
    CHECK(pipe2(fds, O_APPEND) == -1 && errno == EINVAL, "pipe2(O_APPEND): EINVAL");
    CHECK(pipe2(fds, 0x1) == -1 && errno == EINVAL, "pipe2(an unknown bit): EINVAL");
    CHECK(pipe2(fds, 0) == 0, "pipe2(0) is pipe()");
    close_both(fds);
}

static void check_end_of_file(void)
{
    int fds[2];
    char buffer[8];

    pipe(fds);
    write(fds[1], "abc", 3);
    close(fds[1]);
    CHECK(read(fds[0], buffer, sizeof(buffer)) == 3, "bytes written before the close are still read");
    CHECK(read(fds[0], buffer, sizeof(buffer)) == 0, "then end of file");
    close(fds[0]);

    /* A dup'd write end keeps the pipe open: counts are by open file. */
    pipe2(fds, O_NONBLOCK);
    int copy = dup(fds[1]);
    close(fds[1]);
    CHECK(read(fds[0], buffer, 1) == -1 && errno == EAGAIN, "a dup of the write end keeps it open");
    close(copy);
    CHECK(read(fds[0], buffer, 1) == 0, "closing the last dup gives end of file");
    close(fds[0]);

    /* The child's copy of the write end counts too, until it closes it. */
    pipe(fds);
    pid_t child = fork_child();
    if (child == 0) {
        close(fds[0]);
        sleep_ms(50);
        write(fds[1], "from child", 10);
        _exit(0);
    }
    close(fds[1]);
    fcntl(fds[0], F_SETFL, O_NONBLOCK);
    CHECK(read(fds[0], buffer, 1) == -1 && errno == EAGAIN, "the child's inherited write end keeps it open");
    fcntl(fds[0], F_SETFL, 0);
    char message[16] = "";
    CHECK(read(fds[0], message, sizeof(message)) == 10 && memcmp(message, "from child", 10) == 0,
          "a blocking read waits for the child's write");
    CHECK(read(fds[0], message, sizeof(message)) == 0, "end of file once the child has exited");
    CHECK(exited_with(wait_status(child), 0), "the child exited normally");
    close(fds[0]);
}

/* In a child: write to a pipe whose only reader is closed. */
static void write_to_broken_pipe(void)
{
    int fds[2];
    pipe(fds);
    close(fds[0]);
    long result = write(fds[1], "x", 1);
    _exit(result == -1 && errno == EPIPE ? 40 + (int)pipe_count : 1);
}

static void check_broken_pipe(void)
{
    int status = run_in_child(write_to_broken_pipe);
    CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGPIPE, "no reader: SIGPIPE's default action kills");

    install(SIGPIPE, on_sigpipe, 0);
    status = run_in_child(write_to_broken_pipe);
    CHECK(exited_with(status, 41), "caught SIGPIPE: the handler runs once and write fails with EPIPE");

    install(SIGPIPE, SIG_IGN, 0);
    status = run_in_child(write_to_broken_pipe);
    CHECK(exited_with(status, 40), "ignored SIGPIPE: write fails with EPIPE");
    install(SIGPIPE, SIG_DFL, 0);

    /* A writer blocked on a full pipe is woken by the last reader's close. */
    int fds[2];
    pipe(fds);
    fill(fds[1]);
    pid_t child = fork_child();
    if (child == 0) {
        signal(SIGPIPE, SIG_IGN);
        close(fds[0]);
        long result = write(fds[1], "y", 1); /* blocks: full */
        _exit(result == -1 && errno == EPIPE ? 0 : 1);
    }
    sleep_ms(50);
    close_both(fds);
    CHECK(exited_with(wait_status(child), 0), "a writer waiting for room gets EPIPE when the readers go");
}

/* One process writes `total` bytes in `write_size` pieces, the other reads
 * them in `read_size` pieces: byte i is (char)(i * 31 + i / 1000). */
static void check_stream_between_processes(long total, size_t write_size, size_t read_size)
{
    char *buffer = big;
    int fds[2];
    bool intact = true;
    long got = 0, n;

    pipe(fds);
    pid_t child = fork_child();
    if (child == 0) {
        close(fds[0]);
        for (long done = 0; done < total;) {
            size_t piece = total - done < (long)write_size ? (size_t)(total - done) : write_size;
            for (size_t i = 0; i < piece; i++)
                buffer[i] = (char)((done + (long)i) * 31 + (done + (long)i) / 1000);
            if (write(fds[1], buffer, piece) != (long)piece)
                _exit(1);
            done += (long)piece;
        }
        _exit(0);
    }
    close(fds[1]);
    while ((n = read(fds[0], buffer, read_size)) > 0) {
        for (long i = 0; i < n; i++)
            intact = intact && buffer[i] == (char)((got + i) * 31 + (got + i) / 1000);
        got += n;
    }
    CHECK(n == 0 && got == total && intact && exited_with(wait_status(child), 0),
          "%ld bytes written %zu at a time arrive intact, read %zu at a time", total, write_size, read_size);
    close(fds[0]);
}

static void check_blocking_writer(void)
{
    int fds[2];
    char buffer[4096];

    pipe(fds);
    CHECK(fill(fds[1]) == CAPACITY, "a pipe holds %d bytes", CAPACITY);
    CHECK(nread(fds[0]) == CAPACITY, "FIONREAD of a full pipe: %d", CAPACITY);
    pid_t child = fork_child();
    if (child == 0)
        _exit(write(fds[1], "0123456789", 10) == 10 ? 0 : 1);
    sleep_ms(50);
    int status = 0;
    CHECK(waitpid(child, &status, WNOHANG) == 0, "a blocking write to a full pipe waits");
    CHECK(read(fds[0], buffer, sizeof(buffer)) == sizeof(buffer), "the reader makes room");
    CHECK(exited_with(wait_status(child), 0), "and the waiting writer finishes");
    CHECK(nread(fds[0]) == CAPACITY - 4096 + 10, "FIONREAD counts its bytes");
    close_both(fds);
}

static void check_nonblocking(void)
{
    int fds[2];
    char buffer[8192];

    pipe2(fds, O_NONBLOCK);
    CHECK(read(fds[0], buffer, 1) == -1 && errno == EAGAIN, "non-blocking read of an empty pipe: EAGAIN");
    CHECK(fill(fds[1]) == CAPACITY, "non-blocking writes fill the pipe");
    CHECK(write(fds[1], buffer, 1) == -1 && errno == EAGAIN, "non-blocking write to a full pipe: EAGAIN");
    CHECK(read(fds[0], buffer, 100) == 100, "read 100 bytes: 100 bytes of room");
    CHECK(write(fds[1], buffer, 200) == -1 && errno == EAGAIN,
          "a 200-byte (<= PIPE_BUF) write into 100 bytes of room: EAGAIN, nothing written");
    CHECK(nread(fds[0]) == CAPACITY - 100, "... FIONREAD unchanged");
    CHECK(write(fds[1], buffer, 5000) == 100, "a 5000-byte (> PIPE_BUF) write takes the 100 bytes that fit");
    CHECK(write(fds[1], buffer, 5000) == -1 && errno == EAGAIN, "... and then EAGAIN");
    close_both(fds);
}

static void check_fcntl_toggles(void)
{
    int fds[2];
    char byte;

    pipe(fds);
    CHECK(fcntl(fds[0], F_SETFL, O_NONBLOCK) == 0 && fcntl(fds[0], F_GETFL) == (O_RDONLY | O_NONBLOCK),
          "F_SETFL O_NONBLOCK: F_GETFL says O_RDONLY | O_NONBLOCK");
    CHECK(read(fds[0], &byte, 1) == -1 && errno == EAGAIN, "... and an empty read gives EAGAIN");
    CHECK(fcntl(fds[0], F_SETFL, 0) == 0 && fcntl(fds[0], F_GETFL) == O_RDONLY, "F_SETFL 0 clears it");
    pid_t child = fork_child();
    if (child == 0) {
        sleep_ms(50);
        _exit(write(fds[1], "z", 1) == 1 ? 0 : 1);
    }
    CHECK(read(fds[0], &byte, 1) == 1 && byte == 'z', "... and reads block again until data comes");
    wait_status(child);
    int copy = dup(fds[0]);
    fcntl(copy, F_SETFL, O_NONBLOCK);
    CHECK(fcntl(fds[0], F_GETFL) == (O_RDONLY | O_NONBLOCK), "dup'd descriptors share the status flags");
    close(copy);
    close_both(fds);
}

static void check_ioctl_fionread(void)
{
    int fds[2];
    char buffer[64];

    pipe(fds);
    CHECK(nread(fds[0]) == 0, "FIONREAD of an empty pipe: 0");
    write(fds[1], buffer, 23);
    write(fds[1], buffer, 40);
    CHECK(nread(fds[0]) == 63 && nread(fds[1]) == 63, "FIONREAD on either end: 63 after 23 + 40 bytes");
    read(fds[0], buffer, 13);
    CHECK(nread(fds[0]) == 50, "FIONREAD after reading 13: 50");
    CHECK(ioctl(fds[0], FIONREAD, bad_pointer(8)) == -1 && errno == EFAULT,
          "FIONREAD to a bad pointer: EFAULT");
    close_both(fds);
}

static void check_readv_writev(void)
{
    int fds[2];
    char a[4] = "", b[8] = "";
    struct iovec out[2] = {{"ab", 2}, {"cdef", 4}}, in[2] = {{a, 4}, {b, 8}};

    pipe(fds);
    CHECK(writev(fds[1], out, 2) == 6, "writev of two buffers");
    CHECK(readv(fds[0], in, 2) == 6 && memcmp(a, "abcd", 4) == 0 && memcmp(b, "ef", 2) == 0,
          "readv fills the first buffer, then takes what is left without waiting for more");
    close_both(fds);
}

/* Writers each write `messages` messages of `size` bytes (writer id and
 * sequence, then the id repeated); the reader checks that every message
 * arrived whole and each writer's in order. */
static void check_atomicity(int writers, int messages, size_t size)
{
    char *buffer = big;
    int fds[2], next[8] = {0};
    size_t filled = 0;
    bool whole = true;
    long n, total = 0;

    pipe(fds);
    for (int w = 0; w < writers; w++) {
        if (fork_child() == 0) {
            close(fds[0]);
            memset(message, 'A' + w, size);
            for (int m = 0; m < messages; m++) {
                message[0] = (char)w;
                message[1] = (char)m;
                if (write(fds[1], message, size) != (long)size)
                    _exit(1);
            }
            _exit(0);
        }
    }
    close(fds[1]);
    while ((n = read(fds[0], buffer, 3000)) > 0) {
        total += n;
        for (long i = 0; i < n; i++) {
            assembled[filled++] = buffer[i];
            if (filled < size)
                continue;
            int w = assembled[0];
            bool same = w >= 0 && w < writers && assembled[1] == (char)next[w];
            for (size_t j = 2; same && j < size; j++)
                same = assembled[j] == 'A' + w;
            whole = whole && same;
            if (same)
                next[w]++;
            filled = 0;
        }
    }
    bool statuses_ok = true;
    for (int w = 0; w < writers; w++) {
        int status = -1;
        statuses_ok = statuses_ok && wait(&status) > 0 && exited_with(status, 0) && next[w] == messages;
    }
    CHECK(whole && statuses_ok && filled == 0 && total == (long)writers * messages * (long)size,
          "%d writers x %d writes of %zu bytes: every write arrives whole, in each writer's order", writers,
          messages, size);
    close(fds[0]);
}

static void check_signals(void)
{
    int fds[2];
    char buffer[8];
    pid_t parent = getpid();

    install(SIGUSR1, on_usr1, 0);
    pipe(fds);
    pid_t child = fork_child();
    if (child == 0) {
        sleep_ms(50);
        kill(parent, SIGUSR1);
        _exit(0);
    }
    usr1_count = 0;
    CHECK(read(fds[0], buffer, sizeof(buffer)) == -1 && errno == EINTR && usr1_count == 1,
          "a signal ends a blocking read with EINTR");
    wait_status(child);

    install(SIGUSR1, on_usr1, SA_RESTART);
    child = fork_child();
    if (child == 0) {
        sleep_ms(50);
        kill(parent, SIGUSR1);
        sleep_ms(50);
        write(fds[1], "late", 4);
        _exit(0);
    }
    usr1_count = 0;
    CHECK(read(fds[0], buffer, sizeof(buffer)) == 4 && usr1_count == 1,
          "with SA_RESTART the read goes on after the handler and gets the data");
    wait_status(child);

    install(SIGUSR1, on_usr1, 0);
    child = fork_child();
    if (child == 0) {
        sleep_ms(100);
        kill(parent, SIGUSR1);
        _exit(0);
    }
    CHECK(write(fds[1], big, sizeof(big)) == CAPACITY,
          "a signal ends a long blocking write after %d bytes with that count", CAPACITY);
    wait_status(child);
    child = fork_child();
    if (child == 0) {
        sleep_ms(50);
        kill(parent, SIGUSR1);
        _exit(0);
    }
    CHECK(write(fds[1], big, 1) == -1 && errno == EINTR, "... and a write that moved nothing with EINTR");
    wait_status(child);
    install(SIGUSR1, SIG_DFL, 0);
    close_both(fds);
}

static void check_exec(const char *self)
{
    int fds[2], keep[2], status;
    char number[16], output[64] = "";

    pipe2(fds, O_CLOEXEC);
    pipe(keep);
    pid_t child = fork_child();
    if (child == 0) {
        snprintf(number, sizeof(number), "%d", fds[1]);
        execl(self, self, "--fd-open", number, (char *)NULL);
        _exit(99);
    }
    status = wait_status(child);
    CHECK(exited_with(status, 1), "a close-on-exec end is closed by exec");
    child = fork_child();
    if (child == 0) {
        snprintf(number, sizeof(number), "%d", keep[1]);
        execl(self, self, "--fd-open", number, (char *)NULL);
        _exit(99);
    }
    CHECK(exited_with(wait_status(child), 0), "an end without it stays open across exec");
    close_both(fds);

    /* echo | wc -c, each end moved onto 0 or 1 with dup2 before exec. */
    int results[2];
    pipe(results);
    pid_t writer = fork_child();
    if (writer == 0) {
        dup2(keep[1], 1);
        close_both(keep);
        close_both(results);
        execl("/bin/echo", "echo", "hello", "world", (char *)NULL);
        _exit(99);
    }
    pid_t counter = fork_child();
    if (counter == 0) {
        dup2(keep[0], 0);
        dup2(results[1], 1);
        close_both(keep);
        close_both(results);
        execl("/bin/wc", "wc", "-c", (char *)NULL);
        _exit(99);
    }
    close_both(keep);
    close(results[1]);
    long n = read(results[0], output, sizeof(output) - 1);
    CHECK(n > 0 && atoi(output) == 12, "echo hello world | wc -c, through dup2 onto 1 and 0, counts %d",
          atoi(output));
    CHECK(exited_with(wait_status(writer), 0) && exited_with(wait_status(counter), 0), "both exited 0");
    close(results[0]);
}

static void check_bad_pointers(void)
{
    int fds[2], lowest;
    char buffer[16];

    lowest = dup(0);
    close(lowest);
    CHECK(pipe(bad_pointer(8)) == -1 && errno == EFAULT, "pipe(bad pointer): EFAULT");
    CHECK(pipe2(bad_pointer(0xffff800000000000ULL), 0) == -1 && errno == EFAULT,
          "pipe2(kernel address): EFAULT");
    int next = dup(0);
    CHECK(next == lowest, "... and no descriptor was left open");
    close(next);

    pipe(fds);
    write(fds[1], "keep", 4);
    CHECK(read(fds[0], bad_pointer(8), 4) == -1 && errno == EFAULT, "read into a bad pointer: EFAULT");
    CHECK(nread(fds[0]) == 4 && read(fds[0], buffer, 4) == 4 && memcmp(buffer, "keep", 4) == 0,
          "... and the bytes stay in the pipe");
    CHECK(write(fds[1], bad_pointer(8), 4) == -1 && errno == EFAULT, "write from a bad pointer: EFAULT");
    CHECK(nread(fds[0]) == 0, "... and nothing was written");

    /* Two pages, the second unmapped: transfers stop at the hole. */
    char *pages = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    munmap(pages + 4096, 4096);
    memset(pages, 'q', 4096);
    CHECK(write(fds[1], pages + 2048, 4096) == -1 && errno == EFAULT && nread(fds[0]) == 0,
          "an atomic write running into a hole: EFAULT, nothing written");
    CHECK(write(fds[1], pages, 8192) == 4096 && nread(fds[0]) == 4096,
          "a long write running into a hole: the bytes before it");
    CHECK(read(fds[0], pages + 1000, 4096) == 3096 && nread(fds[0]) == 1000,
          "a read running into a hole: the bytes before it, the rest stays");
    munmap(pages, 4096);
    close_both(fds);
}

static void check_emfile(void)
{
    struct freeport_kstat before, after;
    int fds[2] = {-1, -1}, extra[FD_LIMIT], count = 0;

    freeport_kstat(&before);
    while ((extra[count] = dup(0)) >= 0)
        count++;
    CHECK(pipe(fds) == -1 && errno == EMFILE, "no free descriptor: EMFILE");
    close(extra[--count]);
    CHECK(pipe(fds) == -1 && errno == EMFILE, "one free descriptor: EMFILE");
    int last = dup(0);
    CHECK(last == extra[count], "... and that one is still free");
    close(last);
    close(extra[--count]);
    CHECK(pipe(fds) == 0, "two free descriptors: a pipe");
    close_both(fds);
    while (count > 0)
        close(extra[--count]);
    freeport_kstat(&after);
    CHECK(after.open_files == before.open_files && after.vnodes == before.vnodes &&
              after.heap_allocations == before.heap_allocations && after.frames_free == before.frames_free,
          "the refused pipes left no file, vnode, heap block or frame behind");
}

static int make_pipes(void)
{
    int fds[2], result = 0;

    for (int i = 0; i < 8; i++) {
        if (pipe(fds) == 0)
            close_both(fds);
        else
            result |= errno == ENOMEM ? 1 : 2;
    }
    return result;
}

/* Allocations failing on purpose (SYS_fault_inject) in children making
 * pipes: each refusal is ENOMEM, and the counters compared at the end
 * show that no failure left a file, vnode, stream or frame behind. */
static void check_out_of_memory(void)
{
    int refused = 0, wrong = 0;

    fault_inject_children(make_pipes, NULL, &refused, &wrong);
    CHECK(refused > 0 && wrong == 0,
          "failed allocations make pipe() fail with ENOMEM (%d runs saw it), never "
          "anything else",
          refused);
}

static void check_many_pipes(void)
{
    int fds[64][2], made = 0;

    while (made < 64 && pipe(fds[made]) == 0)
        made++;
    CHECK(made == 64, "64 pipes open at once");
    while (made > 0)
        close_both(fds[--made]);
}

static int helper(int argc, char **argv)
{
    if (strcmp(argv[1], "--sigpipe") == 0) {
        int fds[2];
        pipe(fds);
        close(fds[0]);
        write(fds[1], "x", 1);
        return 0; /* not reached: SIGPIPE ends the process */
    }
    if (strcmp(argv[1], "--fd-open") == 0 && argc == 3)
        return fcntl(atoi(argv[2]), F_GETFD) >= 0 ? 0 : 1;
    return 2;
}

/* Every check but the first, in a child: the kernel's counters are
 * compared before it starts and after it is reaped, so its own memory
 * (stack, buffers, page tables) is not counted. */
static void run_checks(const char *self)
{
    check_pipe2_flags();
    check_end_of_file();
    check_broken_pipe();
    check_stream_between_processes(1 << 20, 10000, 7777);
    check_stream_between_processes(300000, 1, 65536);
    check_stream_between_processes(200000, 65536 + 3, 1);
    check_blocking_writer();
    check_nonblocking();
    check_fcntl_toggles();
    check_ioctl_fionread();
    check_readv_writev();
    check_atomicity(4, 64, 4096);
    check_atomicity(6, 100, 100);
    check_signals();
    check_exec(self);
    check_bad_pointers();
    check_emfile();
    check_out_of_memory();
    check_many_pipes();
    _exit(check_failures);
}

int main(int argc, char **argv)
{
    if (argc > 1)
        return helper(argc, argv);
    setvbuf(stdout, NULL, _IONBF, 0);
    check_basics(); /* the first pipe also sets the heap's slabs up */
    return check_in_child(run_checks, argv[0]);
}
