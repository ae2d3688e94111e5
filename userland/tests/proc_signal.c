/*
 * proc_signal - signals: handlers, masks, sigsuspend, alarm, SIGCHLD,
 * SA_RESTART and EINTR, default actions, what cannot be caught, x87/SSE
 * registers kept across a handler, and a forged sigreturn frame that must
 * not give user code kernel privileges.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <time.h>
#include "check.h"

static volatile sig_atomic_t caught[FP_NSIG];
static volatile sig_atomic_t last_signal;
static volatile sig_atomic_t usr2_seen_in_usr1;

static void count(int signal)
{
    caught[signal]++;
    last_signal = signal;
}

static void install(int signal, void (*handler)(int), int flags, sigset_t mask)
{
    struct sigaction action = {.sa_handler = handler, .sa_mask = mask, .sa_flags = flags};
    sigaction(signal, &action, NULL);
}

static sigset_t set_of(int signal)
{
    sigset_t set;
    sigemptyset(&set);
    if (signal)
        sigaddset(&set, signal);
    return set;
}

static void check_handler_and_mask(void)
{
    install(SIGUSR1, count, 0, set_of(0));
    kill(getpid(), SIGUSR1);
    CHECK(caught[SIGUSR1] == 1 && last_signal == SIGUSR1,
          "a handler runs before kill() returns to the sender");

    sigset_t blocked = set_of(SIGUSR1), pending;
    sigprocmask(SIG_BLOCK, &blocked, NULL);
    kill(getpid(), SIGUSR1);
    sigpending(&pending);
    CHECK(caught[SIGUSR1] == 1 && sigismember(&pending, SIGUSR1), "a blocked signal stays pending");
    sigprocmask(SIG_UNBLOCK, &blocked, NULL);
    CHECK(caught[SIGUSR1] == 2, "unblocking delivers it at once");
}

static void usr1_raises_usr2(int signal)
{
    (void)signal;
    kill(getpid(), SIGUSR2);
    usr2_seen_in_usr1 = caught[SIGUSR2];
}

static void check_handler_mask(void)
{
    install(SIGUSR2, count, 0, set_of(0));
    install(SIGUSR1, usr1_raises_usr2, 0, set_of(SIGUSR2));
    caught[SIGUSR2] = 0;
    kill(getpid(), SIGUSR1);
    CHECK(usr2_seen_in_usr1 == 0 && caught[SIGUSR2] == 1,
          "sa_mask holds SIGUSR2 back until the handler returns");
    install(SIGUSR1, usr1_raises_usr2, 0, set_of(0));
    caught[SIGUSR2] = 0;
    kill(getpid(), SIGUSR1);
    CHECK(usr2_seen_in_usr1 == 1, "without sa_mask SIGUSR2 interrupts the SIGUSR1 handler");
}

static void check_sigsuspend(void)
{
    sigset_t blocked = set_of(SIGUSR1), empty = set_of(0), now;
    install(SIGUSR1, count, 0, set_of(0));
    sigprocmask(SIG_BLOCK, &blocked, NULL);
    caught[SIGUSR1] = 0;
    pid_t parent = getpid(), child = fork();
    if (child == 0) {
        usleep(50000);
        kill(parent, SIGUSR1);
        _exit(0);
    }
    int result = sigsuspend(&empty);
    int saved_errno = errno;
    sigprocmask(SIG_BLOCK, NULL, &now);
    CHECK(result == -1 && saved_errno == EINTR && caught[SIGUSR1] == 1,
          "sigsuspend returns EINTR after the handler");
    CHECK(sigismember(&now, SIGUSR1), "sigsuspend restores the mask");
    sigprocmask(SIG_UNBLOCK, &blocked, NULL);
    waitpid(child, NULL, 0);
}

static void check_alarm_and_eintr(void)
{
    install(SIGALRM, count, 0, set_of(0));
    CHECK(alarm(5) == 0, "alarm(5): no alarm was set");
    CHECK(alarm(1) >= 4, "alarm(1) returns what was left of alarm(5)");
    struct timespec request = {5, 0}, remaining = {0, 0};
    int result = nanosleep(&request, &remaining);
    CHECK(result == -1 && errno == EINTR && caught[SIGALRM] == 1,
          "SIGALRM after 1 s interrupts nanosleep: EINTR");
    CHECK(remaining.tv_sec >= 3 && remaining.tv_sec <= 4, "nanosleep reports the time left (%lld s)",
          (long long)remaining.tv_sec);
    CHECK(alarm(0) == 0, "the alarm is spent");
}

static void check_restart(int flags, const char *what, bool expect_restart)
{
    install(SIGUSR1, count, flags, set_of(0));
    pid_t parent = getpid(), child = fork();
    if (child == 0) {
        usleep(50000);
        kill(parent, SIGUSR1);
        usleep(100000);
        _exit(3);
    }
    int status = 0;
    pid_t result = waitpid(child, &status, 0);
    if (expect_restart)
        CHECK(result == child && WEXITSTATUS(status) == 3, "%s: waitpid restarts after the handler", what);
    else
        CHECK(result == -1 && errno == EINTR, "%s: waitpid fails with EINTR", what);
    if (result != child)
        waitpid(child, NULL, 0);
}

static void check_sigchld(void)
{
    install(SIGCHLD, count, 0, set_of(0));
    caught[SIGCHLD] = 0;
    pid_t child = fork();
    if (child == 0)
        _exit(0);
    waitpid(child, NULL, 0);
    CHECK(caught[SIGCHLD] == 1, "the parent gets SIGCHLD when a child exits");
    signal(SIGCHLD, SIG_DFL);
}

static void die_of_default(void)
{
    signal(SIGUSR1, SIG_DFL);
    kill(getpid(), SIGUSR1);
    _exit(0);
}

static void survive_ignored(void)
{
    signal(SIGUSR1, SIG_IGN);
    kill(getpid(), SIGUSR1);
    _exit(5);
}

static void block_everything_then_wait(void)
{
    sigset_t all;
    sigfillset(&all);
    sigprocmask(SIG_BLOCK, &all, NULL);
    for (;;)
        pause();
}

static void check_default_actions(void)
{
    int status = run_in_child(die_of_default);
    CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGUSR1, "default action of SIGUSR1: the process ends");
    status = run_in_child(survive_ignored);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 5, "SIG_IGN: the signal is dropped");

    pid_t child = fork();
    if (child == 0)
        block_everything_then_wait();
    usleep(50000);
    kill(child, SIGKILL);
    waitpid(child, &status, 0);
    CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL, "SIGKILL cannot be blocked");
    struct sigaction action = {.sa_handler = count};
    CHECK(sigaction(SIGKILL, &action, NULL) == -1 && errno == EINVAL, "SIGKILL cannot be caught: EINVAL");
    CHECK(sigaction(SIGSTOP, &action, NULL) == -1 && errno == EINVAL, "SIGSTOP cannot be caught: EINVAL");
    CHECK(RAW(SYS_sigaction, 0, 0, 0) == -EINVAL && RAW(SYS_sigaction, 32, 0, 0) == -EINVAL,
          "signal numbers 0 and 32: EINVAL");
    CHECK(kill(getpid(), 99) == -1 && errno == EINVAL, "kill with signal 99: EINVAL");
    CHECK(kill(30000, SIGTERM) == -1 && errno == ESRCH, "kill of no such pid: ESRCH");
    CHECK(kill(getpid(), 0) == 0, "kill(self, 0) checks existence");
}

static volatile double handler_result;

static void float_handler(int signal)
{
    volatile double x = signal;
    for (int i = 0; i < 100; i++)
        x = x * 1.5 + 0.25;
    handler_result = x;
}

/* The handler clobbers xmm registers; the interrupted loop must not notice. */
static void check_float_state(void)
{
    install(SIGUSR1, float_handler, 0, set_of(0));
    double sum = 0;
    for (int i = 1; i <= 2000; i++) {
        sum += 1.0 / i;
        if (i % 100 == 0)
            RAW(SYS_kill, getpid(), SIGUSR1);
    }
    double expected = 0;
    for (int i = 1; i <= 2000; i++)
        expected += 1.0 / i;
    CHECK(sum == expected && handler_result > 0, "x87/SSE registers survive signal handlers");
}

