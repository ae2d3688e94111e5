/*
 * device_claim - handing the console hardware to a server: device_claim
 * is init's alone, and what a claimed device does.
 *
 * Two ways to run it:
 *   - as an ordinary program (tools/guest-run: init runs it): every claim
 *     is refused with EPERM, and each refusal is a security event on the
 *     kernel's system endpoint (pid, device, errno); unknown devices are
 *     EINVAL;
 *   - as init itself (the kernel's init=/bin/device_claim; tests/tty.bats
 *     boots it so): claims succeed once (EBUSY while a descriptor is open
 *     anywhere), the descriptor survives fork and exec and the claim ends
 *     when its last copy closes (a child's exit included); VGA maps the
 *     text cells and moves the cursor, and the kernel stops drawing there
 *     until the last descriptor closes;
 *     the keyboard and COM1 read raw bytes (none yet: EAGAIN, no POLLIN);
 *     COM1 writes raw bytes; the refusals are checked in a child too. As
 *     init it ends the machine with its failure count.
 */
#include <fcntl.h>
#include <freeport/device.h>
#include <poll.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <termios.h>
#include "ipc_test.h"

#define COM1_MARKER "device_claim: raw bytes on COM1\n"

static const char *self_path;

/* The next event on the port: true if it is a refusal of `device` for this
 * process with EPERM. */
static bool refusal_reported(uint64_t port, int device)
{
    struct ipc_system_device_refused event;
    struct ipc_msg_header header;

    return receive_bytes(port, &header, &event, sizeof(event), 2000 * MS) == 0 &&
           header.type == IPC_SYSTEM_DEVICE_REFUSED && header.sender_pid == 0 && event.pid == getpid() &&
           event.device == device && event.error == EPERM;
}

static void check_refusals(void)
{
    static const int devices[] = {FP_DEVICE_VGA, FP_DEVICE_KEYBOARD, FP_DEVICE_COM1};
    uint64_t port;

    CHECK(port_create(0, &port) == 0 && system_subscribe(port, IPC_SYSTEM_MASK(IPC_SYSTEM_DEVICE_REFUSED)) == 0,
          "a port subscribes to refused device claims");
    for (size_t i = 0; i < sizeof(devices) / sizeof(devices[0]); i++) {
        CHECK(device_claim(devices[i]) == -1 && errno == EPERM, "pid %d claims device %d: EPERM", (int)getpid(),
              devices[i]);
        CHECK(refusal_reported(port, devices[i]), "the refusal is a security event: pid, device %d, EPERM",
              devices[i]);
    }
    CHECK(device_claim(0) == -1 && errno == EINVAL, "device 0: EINVAL");
    CHECK(device_claim(FP_DEVICE_COUNT) == -1 && errno == EINVAL, "device %d: EINVAL", FP_DEVICE_COUNT);
    CHECK(device_claim(-7) == -1 && errno == EINVAL, "device -7: EINVAL");
    cap_close(port);
}

/* --- As init --- */

static void check_vga_mapping(int vga)
{
    volatile uint16_t *cells = mmap(NULL, FP_VGA_BUFFER_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, vga, 0);
    const uint16_t marker = 0x1f00 | 'F';

    CHECK(cells != MAP_FAILED, "mmap of the VGA descriptor: the text cells");
    if (cells == MAP_FAILED)
        return;
    cells[FP_VGA_ROWS * FP_VGA_COLUMNS - 1] = marker;
    printf("# enough lines on the console to scroll the screen, if the kernel still drew on it\n");
    for (int line = 0; line < FP_VGA_ROWS; line++)
        printf("# line %d\n", line);
    CHECK(cells[FP_VGA_ROWS * FP_VGA_COLUMNS - 1] == marker, "the kernel no longer draws on the claimed screen");
    CHECK(munmap((void *)cells, FP_VGA_BUFFER_SIZE) == 0, "munmap");
    CHECK(mmap(NULL, FP_VGA_BUFFER_SIZE, PROT_READ, MAP_SHARED, vga, 4096) == MAP_FAILED && errno == EINVAL,
          "an offset past the cells: EINVAL");
    CHECK(mmap(NULL, 2 * 4096, PROT_READ, MAP_SHARED, vga, 0) == MAP_FAILED && errno == EINVAL,
          "more than a page: EINVAL");
    CHECK(mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, vga, 0) == MAP_FAILED && errno == EINVAL,
          "MAP_PRIVATE of a device: EINVAL");
    CHECK(mmap(NULL, 4096, PROT_WRITE | PROT_EXEC, MAP_SHARED, vga, 0) == MAP_FAILED && errno == EACCES,
          "writable and executable: EACCES");
    CHECK(mmap(NULL, 4096, PROT_READ, MAP_SHARED, 0, 0) == MAP_FAILED && errno == ENODEV,
          "MAP_SHARED of the console: ENODEV");
    CHECK(mmap(NULL, 4096, PROT_READ, MAP_SHARED, 99, 0) == MAP_FAILED && errno == EBADF, "a closed fd: EBADF");
}

