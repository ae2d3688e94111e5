/*
 * supervisor.c - the state of every service, and the moves between states.
 *
 * Layer: user program (init). The boot sequence starts the services in
 * table order; one that has a ready= path holds the sequence in STARTING
 * until the path exists (or READY_TIMEOUT_MS passes). Afterwards each
 * service lives on its own:
 *
 *   STOPPED --start--> STARTING --ready--> RUNNING --ends--> BACKOFF --deadline--> STARTING
 *                                            |  \--ends, policy says no--> EXITED
 *                                            \--svc stop--> STOPPING --ends--> STOPPED
 *
 * Invariants: pid > 0 exactly in STARTING, RUNNING and STOPPING; a deadline
 * is set exactly in STARTING, BACKOFF and STOPPING. Nothing here waits:
 * every state with a deadline is revisited by supervisor_tick, which the
 * event loop calls after each event and whenever a deadline passes.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "init.h"
#include "tools.h"

#define TABLE_TEXT_MAX 4096
#define READY_POLL_MS  20

static struct service_table table;
static struct service services[SERVICE_MAX];
static int service_count;
static int boot_next; /* index of the next service the boot sequence starts */
static struct service_spec fallback_shell_spec = {
    .name = "shell", .restart = RESTART_ALWAYS, .flags = SERVICE_TTY, .argc = 1, .words = "/bin/sh"};

static void report_bad_line(int line, const char *why, void *path)
{
    init_log("%s:%d: %s; line skipped", (const char *)path, line, why);
}

static int read_table_text(const char *path, char *text, size_t size)
{
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return -1;
    ssize_t length = read(fd, text, size);
    close(fd);
    return (int)length;
}

static void add_service(const struct service_spec *spec)
{
    struct service *service = &services[service_count++];

    *service = (struct service){.spec = spec, .last_status = -1, .socket_fd = -1};
    if (access(spec->words, X_OK) != 0)
        service->state = SERVICE_MISSING;
}

int supervisor_load(const char *path, bool test_run)
{
    static char text[TABLE_TEXT_MAX];
    int length = read_table_text(path, text, sizeof(text));

    if (length < 0) {
        init_log("%s: %s", path, strerror(errno));
        return -1;
    }
    service_table_parse(text, (size_t)length, &table, report_bad_line, (void *)path);
    for (int i = 0; i < table.count; i++) {
        if (!(test_run && (table.services[i].flags & SERVICE_TTY)))
            add_service(&table.services[i]);
    }
    return service_count > 0 ? 0 : -1;
}

/* A tty service can run, and so can every service it needs the devices of
 * (getty needs csrss). */
bool supervisor_has_console(void)
{
    bool tty = false;

    for (int i = 0; i < service_count; i++) {
        bool runnable = services[i].state != SERVICE_MISSING;
        if ((services[i].spec->flags & SERVICE_DEVICES) && !runnable)
            return false;
        tty |= (services[i].spec->flags & SERVICE_TTY) && runnable;
    }
    return tty;
}

void supervisor_add_fallback_shell(void)
{
    if (service_count < SERVICE_MAX)
        add_service(&fallback_shell_spec);
}

static struct service *find(const char *name)
{
    for (int i = 0; i < service_count; i++) {
        if (strcmp(services[i].spec->name, name) == 0)
            return &services[i];
    }
    return NULL;
}

static struct service *find_pid(pid_t pid)
{
    for (int i = 0; i < service_count; i++) {
        if (services[i].pid == pid && services[i].pid > 0)
            return &services[i];
    }
    return NULL;
}

static bool is_up(const struct service *service)
{
    return service->pid > 0;
}

static void become_running(struct service *service)
{
    service->state = SERVICE_RUNNING;
    service->deadline_ms = NO_DEADLINE;
}

/* Starts the service now; a ready= path it left behind is removed first,
 * so readiness means the new instance made it. */