/* A signal frame forged to return to ring 0 with IOPL 3: the kernel must
 * resume it in user mode without I/O privilege, so `cli` faults. */
extern char forged_probe[];
__asm__(".text\n.globl forged_probe\nforged_probe:\n cli\n mov $0, %eax\n mov $1, %edi\n syscall\n ud2\n");

static void forge_sigreturn(void)
{
    static uint64_t frame[720 / 8] __attribute__((aligned(16)));
    static uint8_t stack[4096] __attribute__((aligned(16)));
    uint64_t *registers = &frame[1];                   /* after the return address */
    registers[17] = (uint64_t)(uintptr_t)forged_probe; /* rip */
    registers[18] = 0x08;                              /* cs: the kernel's */
    registers[19] = 0x3202;                            /* rflags: IF and IOPL 3 */
    registers[20] = (uint64_t)(uintptr_t)(stack + sizeof(stack));
    registers[21] = 0x10; /* ss: the kernel's */
    __asm__ volatile("mov %0, %%rsp\n mov %1, %%eax\n syscall"
                     :
                     : "r"(registers), "i"(SYS_sigreturn)
                     : "memory");
}

static void sigreturn_garbage(void)
{
    __asm__ volatile("mov $0xffff800000001000, %%rsp\n mov %0, %%eax\n syscall" : : "i"(SYS_sigreturn));
}

static void check_sigreturn_is_checked(void)
{
    int status = run_in_child(forge_sigreturn);
    CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV,
          "a forged frame resumes in user mode without IOPL: cli faults (status 0x%x)", status);
    status = run_in_child(sigreturn_garbage);
    CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV, "sigreturn from an unreadable frame: SIGSEGV");
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    check_handler_and_mask();
    check_handler_mask();
    check_sigsuspend();
    check_restart(SA_RESTART, "SA_RESTART", true);
    check_restart(0, "no SA_RESTART", false);
    check_sigchld();
    check_default_actions();
    check_float_state();
    check_sigreturn_is_checked();
    check_alarm_and_eintr();
    return check_done();
}
