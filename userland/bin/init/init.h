/*
 * init.h - what init's files share. init (PID 1) is a small service
 * manager; one concept per file:
 *   main.c          which mode: a test run (/etc/guest-run) or a boot
 *   guest_run.c     the test-run protocol (FREEPORT-RUN-BEGIN/END)
 *   service_table.c /etc/services, parsed (pure; unit-tested on the host)
 *   backoff.c       restart delays (pure; unit-tested on the host)
 *   supervisor.c    each service's state: start in order, readiness,
 *                   restart with backoff, stop
 *   launch.c        fork + exec of one service with its descriptors
 *   devices.c       the console devices claimed once and handed to csrss
 *   event_loop.c    the one place init waits: poll on the control socket
 *                   and a self-pipe that SIGCHLD writes; every child that
 *                   ends (orphans included) is reaped there
 *   control.c       /var/run/init.sock, the svc protocol (docs/services.md)
 *   shutdown.c      stopping every service in reverse order, then power
 *                   off or reboot
 *   log.c           init's messages: to logd when its socket is there,
 *                   else the console
 * init is single-threaded and never blocks except in event_loop_once's
 * poll: every descriptor it serves is non-blocking.
 */
#ifndef INIT_INIT_H
#define INIT_INIT_H

#include <poll.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include "backoff.h"
#include "service_table.h"

#define SERVICES_FILE    "/etc/services"
#define CONTROL_SOCKET   "/var/run/init.sock"
#define READY_TIMEOUT_MS 5000 /* a service not ready by then: go on without it */
#define STOP_TIMEOUT_MS  3000 /* SIGTERM, then SIGKILL after this */
#define NO_DEADLINE      UINT64_MAX

/* --- guest_run.c --- */
bool guest_run_requested(void);
_Noreturn void guest_run(bool with_services);
/* Runs argv in the foreground, reaping every child that ends meanwhile; its exit status. */
int run_and_reap(char *const argv[]);

/* --- event_loop.c --- */
uint64_t now_ms(void);
/* Sets up the SIGCHLD self-pipe; call once before anything forks. */
int event_loop_init(void);
/* Waits for one round of events (or the earliest deadline) and handles them. */
void event_loop_once(void);
/* The loop remembers how this pid ends (a test command, a shutdown helper). */
void event_loop_watch(pid_t pid);
bool event_loop_watched_exited(int *wait_status);

/* --- supervisor.c --- */
enum service_state {
    SERVICE_STOPPED,  /* not started yet, or stopped by svc stop */
    SERVICE_STARTING, /* running, its ready= path not there yet */
    SERVICE_RUNNING,
    SERVICE_BACKOFF,  /* ended; restarts at its deadline */
    SERVICE_STOPPING, /* SIGTERM sent; SIGKILL at its deadline */
    SERVICE_EXITED,   /* ended and its policy says no restart */
    SERVICE_MISSING,  /* its program cannot be executed */
};

struct service {
    const struct service_spec *spec;
    enum service_state state;
    pid_t pid;
    unsigned restarts;
    int last_status; /* exit status (128 + signal when killed); -1: none yet */
    uint64_t started_ms;
    uint64_t deadline_ms; /* STARTING: ready timeout; BACKOFF: restart; STOPPING: SIGKILL */
    struct backoff backoff;
    bool start_when_stopped; /* svc restart: start again once it has ended */
    int socket_fd;           /* socket= : bound once by init, kept across restarts; -1 */
};

/* Reads the table; test_run leaves out the tty services. 0, or -1 if none. */
int supervisor_load(const char *path, bool test_run);
/* Starts what is due, checks readiness and deadlines (call after each event). */
void supervisor_tick(void);
uint64_t supervisor_next_deadline(void);
/* True once every service of the boot sequence was started (and was ready or timed out). */
bool supervisor_booted(void);
/* A child ended; false if it was no service's. */
bool supervisor_child_exited(pid_t pid, int wait_status);
/* svc commands: NULL on success, else why not. */
const char *supervisor_start(const char *name);
const char *supervisor_stop(const char *name);
const char *supervisor_restart(const char *name);
/* One "NAME STATE PID RESTARTS LAST" line per service into buffer; bytes written. */
size_t supervisor_list(char *buffer, size_t size);
/* Stops the services that are up, last one first, one at a time; true once none is. */
bool supervisor_stop_all(void);
/* True if some tty service is up or about to be (no fallback shell needed). */
bool supervisor_has_console(void);
void supervisor_add_fallback_shell(void);
const char *service_state_name(enum service_state state);
/* True if records sent to path (a socket= init holds) will be read: its
 * service runs, or is between a crash and its restart. */
bool supervisor_log_reaches(const char *path);

/* --- launch.c --- */
/* fork + exec of the service; its pid, or -1 (logged). */
pid_t launch_service(struct service *service);
/* Binds spec->socket_path as a datagram socket (close-on-exec); fd or -1. */
int launch_bind_socket(const char *path);

/* --- devices.c --- */
/* Claims VGA, keyboard and COM1 once; the fds (close-on-exec) or -1 each. */
void devices_claim(void);
#define DEVICES_HANDED_OVER 3 /* VGA, keyboard, COM1: fds 3, 4, 5 of the service */
/* The claimed device of that index (0 VGA, 1 keyboard, 2 COM1), or -1. */
int devices_fd(int index);

/* --- control.c --- */
int control_init(void);
/* Adds the control descriptors to fds (at most max); returns how many. */
int control_poll_fds(struct pollfd *fds, int max);
void control_handle(const struct pollfd *fds, int count);
/* Drops the clients idle past their deadline; the next such deadline. */
uint64_t control_drop_idle_clients(void);

/* --- shutdown.c --- */
enum shutdown_kind { SHUTDOWN_POWEROFF, SHUTDOWN_REBOOT };
void shutdown_begin(enum shutdown_kind kind);
bool shutdown_in_progress(void);
/* Called after each event: powers off or reboots once every service has stopped. */
void shutdown_tick(void);

/* --- log.c --- */
void init_log(const char *format, ...) __attribute__((format(printf, 1, 2)));

#endif
