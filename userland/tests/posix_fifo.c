/*
 * posix_fifo - named FIFOs, seen from user space: mkfifo, the open rules
 * (who waits for whom, O_NONBLOCK, ENXIO, O_RDWR), a signal during a
 * waiting open, data between two processes, end of file and EPIPE by open
 * ends, data discarded when the last end closes, a FIFO unlinked while
 * open, and the kernel's counters back where they started.
 *
 * Run by tests/posix_pipe.bats; works in /tmp.
 */
#include <fcntl.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include "check.h"

#define FIFO "/tmp/posix_fifo.fifo"

static volatile sig_atomic_t usr1_count;
static char big[200000];

static void on_usr1(int signal)
{
    (void)signal;
    usr1_count++;
}

static bool child_exited_with(pid_t pid, int code)
{
    int status = -1;
    return waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == code;
}

static bool still_waiting(pid_t pid)
{
    int status;
    sleep_ms(50);
    return waitpid(pid, &status, WNOHANG) == 0;
}

static int nread(int fd)
{
    int count = -1;
    return ioctl(fd, FIONREAD, &count) == 0 ? count : -1;
}

static void check_mkfifo(void)
{
    struct stat status;

    unlink(FIFO);
    CHECK(mkfifo(FIFO, 0600) == 0, "mkfifo");
    CHECK(stat(FIFO, &status) == 0 && S_ISFIFO(status.st_mode) && (status.st_mode & 0777) == 0600,
          "stat: S_IFIFO, mode 0600");
    CHECK(mkfifo(FIFO, 0600) == -1 && errno == EEXIST, "mkfifo of an existing name: EEXIST");
    CHECK(mkfifo("/tmp/no/such/dir", 0600) == -1 && errno == ENOENT, "mkfifo in a missing directory: ENOENT");
}

static void check_nonblocking_opens(void)
{
    char byte;

    CHECK(open(FIFO, O_WRONLY | O_NONBLOCK) == -1 && errno == ENXIO,
          "O_WRONLY | O_NONBLOCK with no reader: ENXIO");
    int reader = open(FIFO, O_RDONLY | O_NONBLOCK);
    CHECK(reader >= 0, "O_RDONLY | O_NONBLOCK with no writer opens at once");
    CHECK(read(reader, &byte, 1) == 0, "... and reads end of file: there is no writer");
    int writer = open(FIFO, O_WRONLY | O_NONBLOCK);
    CHECK(writer >= 0, "O_WRONLY | O_NONBLOCK with a reader opens");
    CHECK(read(reader, &byte, 1) == -1 && errno == EAGAIN, "an empty FIFO with a writer: EAGAIN");
    CHECK(write(writer, "ab", 2) == 2 && read(reader, &byte, 1) == 1 && byte == 'a', "bytes go through");
    struct stat status;
    CHECK(fstat(writer, &status) == 0 && S_ISFIFO(status.st_mode), "fstat of an open FIFO: S_IFIFO");
    CHECK(lseek(reader, 0, SEEK_SET) == -1 && errno == ESPIPE, "lseek: ESPIPE");
    CHECK(fcntl(reader, F_GETFL) == (O_RDONLY | O_NONBLOCK), "F_GETFL: O_RDONLY | O_NONBLOCK");
    close(writer);
    CHECK(read(reader, &byte, 1) == 1 && byte == 'b' && read(reader, &byte, 1) == 0,
          "the last writer's close: what is left, then end of file");
    close(reader);
}

static void check_read_write_open(void)
{
    char buffer[8];

    int both = open(FIFO, O_RDWR);
    CHECK(both >= 0, "O_RDWR opens without waiting");
    CHECK(fcntl(both, F_GETFL) == O_RDWR, "F_GETFL: O_RDWR");
    CHECK(write(both, "self", 4) == 4 && read(both, buffer, 8) == 4 && memcmp(buffer, "self", 4) == 0,
          "an O_RDWR end is its own reader and writer");
    int writer = open(FIFO, O_WRONLY | O_NONBLOCK);
    CHECK(writer >= 0, "it counts as a reader for O_WRONLY | O_NONBLOCK");
    close(writer);
    write(both, "junk", 4);
    close(both);
    both = open(FIFO, O_RDWR);
    CHECK(nread(both) == 0, "the bytes left when the last end closed are gone");
    close(both);
}

/* Open FIFO with `flags` in a child that reports through its status:
 * 0 when it opened and read (or wrote) "hello". */
static pid_t opener(int flags)
{
    pid_t pid = fork_child();
    if (pid == 0) {
        char buffer[8] = "";
        int fd = open(FIFO, flags);
        if (fd < 0)
            _exit(10);
        if ((flags & O_ACCMODE) == O_RDONLY)
            _exit(read(fd, buffer, sizeof(buffer)) == 5 && memcmp(buffer, "hello", 5) == 0 ? 0 : 11);
        _exit(write(fd, "hello", 5) == 5 ? 0 : 12);
    }
    return pid;
}

