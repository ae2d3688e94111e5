/*
 * services.c - init as a service manager, seen from a program it runs
 * (tests/services.bats runs it with tools/guest-run --services).
 *
 * Checks: the services came up in table order; svc list/stop/start/
 * restart and their errors; a killed logd is restarted with growing
 * backoff and works again; a record sent while logd is stopped waits in
 * the socket init holds and is stored once logd is back; the control
 * socket serves others while a client sits silent, and answers garbage
 * with an error, and with every client slot taken a further client waits
 * in the backlog without making init spin; orphans are reaped by init.
 *   services policies     with the table of tests/services.bats: restart
 *                         policies, and SIGKILL for a service that
 *                         ignores SIGTERM
 *   services exit N | services stubborn   what those services run
 */
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/un.h>
#include "check.h"
#include "service_tools.h"

#define CONTROL_CLIENTS_MAX 8 /* init's CLIENTS_MAX (userland/bin/init/control.c) */

static void came_up_in_order(void)
{
    struct svc_row logd, klogd, csrss;

    CHECK(svc_row("logd", &logd) && svc_row("klogd", &klogd) && svc_row("csrss", &csrss),
          "svc list has logd, klogd and csrss");
    CHECK(strcmp(logd.state, "running") == 0 && strcmp(klogd.state, "running") == 0 &&
              strcmp(csrss.state, "running") == 0,
          "all three are running");
    CHECK(logd.pid < klogd.pid && klogd.pid < csrss.pid, "started in table order (pids %d < %d < %d)",
          logd.pid, klogd.pid, csrss.pid);
    CHECK(strstr(tool_output, "getty") == NULL, "a test run starts no getty (tty services)");
    int started_klogd = log_wait_for("init ", "started klogd");
    int started_csrss = log_wait_for("init ", "started csrss");
    int ready_csrss = log_wait_for("init ", "csrss is ready");
    CHECK(started_klogd && started_klogd < started_csrss && started_csrss < ready_csrss,
          "init logged: klogd started (line %d), csrss started (%d), csrss ready (%d)", started_klogd,
          started_csrss, ready_csrss);
}

static void svc_controls_a_service(void)
{
    struct svc_row before, row;

    svc_row("klogd", &before);
    CHECK(tool("/bin/svc", "stop", "klogd") == 0 && svc_wait("klogd", "stopped", 0, &row),
          "svc stop klogd: stopped");
    CHECK(row.pid == 0 && row.last == 128 + SIGTERM, "no pid, last status %d (SIGTERM)", row.last);
    CHECK(tool("/bin/svc", "stop", "klogd") == 1 && strstr(tool_output, "not running"),
          "stopping it again: exit 1, \"not running\"");
    CHECK(tool("/bin/svc", "start", "klogd") == 0 && svc_wait("klogd", "running", 0, &row) &&
              row.pid > before.pid,
          "svc start klogd: running again as pid %d", row.pid);
    CHECK(tool("/bin/svc", "start", "klogd") == 1 && strstr(tool_output, "already running"),
          "starting it again: exit 1, \"already running\"");
    int old_pid = row.pid;
    unsigned old_restarts = row.restarts;
    CHECK(tool("/bin/svc", "restart", "klogd") == 0 && svc_wait("klogd", "running", old_pid, &row) &&
              row.restarts == old_restarts + 1,
          "svc restart klogd: new pid %d, restarts %u", row.pid, row.restarts);
}

static void svc_errors(void)
{
    errno = 0;
    CHECK(freeport_reboot() == -1 && errno == EPERM, "reboot() from a process other than init: EPERM");
    CHECK(tool("/bin/svc", "stop", "nosuch") == 1 && strstr(tool_output, "no such service"),
          "an unknown service: exit 1, \"no such service\"");
    CHECK(tool("/bin/svc", "frob") == 2 && strstr(tool_output, "usage"), "an unknown command: usage, exit 2");
    CHECK(tool("/bin/svc", "start") == 2, "start without a name: usage, exit 2");
    CHECK(tool("/bin/svc", "list") == 0 && strncmp(tool_output, "NAME", 4) == 0,
          "svc list: a header, exit 0");
}