static void check_vga_cursor(int vga)
{
    struct fp_vga_cursor cursor = {1, 2, 1, 0};

    CHECK(ioctl(vga, FP_VGA_SET_CURSOR, &cursor) == 0, "FP_VGA_SET_CURSOR to row 1, column 2");
    cursor.row = FP_VGA_ROWS;
    CHECK(ioctl(vga, FP_VGA_SET_CURSOR, &cursor) == -1 && errno == EINVAL, "row %d: EINVAL", FP_VGA_ROWS);
    CHECK(ioctl(vga, FP_VGA_SET_CURSOR, bad_pointer(8)) == -1 && errno == EFAULT, "a bad pointer: EFAULT");
    CHECK(ioctl(vga, TCGETS, &(struct termios){0}) == -1 && errno == ENOTTY, "TCGETS on VGA: ENOTTY");
    CHECK(read(vga, (char[4]){0}, 4) == -1 && errno == EINVAL, "read on VGA: EINVAL");
}

/* A child holds its inherited copy across exec; the claim lasts until it
 * exits, even with init's own descriptor closed. */
static void check_inherited_claim(int vga)
{
    char fd_text[16];
    int status = -1;

    snprintf(fd_text, sizeof(fd_text), "%d", vga);
    pid_t child = fork();
    if (child == 0) {
        if (device_claim(FP_DEVICE_VGA) != -1 || errno != EPERM)
            _exit(2);
        execl(self_path, self_path, "--holds", fd_text, (char *)NULL);
        _exit(3);
    }
    close(vga);
    CHECK(device_claim(FP_DEVICE_VGA) == -1 && errno == EBUSY, "init's copy closed, the child's keeps it: EBUSY");
    kill(child, SIGTERM);
    waitpid(child, &status, 0);
    CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM,
          "the child (refused a claim of its own) held the descriptor across exec (status 0x%x)", status);
    int again = device_claim(FP_DEVICE_VGA);
    CHECK(again >= 0, "its death released the claim: claimed again");
    close(again);
}

/* The mapping outlives the descriptor; once the last one is closed the
 * kernel draws (and scrolls) the screen again. */
static void check_screen_given_back(void)
{
    int vga = device_claim(FP_DEVICE_VGA);
    volatile uint16_t *cells = mmap(NULL, FP_VGA_BUFFER_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, vga, 0);
    const uint16_t marker = 0x1f00 | 'G';

    if (cells == MAP_FAILED)
        return;
    cells[FP_VGA_ROWS * FP_VGA_COLUMNS - 1] = marker;
    close(vga);
    for (int line = 0; line < FP_VGA_ROWS; line++)
        printf("# after the close, line %d\n", line);
    CHECK(cells[FP_VGA_ROWS * FP_VGA_COLUMNS - 1] != marker, "closed: the kernel draws on the screen again");
    munmap((void *)cells, FP_VGA_BUFFER_SIZE);
}