static void start_now(struct service *service)
{
    const struct service_spec *spec = service->spec;

    if (spec->ready_path[0])
        unlink(spec->ready_path);
    if (spec->flags & SERVICE_DEVICES)
        devices_claim();
    if (spec->socket_path[0] && service->socket_fd < 0)
        service->socket_fd = launch_bind_socket(spec->socket_path);
    service->pid = launch_service(service);
    if (service->pid < 0) {
        service->pid = 0;
        service->state = SERVICE_EXITED;
        service->last_status = 127;
        return;
    }
    service->started_ms = now_ms();
    init_log("started %s (pid %d)", spec->name, (int)service->pid);
    if (spec->ready_path[0]) {
        service->state = SERVICE_STARTING;
        service->deadline_ms = service->started_ms + READY_TIMEOUT_MS;
    } else {
        become_running(service);
    }
}

static void check_ready(struct service *service)
{
    struct stat status;

    if (stat(service->spec->ready_path, &status) == 0) {
        init_log("%s is ready", service->spec->name);
        become_running(service);
    } else if (now_ms() >= service->deadline_ms) {
        init_log("%s is not ready after %d ms; going on without waiting", service->spec->name,
                 READY_TIMEOUT_MS);
        become_running(service);
    }
}

static void stop_deadline_passed(struct service *service)
{
    init_log("%s did not stop in %d ms: SIGKILL", service->spec->name, STOP_TIMEOUT_MS);
    kill(service->pid, SIGKILL);
    service->deadline_ms = NO_DEADLINE;
}

static void tick_service(struct service *service)
{
    switch (service->state) {
    case SERVICE_STARTING: check_ready(service); break;
    case SERVICE_BACKOFF:
        if (now_ms() >= service->deadline_ms) {
            service->restarts++;
            start_now(service);
        }
        break;
    case SERVICE_STOPPING:
        if (now_ms() >= service->deadline_ms)
            stop_deadline_passed(service);
        break;
    default: break;
    }
}

/* The boot sequence: start the next service once the one before is ready. */
static void advance_boot(void)
{
    while (boot_next < service_count && !shutdown_in_progress()) {
        if (boot_next > 0 && services[boot_next - 1].state == SERVICE_STARTING)
            return;
        struct service *service = &services[boot_next++];
        if (service->state == SERVICE_MISSING)
            init_log("%s: %s cannot be executed; not started", service->spec->name, service->spec->words);
        else if (service->state == SERVICE_STOPPED)
            start_now(service);
    }
}

void supervisor_tick(void)
{
    for (int i = 0; i < service_count; i++)
        tick_service(&services[i]);
    advance_boot();
}

bool supervisor_booted(void)
{
    return boot_next == service_count &&
           (service_count == 0 || services[service_count - 1].state != SERVICE_STARTING);
}

/* A STARTING service's ready= path is looked for every READY_POLL_MS:
 * there is no event for "a file appeared". */
uint64_t supervisor_next_deadline(void)
{
    uint64_t earliest = NO_DEADLINE;

    for (int i = 0; i < service_count; i++) {
        uint64_t deadline = services[i].deadline_ms;
        if (services[i].state == SERVICE_STARTING && now_ms() + READY_POLL_MS < deadline)
            deadline = now_ms() + READY_POLL_MS;
        if (deadline < earliest)
            earliest = deadline;
    }
    return earliest;
}

static bool wants_restart(const struct service *service, int status)
{
    if (shutdown_in_progress())
        return false;
    switch (service->spec->restart) {
    case RESTART_ALWAYS: return true;
    case RESTART_ON_FAILURE: return status != 0;
    case RESTART_NEVER: return false;
    }
    return false;
}

static void schedule_restart(struct service *service, uint64_t uptime_ms)
{
    uint32_t wait_ms = backoff_after_exit(&service->backoff, uptime_ms);

    service->state = SERVICE_BACKOFF;
    service->deadline_ms = now_ms() + wait_ms;
    init_log("restarting %s in %u ms", service->spec->name, (unsigned)wait_ms);
}

bool supervisor_child_exited(pid_t pid, int wait_status)
{
    struct service *service = find_pid(pid);
    if (!service)
        return false;
    int status = exit_status_of(wait_status);
    bool was_stopping = service->state == SERVICE_STOPPING;

    service->pid = 0;
    service->last_status = status;
    service->deadline_ms = NO_DEADLINE;
    init_log("%s (pid %d) exited with status %d", service->spec->name, (int)pid, status);
    if (was_stopping) {
        service->state = SERVICE_STOPPED;
        if (service->start_when_stopped) {
            service->start_when_stopped = false;
            service->restarts++;
            start_now(service);
        }
    } else if (wants_restart(service, status)) {
        schedule_restart(service, now_ms() - service->started_ms);
    } else {
        service->state = SERVICE_EXITED;
    }
    return true;
}

