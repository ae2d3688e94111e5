/*
 * logd_records.c - the system log from a client's side (tests/logd.bats, under
 * tools/guest-run --services): the SDK's logd_ipc and syslog(3), the
 * logger tool, logread's filters and -f, kernel and security events
 * through klogd, malformed datagrams accounted, and a restart of logd
 * keeping every stored record.
 */
#include <freeport/capability.h>
#include <freeport/logd.h>
#include <freeport/port.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <syslog.h>
#include "check.h"
#include "service_tools.h"

static char pid_text[16];

static void client_library(void)
{
    CHECK(logd_info("library", "info %d", 1) == 0 && logd_warn("library", "warn %d", 2) == 0 &&
              logd_error("library", "error %d", 3) == 0 && logd_debug("library", "debug %d", 4) == 0,
          "logd_info/warn/error/debug send");
    CHECK(log_wait_for(pid_text, " info ", " library info 1") &&
              log_wait_for(" warning ", " library warn 2") && log_wait_for(" err ", " library error 3") &&
              log_wait_for(" debug ", " library debug 4"),
          "each is stored with its level, tag and pid");
    errno = 0;
    CHECK(logd_log(8, "library", "x") == -1 && errno == EINVAL, "a level past debug: EINVAL");
    CHECK(logd_log(LOGD_LEVEL_INFO, "", "x") == -1 && errno == EINVAL, "an empty tag: EINVAL");
    CHECK(logd_pending_drops() == 0 && logd_flush_drops() == 0, "nothing dropped, nothing to report");
}

static void syslog_maps_onto_logd(void)
{
    openlog("sysl", LOG_PID, LOG_DAEMON);
    errno = ENOENT;
    syslog(LOG_ERR, "syslog %s: %m", "works");
    setlogmask(LOG_UPTO(LOG_WARNING));
    syslog(LOG_INFO, "masked out");
    syslog(LOG_WARNING, "kept by the mask");
    setlogmask(LOG_UPTO(LOG_DEBUG));
    closelog();
    syslog(LOG_NOTICE, "after closelog");
    CHECK(log_wait_for(" err ", " sysl syslog works: No such file or directory"),
          "syslog(LOG_ERR, \"... %%m\") is stored under openlog's ident with errno's text");
    CHECK(log_wait_for(" notice ", " syslog after closelog") &&
              log_wait_for(" warning ", " sysl kept by the mask"),
          "closelog brings back the default tag; the mask lets warning through");
    CHECK(log_line_with("masked out") == 0, "a level outside setlogmask's mask is not sent");
}

static void logger_tool(void)
{
    CHECK(tool("/bin/logger", "-t", "tooltag", "-p", "warning", "from", "the", "tool") == 0 &&
              log_wait_for(" warning ", " tooltag from the tool"),
          "logger -t -p: stored with that tag and level");
    CHECK(tool("/bin/logger", "plain") == 0 && log_wait_for(" info ", " logger plain"),
          "logger defaults: tag logger, level info");
    CHECK(tool("/bin/logger", "-p", "loud", "x") == 2 && tool("/bin/logger") == 2 &&
              strstr(tool_output, "usage"),
          "a bad level or no message: usage, exit 2");
}

static void logread_filters(void)
{
    char own_pid[16], own_record[48];

    snprintf(own_pid, sizeof(own_pid), "%d", (int)getpid());
    snprintf(own_record, sizeof(own_record), "library[%d]: info 1", (int)getpid());
    CHECK(tool("/bin/logread", "-t", "library") == 0 && strstr(tool_output, "library[") &&
              !strstr(tool_output, "tooltag"),
          "-t: only that tag");
    CHECK(tool("/bin/logread", "-t", "library", "-l", "warning") == 0 && strstr(tool_output, "warn 2") &&
              strstr(tool_output, "error 3") && !strstr(tool_output, "info 1") &&
              !strstr(tool_output, "debug 4"),
          "-l warning: warning and worse only");
    CHECK(tool("/bin/logread", "-p", own_pid) == 0 && strstr(tool_output, own_record) &&
              !strstr(tool_output, "tooltag"),
          "-p: only this pid's records");
    CHECK(tool("/bin/logread", "-r", "-t", "tooltag") == 0 && strstr(tool_output, " warning ") &&
              strstr(tool_output, " tooltag from the tool\n"),
          "-r: the stored lines as they are");
    CHECK(tool("/bin/logread", "-s", "3600", "-t", "tooltag") == 0 && strstr(tool_output, "from the tool") &&
              tool("/bin/logread", "-s", "0", "-t", "tooltag") == 0 && !strstr(tool_output, "from the tool"),
          "-s: the last hour has the record, the last 0 seconds do not");
    CHECK(tool("/bin/logread", "-s", "99999999999", "-t", "tooltag") == 0 &&
              strstr(tool_output, "from the tool"),
          "-s reaching before 1970: every record");
    CHECK(tool("/bin/logread", "-l", "loud") == 2 && tool("/bin/logread", "extra") == 2,
          "a bad level or a stray argument: usage, exit 2");
    CHECK(tool("/bin/logread", "-p", "1x") == 2 && tool("/bin/logread", "-s", "-1") == 2 &&
              tool("/bin/logread", "-p", "99999999999999999999") == 2,
          "-p 1x, -s -1, a pid past the range: usage, exit 2");
    CHECK(tool("/bin/logd", "-r", "5x") == 2 && tool("/bin/logd", "-b", "4294967296") == 2 &&
              strstr(tool_output, "usage"),
          "logd -r 5x, -b past 32 bits: usage, exit 2 (before touching the socket)");
}