static void check_vga(void)
{
    int vga = device_claim(FP_DEVICE_VGA);
    struct stat status;

    CHECK(vga >= 0, "init claims VGA: fd %d", vga);
    CHECK(device_claim(FP_DEVICE_VGA) == -1 && errno == EBUSY, "a second claim: EBUSY");
    CHECK(fstat(vga, &status) == 0 && S_ISCHR(status.st_mode), "a character device");
    CHECK((fcntl(vga, F_GETFD) & FD_CLOEXEC) == 0, "not close-on-exec");
    check_vga_mapping(vga);
    check_vga_cursor(vga);
    check_inherited_claim(vga);
    check_screen_given_back();
}

static void check_input_device(int device, const char *name)
{
    int fd = device_claim(device);
    struct pollfd poll_fd = {fd, POLLIN, 0};

    CHECK(fd >= 0, "init claims %s", name);
    CHECK(device_claim(device) == -1 && errno == EBUSY, "%s: a second claim: EBUSY", name);
    CHECK(fcntl(fd, F_SETFL, O_NONBLOCK) == 0 && read(fd, (char[4]){0}, 4) == -1 && errno == EAGAIN,
          "%s: nothing received: EAGAIN without blocking", name);
    CHECK(poll(&poll_fd, 1, 0) == 0, "%s: poll: not readable", name);
    close(fd);
    fd = device_claim(device);
    CHECK(fd >= 0, "%s: closed, then claimed again", name);
    close(fd);
}

static void check_keyboard_and_com1(void)
{
    check_input_device(FP_DEVICE_KEYBOARD, "the keyboard");
    int keyboard = device_claim(FP_DEVICE_KEYBOARD);
    uint64_t dropped = 99;
    CHECK(ioctl(keyboard, FP_KEYBOARD_GET_DROPPED, &dropped) == 0 && dropped == 0, "no scancode dropped");
    CHECK(write(keyboard, "x", 1) == -1 && errno == EBADF, "the keyboard is read-only: EBADF");
    close(keyboard);

    check_input_device(FP_DEVICE_COM1, "COM1");
    int com1 = device_claim(FP_DEVICE_COM1);
    struct pollfd poll_fd = {com1, POLLOUT, 0};
    CHECK(write(com1, COM1_MARKER, strlen(COM1_MARKER)) == (ssize_t)strlen(COM1_MARKER),
          "COM1: raw bytes written");
    CHECK(poll(&poll_fd, 1, 0) == 1 && poll_fd.revents == POLLOUT, "COM1: poll: writable");
    close(com1);
}

static void run_refusals_in_child(void)
{
    int status = -1;
    pid_t child = fork();

    if (child == 0) {
        check_failures = 0; /* its own count: the exit status */
        check_refusals();
        _exit(check_failures);
    }
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "init's child is refused like anyone else");
}

static void open_console(void)
{
    for (int fd = 0; fd < 3; fd++)
        if (fcntl(fd, F_GETFD) < 0)
            dup2(open("/dev/console", O_RDWR), fd);
}

/* Init cannot run its checks in a child (only it may claim), so its own
 * page tables (the mapping's) and the devices' poll events, made once on
 * first use, stay: the objects compared are processes, threads, open
 * files and vnodes. */
static int run_as_init(void)
{
    struct freeport_kstat before, after;

    open_console();
    freeport_kstat(&before);
    check_vga();
    check_keyboard_and_com1();
    freeport_kstat(&after);
    kstat_print("before", &before);
    kstat_print("after", &after);
    CHECK(before.processes == after.processes && before.threads == after.threads &&
              before.open_files == after.open_files && before.vnodes == after.vnodes,
          "processes, threads, open files and vnodes back to where they were");
    run_refusals_in_child(); /* last: it starts the system endpoint's thread */
    return check_done();
}

int main(int argc, char **argv)
{
    self_path = argv[0];
    setvbuf(stdout, NULL, _IONBF, 0);
    if (argc == 3 && strcmp(argv[1], "--holds") == 0) {
        if (fcntl(atoi(argv[2]), F_GETFD) < 0)
            return 4;
        for (;;)
            pause();
    }
    if (getpid() == 1)
        return run_as_init();
    check_refusals();
    return check_done();
}