static void killed_logd_comes_back_with_backoff(void)
{
    struct svc_row row;

    svc_row("logd", &row);
    for (unsigned kill_count = 1; kill_count <= 2; kill_count++) {
        int old_pid = row.pid;
        unsigned old_restarts = row.restarts;
        CHECK(kill(old_pid, SIGKILL) == 0 && svc_wait("logd", "running", old_pid, &row) &&
                  row.restarts == old_restarts + 1 && row.last == 128 + SIGKILL,
              "logd killed (pid %d): restarted as pid %d, restarts %u, last status %d", old_pid, row.pid,
              row.restarts, row.last);
    }
    CHECK(log_wait_for("init ", "restarting logd in 100 ms") &&
              log_wait_for("init ", "restarting logd in 200 ms"),
          "the second restart waited twice as long (100 ms, then 200 ms)");
    CHECK(tool("/bin/logger", "-t", "services", "after", "two", "restarts") == 0 &&
              log_wait_for(" services after two restarts"),
          "the restarted logd stores records");
}

static void records_wait_while_logd_is_stopped(void)
{
    struct svc_row row;

    CHECK(tool("/bin/svc", "stop", "logd") == 0 && svc_wait("logd", "stopped", 0, &row), "svc stop logd");
    CHECK(tool("/bin/logger", "-t", "services", "sent", "while", "stopped") == 0,
          "logger still sends: the socket is init's, it stays bound");
    CHECK(tool("/bin/svc", "start", "logd") == 0 && log_wait_for(" services sent while stopped"),
          "once logd is started, the record is stored");
}

static int connect_init(void)
{
    struct sockaddr_un address = {.sun_family = AF_UNIX, .sun_path = "/var/run/init.sock"};
    int fd = socket(AF_UNIX, SOCK_STREAM, 0);

    if (fd >= 0 && connect(fd, (struct sockaddr *)&address, sizeof(address)) < 0) {
        close(fd);
        return -1;
    }
    return fd;
}

static void control_socket_never_blocks(void)
{
    char reply[128] = "";
    int silent = connect_init();
    int garbage = connect_init();

    CHECK(silent >= 0 && garbage >= 0, "two clients connect to /var/run/init.sock");
    CHECK(tool("/bin/svc", "list") == 0, "svc list is answered while a client sits silent");
    ssize_t got = -1;
    if (write(garbage, "frobnicate\n", 11) == 11)
        got = read(garbage, reply, sizeof(reply) - 1);
    CHECK(got > 0 && strncmp(reply, "error unknown request", 21) == 0,
          "garbage gets \"error unknown request\"");
    close(silent);
    close(garbage);
}

/* The system calls init has made so far (0 if it cannot be found). */
static uint64_t init_syscalls(void)
{
    struct freeport_procinfo info;

    for (int index = 0;; index++) {
        int result = freeport_procinfo(index, &info);
        if (result == 0 && info.pid == 1)
            return info.syscalls;
        if (result < 0 && errno != ESRCH)
            return 0;
    }
}

/* Every slot taken by a silent client, one more waits in the backlog: init
 * must leave it there, not wake for it again and again. */
static void control_socket_full_waits_quietly(void)
{
    int silent[CONTROL_CLIENTS_MAX], waiting;

    for (int i = 0; i < CONTROL_CLIENTS_MAX; i++)
        silent[i] = connect_init();
    usleep(100000); /* init accepts them: the backlog is empty again */
    waiting = connect_init();
    usleep(100000);
    uint64_t before = init_syscalls();
    usleep(300000);
    uint64_t spent = init_syscalls() - before;
    CHECK(waiting >= 0 && before > 0 && spent < 100,
          "%d silent clients and one waiting: init made %llu system calls in 300 ms", CONTROL_CLIENTS_MAX,
          (unsigned long long)spent);
    close(silent[0]);
    char reply[128] = "";
    ssize_t got = -1;
    if (write(waiting, "frobnicate\n", 11) == 11)
        got = read(waiting, reply, sizeof(reply) - 1);
    CHECK(got > 0 && strncmp(reply, "error unknown request", 21) == 0,
          "once a slot frees, the waiting client is served");
    for (int i = 1; i < CONTROL_CLIENTS_MAX; i++)
        close(silent[i]);
    close(waiting);
}