/* Reads from fd until text shows up (or the bounded wait ends). */
static bool read_until(int fd, const char *text)
{
    static char seen[4096];
    size_t length = 0;

    fcntl(fd, F_SETFL, O_NONBLOCK);
    for (int step = 0; step < POLL_STEPS; step++) {
        ssize_t got = read(fd, seen + length, sizeof(seen) - 1 - length);
        if (got > 0) {
            length += (size_t)got;
            seen[length] = '\0';
            if (strstr(seen, text))
                return true;
        }
        usleep(POLL_STEP_US);
    }
    return false;
}

static void logread_follows(void)
{
    int pipe_fds[2];

    pipe(pipe_fds);
    pid_t reader = fork();
    if (reader == 0) {
        dup2(pipe_fds[1], STDOUT_FILENO);
        close(pipe_fds[0]);
        execl("/bin/logread", "logread", "-f", "-t", "follow", (char *)NULL);
        _exit(127);
    }
    close(pipe_fds[1]);
    usleep(300000); /* let it reach the end of the file first */
    logd_info("follow", "first new record");
    bool first = read_until(pipe_fds[0], "first new record");
    logd_info("follow", "second new record");
    CHECK(first && read_until(pipe_fds[0], "second new record"),
          "logread -f shows records as they are stored");
    kill(reader, SIGTERM);
    waitpid(reader, NULL, 0);
    close(pipe_fds[0]);
}

static void kernel_events_arrive(void)
{
    char expected[64];
    uint64_t bogus = 0x0001000100000123ull;

    CHECK(cap_close(bogus) != 0, "closing a capability token we never had is refused");
    snprintf(expected, sizeof(expected), " security pid %d: capability 0x", (int)getpid());
    CHECK(log_wait_for(expected, "refused (invalid)"), "klogd recorded it with tag security");
    pid_t child = fork();
    if (child == 0)
        *(volatile int *)bad_pointer(8) = 1;
    waitpid(child, NULL, 0);
    CHECK(log_wait_for(" kernel ", "fault"), "a crashed child's kernel line is recorded with tag kernel");
}

/* Ports are made until the per-process quota refuses one, then closed. */
static void quota_refusal_is_recorded(void)
{
    uint64_t ports[IPC_QUOTA_PORTS_PER_PROCESS + 1];
    int made = 0, result = 0;
    char expected[64];

    while (made <= IPC_QUOTA_PORTS_PER_PROCESS && (result = port_create(0, &ports[made])) == 0)
        made++;
    CHECK(result == -IPC_ERR_QUOTA, "port %d is refused by the per-process quota", made + 1);
    while (made > 0)
        cap_close(ports[--made]);
    snprintf(expected, sizeof(expected), " security pid %d: ports quota reached", (int)getpid());
    CHECK(log_wait_for(expected, "(its own limit)"), "klogd recorded the quota refusal with tag security");
}

static void malformed_datagrams_are_counted(void)
{
    struct sockaddr_un address = {.sun_family = AF_UNIX, .sun_path = LOGD_SOCKET};
    int fd = socket(AF_UNIX, SOCK_DGRAM, 0);

    CHECK(sendto(fd, "garbage", 7, 0, (struct sockaddr *)&address, sizeof(address)) == 7,
          "a datagram that is no record is sent");
    CHECK(log_wait_for(" logd ignored 1 malformed datagrams"), "logd records that it ignored it");
    close(fd);
}

static int count_lines(void)
{
    int lines = 0;
    static char line[1024];
    FILE *file = fopen(LOGD_FILE, "r");

    while (file && fgets(line, sizeof(line), file))
        lines++;
    if (file)
        fclose(file);
    return lines;
}

/* N of the last "started: N records" logd stored; -1 if none. */
static long last_reload_count(void)
{
    static char line[1024];
    long count = -1;
    FILE *file = fopen(LOGD_FILE, "r");
    char *found;

    while (file && fgets(line, sizeof(line), file)) {
        if ((found = strstr(line, " logd started: ")) != NULL)
            count = atol(found + strlen(" logd started: "));
    }
    if (file)
        fclose(file);
    return count;
}

static void restart_keeps_records(void)
{
    struct svc_row row;

    svc_row("logd", &row);
    int before = count_lines();
    CHECK(tool("/bin/svc", "restart", "logd") == 0 && svc_wait("logd", "running", row.pid, &row),
          "svc restart logd");
    logd_info("restart", "after the restart");
    CHECK(log_wait_for(" restart after the restart") && count_lines() > before,
          "records stored before the restart are all still there, and new ones follow");
    long reloaded = last_reload_count();
    CHECK(reloaded >= before,
          "the new logd read back every record the file held (%ld, %d before the restart)", reloaded, before);
    CHECK(log_line_with(pid_text, " library info 1") != 0, "a record from before is still found");
}

int main(void)
{
    snprintf(pid_text, sizeof(pid_text), " %d ", (int)getpid());
    client_library();
    syslog_maps_onto_logd();
    logger_tool();
    logread_filters();
    logread_follows();
    kernel_events_arrive();
    quota_refusal_is_recorded();
    malformed_datagrams_are_counted();
    restart_keeps_records();
    return check_done();
}
