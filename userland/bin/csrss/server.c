/*
 * csrss/server.c - the protocol's transport: the listening socket at
 * CSRSS_SOCKET_PATH, the connections (up to CLIENTS_MAX), cutting each
 * connection's byte stream into messages and sending the replies.
 *
 * Layer: csrss, on stream Unix sockets and the codec of
 * <freeport/csrss.h>. A connection is dropped, and its windows closed,
 * when the client hangs up, when a header's length makes the stream
 * impossible to frame (after an EMSGSIZE reply), or when a reply cannot be
 * sent at once (a client must read its replies: csrss never waits for
 * one). Any other bad request gets an error reply and the connection goes
 * on.
 *
 * Every socket is non-blocking: a read, accept or send that would wait
 * returns EAGAIN instead, so one slow or silent client never stalls the
 * others, whatever poll said.
 *
 * Invariant: client->buffer holds `received` bytes, the start of the
 * next message; a complete message is handled as soon as it is there.
 */
#include <err.h>
#include <errno.h>
#include <limits.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "csrss.h"
#include "tools.h"

int server_listen(struct csrss *csrss)
{
    int fd = unix_socket_bind(CSRSS_SOCKET_PATH, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, CLIENTS_MAX);

    if (fd < 0)
        return -1;
    csrss->listen_fd = fd;
    for (int index = 0; index < CLIENTS_MAX; index++)
        csrss->clients[index].fd = -1;
    return 0;
}

static void drop(struct csrss *csrss, struct client *client)
{
    if (window_close_owned(&csrss->windows, client->number) > 0)
        csrss->screen_changed = true;
    close(client->fd);
    client->fd = -1;
}

void server_accept(struct csrss *csrss)
{
    int fd = accept4(csrss->listen_fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);

    if (fd < 0) {
        if (errno != EAGAIN && errno != EINTR)
            warn("accept");
        return;
    }
    for (int index = 0; index < CLIENTS_MAX; index++) {
        struct client *client = &csrss->clients[index];
        if (client->fd < 0) {
            csrss->next_client_number =
                csrss->next_client_number == INT_MAX ? 1 : csrss->next_client_number + 1;
            *client = (struct client){.fd = fd, .number = csrss->next_client_number};
            return;
        }
    }
    close(fd); /* full: the client sees its connection end */
}

/* One reply, sent whole without waiting: 0, or -1 (drop the client). */
static int send_reply(const struct client *client, uint16_t type, uint32_t request_id, long result,
                      const void *payload)
{
    char message[CSRSS_MESSAGE_MAX];
    size_t payload_length = result > 0 ? (size_t)result : 0;
    int32_t status = result < 0 ? (int32_t)result : 0;
    size_t length = csrss_encode(message, type | CSRSS_REPLY, request_id, status, payload, payload_length);

    return send(client->fd, message, length, MSG_DONTWAIT | MSG_NOSIGNAL) == (ssize_t)length ? 0 : -1;
}

/* One whole message: check, handle, reply. */
static int handle_message(struct csrss *csrss, struct client *client, size_t length)
{
    char reply[CSRSS_MESSAGE_MAX];
    struct csrss_header header;
    long result = csrss_check_request(client->buffer, length);

    memcpy(&header, client->buffer, sizeof(header));
    if (result == 0)
        result = requests_handle(csrss, client, &header, client->buffer + sizeof(header),
                                 length - sizeof(header), reply);
    return send_reply(client, header.type, header.request_id, result, reply);
}

/* Handle every whole message in the buffer: 0, or -1 (drop the client). */
static int handle_buffer(struct csrss *csrss, struct client *client)
{
    long length;

    while ((length = csrss_message_length(client->buffer, client->received)) > 0) {
        if (handle_message(csrss, client, (size_t)length) != 0)
            return -1;
        client->received -= (size_t)length;
        memmove(client->buffer, client->buffer + length, client->received);
    }
    if (length == 0)
        return 0;
    struct csrss_header header;
    memcpy(&header, client->buffer, sizeof(header));
    send_reply(client, header.type, header.request_id, -EMSGSIZE, NULL);
    return -1;
}

void server_receive(struct csrss *csrss, struct client *client)
{
    ssize_t got =
        read(client->fd, client->buffer + client->received, sizeof(client->buffer) - client->received);

    if (got < 0 && (errno == EINTR || errno == EAGAIN))
        return;
    if (got <= 0) {
        drop(csrss, client);
        return;
    }
    client->received += (size_t)got;
    if (handle_buffer(csrss, client) != 0)
        drop(csrss, client);
}
