/*
 * control.c - /var/run/init.sock: the svc protocol, served without blocking.
 *
 * Layer: user program (init). A Unix stream socket; a client sends one
 * request line and reads the reply until init closes the connection
 * (protocol: docs/services.md):
 *
 *     list                      ->  NAME STATE PID RESTARTS LAST-STATUS lines, then "ok"
 *     start|stop|restart NAME   ->  "ok" or "error WHY"
 *     shutdown|poweroff|reboot  ->  "ok", then the machine goes down
 *
 * Every socket is non-blocking: init reads what has arrived, answers into
 * the client's buffer, and writes as much as the socket takes, so a client
 * that sends half a line or never reads cannot stall PID 1. A client that
 * makes no progress for CLIENT_IDLE_MS is dropped; at most CLIENTS_MAX are
 * served at once (more wait in the listen backlog, unwatched: the listening
 * socket is in the poll set only while a slot is free).
 *
 * Invariant: a slot's reply_length is 0 while its request is being read,
 * and > 0 from the answer on; the connection closes once reply_sent
 * reaches it.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include "init.h"
#include "tools.h"

#define CLIENTS_MAX    8
#define CLIENT_IDLE_MS 5000
#define REQUEST_MAX    128
#define REPLY_MAX      2048

struct client {
    int fd; /* -1: slot free */
    char request[REQUEST_MAX];
    size_t request_length;
    char reply[REPLY_MAX];
    size_t reply_length, reply_sent; /* reply_length > 0: answering */
    uint64_t idle_deadline;
};

static int listen_fd = -1;
static struct client clients[CLIENTS_MAX];

int control_init(void)
{
    for (int i = 0; i < CLIENTS_MAX; i++)
        clients[i].fd = -1;
    listen_fd = unix_socket_bind(CONTROL_SOCKET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, CLIENTS_MAX);
    if (listen_fd < 0) {
        init_log("%s: %s", CONTROL_SOCKET, strerror(errno));
        return -1;
    }
    return 0;
}

/* Ends the reply with "ok" or "error WHY" (list's lines leave room for it). */
static void reply_result(struct client *client, const char *why_not)
{
    size_t room = REPLY_MAX - client->reply_length;
    int written = why_not ? snprintf(client->reply + client->reply_length, room, "error %s\n", why_not)
                          : snprintf(client->reply + client->reply_length, room, "ok\n");

    if (written > 0)
        client->reply_length += (size_t)written < room ? (size_t)written : room - 1;
}

/* "VERB" or "VERB NAME"; the reply goes into the client's buffer. */
static void answer(struct client *client, char *line)
{
    char *verb = strtok(line, " \t");
    char *name = verb ? strtok(NULL, " \t") : NULL;

    if (verb && strcmp(verb, "list") == 0) {
        client->reply_length = supervisor_list(client->reply, REPLY_MAX - sizeof("ok\n"));
        reply_result(client, NULL);
    } else if (verb && name && strcmp(verb, "start") == 0) {
        reply_result(client, supervisor_start(name));
    } else if (verb && name && strcmp(verb, "stop") == 0) {
        reply_result(client, supervisor_stop(name));
    } else if (verb && name && strcmp(verb, "restart") == 0) {
        reply_result(client, supervisor_restart(name));
    } else if (verb && (strcmp(verb, "shutdown") == 0 || strcmp(verb, "poweroff") == 0)) {
        reply_result(client, NULL);
        shutdown_begin(SHUTDOWN_POWEROFF);
    } else if (verb && strcmp(verb, "reboot") == 0) {
        reply_result(client, NULL);
        shutdown_begin(SHUTDOWN_REBOOT);
    } else {
        reply_result(client, "unknown request (list, start, stop, restart NAME, shutdown, reboot)");
    }
}

static void client_close(struct client *client)
{
    close(client->fd);
    client->fd = -1;
}

static bool client_slot_free(void)
{
    for (int i = 0; i < CLIENTS_MAX; i++) {
        if (clients[i].fd < 0)
            return true;
    }
    return false;
}

static void accept_clients(void)
{
    for (int i = 0; i < CLIENTS_MAX; i++) {
        if (clients[i].fd >= 0)
            continue;
        int fd = accept4(listen_fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0)
            return;
        clients[i] = (struct client){.fd = fd, .idle_deadline = now_ms() + CLIENT_IDLE_MS};
    }
}

/* After a read or send that moved `moved` bytes: true if the caller must
 * stop - nothing to do yet (EAGAIN), or the client is gone (now closed). */
static bool nothing_moved(struct client *client, ssize_t moved)
{
    if (moved > 0)
        return false;
    if (!(moved < 0 && errno == EAGAIN))
        client_close(client);
    return true;
}

/* Reads what has arrived; answers once a whole line is there. */
static void client_read(struct client *client)
{
    size_t room = REQUEST_MAX - 1 - client->request_length;
    ssize_t got = read(client->fd, client->request + client->request_length, room);

    if (nothing_moved(client, got))
        return;
    client->request_length += (size_t)got;
    client->request[client->request_length] = '\0';
    char *newline = strchr(client->request, '\n');
    if (newline) {
        *newline = '\0';
        answer(client, client->request);
    } else if (client->request_length == REQUEST_MAX - 1) {
        reply_result(client, "request too long");
    }
    client->idle_deadline = now_ms() + CLIENT_IDLE_MS;
}

static void client_write(struct client *client)
{
    ssize_t sent = send(client->fd, client->reply + client->reply_sent,
                        client->reply_length - client->reply_sent, MSG_NOSIGNAL);

    if (nothing_moved(client, sent))
        return;
    client->reply_sent += (size_t)sent;
    client->idle_deadline = now_ms() + CLIENT_IDLE_MS;
    if (client->reply_sent == client->reply_length)
        client_close(client);
}

int control_poll_fds(struct pollfd *fds, int max)
{
    int count = 0;

    if (listen_fd < 0 || max < 1 + CLIENTS_MAX)
        return 0;
    /* every slot taken: a connection in the backlog would make poll
     * return at once, again and again (PID 1 spinning) */
    fds[count++] = (struct pollfd){.fd = client_slot_free() ? listen_fd : -1, .events = POLLIN};
    for (int i = 0; i < CLIENTS_MAX; i++) {
        short events = clients[i].reply_length > 0 ? POLLOUT : POLLIN;
        fds[count++] = (struct pollfd){.fd = clients[i].fd, .events = events};
    }
    return count;
}

void control_handle(const struct pollfd *fds, int count)
{
    if (count < 1 + CLIENTS_MAX)
        return;
    for (int i = 0; i < CLIENTS_MAX; i++) {
        struct client *client = &clients[i];
        short ready = fds[1 + i].revents;
        if (client->fd < 0 || ready == 0)
            continue;
        if (client->reply_length == 0 && (ready & (POLLIN | POLLHUP | POLLERR)))
            client_read(client);
        if (client->fd >= 0 && client->reply_length > 0)
            client_write(client);
    }
    if (fds[0].revents & POLLIN)
        accept_clients();
}

uint64_t control_drop_idle_clients(void)
{
    uint64_t earliest = NO_DEADLINE;
    uint64_t now = now_ms();

    for (int i = 0; i < CLIENTS_MAX; i++) {
        if (clients[i].fd < 0)
            continue;
        if (clients[i].idle_deadline <= now)
            client_close(&clients[i]);
        else if (clients[i].idle_deadline < earliest)
            earliest = clients[i].idle_deadline;
    }
    return earliest;
}