static void stop_now(struct service *service)
{
    service->state = SERVICE_STOPPING;
    service->deadline_ms = now_ms() + STOP_TIMEOUT_MS;
    init_log("stopping %s (pid %d): SIGTERM", service->spec->name, (int)service->pid);
    kill(service->pid, SIGTERM);
}

const char *supervisor_start(const char *name)
{
    struct service *service = find(name);

    if (!service)
        return "no such service";
    if (service->state == SERVICE_MISSING)
        return "its program cannot be executed";
    if (service->state == SERVICE_STOPPING) {
        service->start_when_stopped = true;
        return NULL;
    }
    if (is_up(service))
        return "already running";
    backoff_reset(&service->backoff);
    start_now(service);
    return is_up(service) ? NULL : "it could not be started";
}

const char *supervisor_stop(const char *name)
{
    struct service *service = find(name);

    if (!service)
        return "no such service";
    service->start_when_stopped = false;
    if (service->state == SERVICE_STOPPING)
        return NULL;
    if (!is_up(service)) {
        if (service->state == SERVICE_BACKOFF) {
            service->state = SERVICE_STOPPED;
            service->deadline_ms = NO_DEADLINE;
            return NULL;
        }
        return "not running";
    }
    stop_now(service);
    return NULL;
}

const char *supervisor_restart(const char *name)
{
    struct service *service = find(name);

    if (!service)
        return "no such service";
    if (!is_up(service))
        return supervisor_start(name);
    if (service->state != SERVICE_STOPPING)
        stop_now(service);
    service->start_when_stopped = true;
    return NULL;
}

/* A number, or "-" for none (a pid of 0, a status of -1). */
static const char *number_or_dash(int value, int none, char *text, size_t size)
{
    if (value == none)
        return "-";
    snprintf(text, size, "%d", value);
    return text;
}

size_t supervisor_list(char *buffer, size_t size)
{
    size_t used = 0;

    for (int i = 0; i < service_count && used < size; i++) {
        const struct service *service = &services[i];
        char pid[12], last[12];
        int written = snprintf(buffer + used, size - used, "%-10s %-9s %5s %8u %4s\n", service->spec->name,
                               service_state_name(service->state),
                               number_or_dash((int)service->pid, 0, pid, sizeof(pid)), service->restarts,
                               number_or_dash(service->last_status, -1, last, sizeof(last)));
        if (written < 0 || (size_t)written >= size - used)
            break;
        used += (size_t)written;
    }
    return used;
}

bool supervisor_stop_all(void)
{
    for (int i = service_count - 1; i >= 0; i--) {
        struct service *service = &services[i];
        if (service->state == SERVICE_BACKOFF) {
            service->state = SERVICE_STOPPED;
            service->deadline_ms = NO_DEADLINE;
        }
        if (service->state == SERVICE_STOPPING)
            return false;
        if (is_up(service)) {
            service->start_when_stopped = false;
            stop_now(service);
            return false;
        }
    }
    return true;
}

bool supervisor_log_reaches(const char *path)
{
    for (int i = 0; i < service_count; i++) {
        const struct service *service = &services[i];
        enum service_state state = service->state;
        if (service->socket_fd >= 0 && strcmp(service->spec->socket_path, path) == 0)
            return state == SERVICE_RUNNING || state == SERVICE_STARTING || state == SERVICE_BACKOFF;
    }
    return false;
}

const char *service_state_name(enum service_state state)
{
    static const char *const names[] = {
        [SERVICE_STOPPED] = "stopped", [SERVICE_STARTING] = "starting", [SERVICE_RUNNING] = "running",
        [SERVICE_BACKOFF] = "backoff", [SERVICE_STOPPING] = "stopping", [SERVICE_EXITED] = "exited",
        [SERVICE_MISSING] = "missing",
    };
    return names[state];
}