static bool is_zombie(pid_t pid)
{
    struct freeport_procinfo info;

    for (int index = 0; freeport_procinfo(index, &info) == 0 || errno == ESRCH; index++) {
        if (info.pid == pid && info.state == FP_PROC_ZOMBIE)
            return true;
    }
    return false;
}

static void orphans_are_reaped(void)
{
    int pipe_fds[2];
    pid_t orphan = 0;

    pipe(pipe_fds);
    pid_t parent = fork();
    if (parent == 0) {
        pid_t child = fork();
        if (child == 0) {
            usleep(100000);
            _exit(0);
        }
        write(pipe_fds[1], &child, sizeof(child));
        _exit(0);
    }
    waitpid(parent, NULL, 0);
    read(pipe_fds[0], &orphan, sizeof(orphan));
    bool gone = false;
    for (int step = 0; step < POLL_STEPS && !gone; step++) {
        usleep(POLL_STEP_US);
        gone = kill(orphan, 0) < 0 && errno == ESRCH;
    }
    CHECK(gone && !is_zombie(orphan), "an orphan (pid %d) that ends is reaped by init", orphan);
}

/* As a service of the "policies" table: ends with a status, or ignores SIGTERM. */
static _Noreturn void act_as_service(int argc, char **argv)
{
    if (strcmp(argv[1], "exit") == 0 && argc == 3)
        _exit(atoi(argv[2]));
    signal(SIGTERM, SIG_IGN);
    for (;;)
        pause();
}

/* The table tests/services.bats gives for this check: logd, then
 *   stubborn  never       /bin/services stubborn   (ignores SIGTERM)
 *   done      on-failure  /bin/services exit 0
 *   failing   on-failure  /bin/services exit 3
 *   once      never       /bin/services exit 3 */
static void restart_policies_and_stop_timeout(void)
{
    struct svc_row row;

    CHECK(svc_wait("done", "exited", 0, &row) && row.last == 0 && row.restarts == 0,
          "on-failure, status 0: not restarted (exited, last 0)");
    CHECK(svc_wait("once", "exited", 0, &row) && row.last == 3 && row.restarts == 0,
          "never, status 3: not restarted (exited, last 3)");
    bool restarted = false;
    for (int step = 0; step < POLL_STEPS && !restarted; step++) {
        restarted = svc_row("failing", &row) && row.restarts >= 2;
        usleep(POLL_STEP_US);
    }
    CHECK(restarted && row.last == 3, "on-failure, status 3: restarted again and again (%u times)",
          row.restarts);
    CHECK(tool("/bin/svc", "stop", "failing") == 0 && svc_wait("failing", "stopped", 0, &row),
          "svc stop ends the restarts (stopped, from running or backoff)");
    CHECK(svc_row("stubborn", &row) && strcmp(row.state, "running") == 0,
          "the service that ignores SIGTERM runs");
    CHECK(tool("/bin/svc", "stop", "stubborn") == 0 && svc_wait("stubborn", "stopped", 0, &row) &&
              row.last == 128 + SIGKILL,
          "svc stop: SIGTERM ignored, SIGKILL 3 s later (last status %d)", row.last);
    CHECK(log_wait_for("init ", "stubborn did not stop in 3000 ms: SIGKILL"), "init logged the SIGKILL");
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "policies") == 0) {
        restart_policies_and_stop_timeout();
        return check_done();
    }
    if (argc > 1)
        act_as_service(argc, argv);
    came_up_in_order();
    svc_controls_a_service();
    svc_errors();
    killed_logd_comes_back_with_backoff();
    records_wait_while_logd_is_stopped();
    control_socket_never_blocks();
    control_socket_full_waits_quietly();
    orphans_are_reaped();
    return check_done();
}
