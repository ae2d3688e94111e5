/*
 * userland/libc/csrss_client.c - the console server's client calls (see
 * <freeport/csrss.h>): connect (at once, or waiting for csrss to come
 * up), one call (a request, then its reply read whole), and a function
 * per request type.
 *
 * Layer: libfreeport, on the socket calls. Requests on one connection are
 * answered in order, so a call reads the next reply and checks it is the
 * one it asked for (type and request id); anything else is EPROTO. The
 * request ids count up per process.
 */
#include <errno.h>
#include <freeport/csrss.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

static uint32_t last_request_id;

int csrss_connect(void)
{
    struct sockaddr_un address = {.sun_family = AF_UNIX, .sun_path = CSRSS_SOCKET_PATH};
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);

    if (fd < 0)
        return -1;
    if (connect(fd, (const struct sockaddr *)&address, sizeof(address)) != 0) {
        int error = errno;
        close(fd);
        errno = error;
        return -1;
    }
    return fd;
}

int csrss_connect_waiting(unsigned milliseconds)
{
    const struct timespec pause = {.tv_nsec = 10 * 1000 * 1000};
    int fd;

    while ((fd = csrss_connect()) < 0 && milliseconds >= 10) {
        nanosleep(&pause, NULL);
        milliseconds -= 10;
    }
    return fd;
}

static int write_all(int fd, const char *bytes, size_t length)
{
    while (length > 0) {
        ssize_t put = send(fd, bytes, length, MSG_NOSIGNAL);
        if (put < 0 && errno == EINTR)
            continue;
        if (put <= 0)
            return -1;
        bytes += put;
        length -= (size_t)put;
    }
    return 0;
}

/* Exactly `length` bytes; end of file before them is EPIPE. */
static int read_all(int fd, char *bytes, size_t length)
{
    while (length > 0) {
        ssize_t got = read(fd, bytes, length);
        if (got < 0 && errno == EINTR)
            continue;
        if (got == 0)
            errno = EPIPE;
        if (got <= 0)
            return -1;
        bytes += got;
        length -= (size_t)got;
    }
    return 0;
}

/* The reply to `request`, whole, into `message` (CSRSS_MESSAGE_MAX bytes). */
static int read_reply(int fd, const struct csrss_header *request, char *message, struct csrss_header *reply)
{
    if (read_all(fd, message, sizeof(*reply)) != 0)
        return -1;
    memcpy(reply, message, sizeof(*reply));
    if (reply->length < sizeof(*reply) || reply->length > CSRSS_MESSAGE_MAX ||
        reply->type != (request->type | CSRSS_REPLY) || reply->request_id != request->request_id) {
        errno = EPROTO;
        return -1;
    }
    return read_all(fd, message + sizeof(*reply), reply->length - sizeof(*reply));
}

int csrss_call(int fd, uint16_t type, const void *payload, size_t payload_length, void *reply,
               size_t reply_max, size_t *reply_length)
{
    char message[CSRSS_MESSAGE_MAX];
    struct csrss_header request = {.type = type, .request_id = ++last_request_id}, answer;
    size_t length = csrss_encode(message, type, request.request_id, 0, payload, payload_length);

    if (length == 0) {
        errno = EMSGSIZE;
        return -1;
    }
    if (write_all(fd, message, length) != 0 || read_reply(fd, &request, message, &answer) != 0)
        return -1;
    if (answer.status < 0) {
        errno = -answer.status;
        return -1;
    }
    size_t answer_length = answer.length - sizeof(answer);
    if (answer_length > reply_max) {
        errno = EPROTO;
        return -1;
    }
    if (answer_length > 0)
        memcpy(reply, message + sizeof(answer), answer_length);
    if (reply_length)
        *reply_length = answer_length;
    return 0;
}

/* A call whose reply must be exactly `reply_size` bytes. */
static int call_exact(int fd, uint16_t type, const void *payload, size_t payload_length, void *reply,
                      size_t reply_size)
{
    size_t got;

    if (csrss_call(fd, type, payload, payload_length, reply, reply_size, &got) != 0)
        return -1;
    if (got != reply_size) {
        errno = EPROTO;
        return -1;
    }
    return 0;
}

/* A request made of a fixed part and trailing bytes; the reply's count. */
static long call_with_bytes(int fd, uint16_t type, const void *fixed, size_t fixed_length, const void *bytes,
                            size_t length, void *reply, size_t reply_size)
{
    char payload[CSRSS_MESSAGE_MAX];

    if (length > sizeof(payload) - sizeof(struct csrss_header) - fixed_length) {
        errno = EMSGSIZE;
        return -1;
    }
    memcpy(payload, fixed, fixed_length);
    memcpy(payload + fixed_length, bytes, length);
    return call_exact(fd, type, payload, fixed_length + length, reply, reply_size);
}

int csrss_create_console(int fd)
{
    struct csrss_console_reply reply;

    if (call_exact(fd, CSRSS_CREATE_CONSOLE, NULL, 0, &reply, sizeof(reply)) != 0)
        return -1;
    return (int)reply.console;
}

int csrss_console_info(int fd, uint32_t console, struct csrss_console_info *info)
{
    struct csrss_console_request request = {.console = console};

    if (call_exact(fd, CSRSS_CONSOLE_INFO, &request, sizeof(request), info, sizeof(*info)) != 0)
        return -1;
    info->slave_path[sizeof(info->slave_path) - 1] = '\0'; /* a path, whatever came */
    return 0;
}

long csrss_write(int fd, uint32_t console, const void *text, size_t length)
{
    struct csrss_write_request request = {.console = console};
    struct csrss_count_reply reply;

    if (call_with_bytes(fd, CSRSS_WRITE, &request, sizeof(request), text, length, &reply, sizeof(reply)) != 0)
        return -1;
    return reply.count;
}

int csrss_read_screen(int fd, uint32_t console, struct csrss_screen *screen)
{
    struct csrss_console_request request = {.console = console};

    return call_exact(fd, CSRSS_READ_SCREEN, &request, sizeof(request), screen, sizeof(*screen));
}

int csrss_set_attributes(int fd, const struct csrss_attributes_request *request)
{
    return call_exact(fd, CSRSS_SET_ATTRIBUTES, request, sizeof(*request), NULL, 0);
}

int csrss_switch(int fd, uint32_t console)
{
    struct csrss_console_request request = {.console = console};

    return call_exact(fd, CSRSS_SWITCH, &request, sizeof(request), NULL, 0);
}

long csrss_window_create(int fd, const struct csrss_window_create_request *request, const char *title)
{
    struct csrss_window_reply reply;

    if (call_with_bytes(fd, CSRSS_WINDOW_CREATE, request, sizeof(*request), title, strlen(title), &reply,
                        sizeof(reply)) != 0)
        return -1;
    return reply.window;
}

long csrss_window_write(int fd, uint32_t window, const void *text, size_t length)
{
    struct csrss_window_write_request request = {.window = window};
    struct csrss_count_reply reply;

    if (call_with_bytes(fd, CSRSS_WINDOW_WRITE, &request, sizeof(request), text, length, &reply,
                        sizeof(reply)) != 0)
        return -1;
    return reply.count;
}

int csrss_window_close(int fd, uint32_t window)
{
    struct csrss_window_request request = {.window = window};

    return call_exact(fd, CSRSS_WINDOW_CLOSE, &request, sizeof(request), NULL, 0);
}