static void check_blocking_opens(void)
{
    char buffer[8] = "";

    pid_t reader = opener(O_RDONLY);
    CHECK(still_waiting(reader), "O_RDONLY waits for a writer");
    int writer = open(FIFO, O_WRONLY);
    CHECK(writer >= 0, "O_WRONLY with a reader waiting opens at once");
    write(writer, "hello", 5);
    close(writer);
    CHECK(child_exited_with(reader, 0), "the waiting reader opened and read the bytes");

    pid_t child = opener(O_WRONLY);
    CHECK(still_waiting(child), "O_WRONLY waits for a reader");
    int fd = open(FIFO, O_RDONLY);
    CHECK(fd >= 0 && read(fd, buffer, sizeof(buffer)) == 5 && memcmp(buffer, "hello", 5) == 0,
          "O_RDONLY with a writer waiting opens, and reads what it wrote");
    CHECK(child_exited_with(child, 0), "the waiting writer opened and wrote");
    close(fd);

    /* A writer that opens and closes while the reader waits still counts. */
    child = fork_child();
    if (child == 0) {
        char byte;
        int fd = open(FIFO, O_RDONLY);
        _exit(fd >= 0 && read(fd, &byte, 1) == 0 ? 0 : 1);
    }
    sleep_ms(50);
    close(open(FIFO, O_WRONLY));
    CHECK(child_exited_with(child, 0),
          "a writer that came and went ends the reader's wait (then end of file)");
}

static void check_interrupted_open(void)
{
    struct sigaction action = {.sa_handler = on_usr1};
    pid_t child = fork_child();
    if (child == 0) {
        sigaction(SIGUSR1, &action, NULL);
        int fd = open(FIFO, O_RDONLY);
        _exit(fd == -1 && errno == EINTR && usr1_count == 1 ? 0 : 1);
    }
    sleep_ms(50);
    kill(child, SIGUSR1);
    CHECK(child_exited_with(child, 0), "a signal ends a waiting open with EINTR");
    CHECK(open(FIFO, O_WRONLY | O_NONBLOCK) == -1 && errno == ENXIO, "... and its read end is closed again");
}

static void check_data_between_processes(void)
{
    long got = 0, n;
    bool intact = true;

    for (size_t i = 0; i < sizeof(big); i++)
        big[i] = (char)(i * 7 + i / 251);
    pid_t child = fork_child();
    if (child == 0) {
        int fd = open(FIFO, O_WRONLY);
        _exit(fd >= 0 && write(fd, big, sizeof(big)) == (long)sizeof(big) ? 0 : 1);
    }
    int fd = open(FIFO, O_RDONLY);
    char *buffer = big + sizeof(big) / 2; /* reuse: the child has its own copy */
    while ((n = read(fd, buffer, 5000)) > 0) {
        for (long i = 0; i < n; i++)
            intact = intact && buffer[i] == (char)((got + i) * 7 + (got + i) / 251);
        got += n;
    }
    CHECK(n == 0 && got == (long)sizeof(big) && intact,
          "%zu bytes through the FIFO, intact, then end of file", sizeof(big));
    CHECK(child_exited_with(child, 0), "the writer exited 0");
    close(fd);
}

static void check_broken_fifo(void)
{
    signal(SIGPIPE, SIG_IGN);
    int reader = open(FIFO, O_RDONLY | O_NONBLOCK);
    int writer = open(FIFO, O_WRONLY);
    close(reader);
    CHECK(write(writer, "x", 1) == -1 && errno == EPIPE, "the last reader's close: EPIPE");
    close(writer);
    signal(SIGPIPE, SIG_DFL);
}

static void check_unlinked_while_open(void)
{
    char buffer[4];
    int both = open(FIFO, O_RDWR);

    CHECK(unlink(FIFO) == 0, "unlink an open FIFO");
    CHECK(write(both, "still", 4) == 4 && read(both, buffer, 4) == 4, "its open ends still work");
    close(both);
    CHECK(open(FIFO, O_RDWR) == -1 && errno == ENOENT, "the name is gone");
}

int main(void)
{
    struct freeport_kstat before;

    setvbuf(stdout, NULL, _IONBF, 0);
    memset(big, 'p', sizeof(big));
    int fds[2];
    pipe(fds); /* the first stream also sets the heap's slabs up */
    close(fds[0]);
    close(fds[1]);
    freeport_kstat(&before);
    check_mkfifo();
    check_nonblocking_opens();
    check_read_write_open();
    check_blocking_opens();
    check_interrupted_open();
    check_data_between_processes();
    check_broken_fifo();
    check_unlinked_while_open();
    check_kstat_back(&before, "frames, heap, processes, threads, files and vnodes back to where they were");
    return check_done();
}
