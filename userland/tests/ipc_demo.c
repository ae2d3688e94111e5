/*
 * ipc_demo - a little traffic for ipcstat and ipctrace to show: a port
 * with three messages queued (one refused by its filter), and one call
 * answered by a child. Then it runs ipcstat while everything is alive.
 */
#include "ipc_check.h"

static void server(void)
{
    uint64_t port;
    char request[16];
    struct ipc_receive_args in = port_buffer(request, sizeof(request), IPC_TIMEOUT_FOREVER);

    if (port_create(0, &port) || ns_bind("demo.server", port, IPC_RIGHT_SEND) || port_receive(port, &in))
        _exit(1);
    struct ipc_send_args out = port_message(2, "pong", 4);
    _exit(port_reply(in.header.transaction_id, &out) ? 1 : 0);
}

int main(void)
{
    uint64_t port, echo;
    struct ipc_port_config config = {.depth_limit = 8, .allowed_types = 1u << 1};
    char answer[8];
    pid_t child = fork();

    if (child == 0)
        server();
    port_create(0, &port);
    port_configure(port, &config);
    for (int i = 0; i < 3; i++)
        send_bytes(port, 1, "123456789", 9, 0, IPC_TIMEOUT_NONE);
    CHECK(send_bytes(port, 7, "x", 1, 0, IPC_TIMEOUT_NONE) == -IPC_ERR_FILTERED, "type 7 is filtered");
    CHECK(lookup_wait("demo.server", &echo) == 0, "the server's name is bound");
    struct ipc_send_args ping = port_message(1, "ping", 4);
    struct ipc_receive_args reply = port_buffer(answer, sizeof(answer), IPC_TIMEOUT_FOREVER);
    ping.timeout = IPC_TIMEOUT_FOREVER;
    CHECK(port_call(echo, &ping, &reply) == 0 && memcmp(answer, "pong", 4) == 0, "a call answered");
    fflush(stdout);
    pid_t stat = fork();
    if (stat == 0) {
        execl("/bin/ipcstat", "ipcstat", (char *)NULL);
        _exit(127);
    }
    int status;
    CHECK(waitpid(stat, &status, 0) == stat && WIFEXITED(status) && WEXITSTATUS(status) == 0, "ipcstat ran");
    waitpid(child, &status, 0);
    return check_done();
}
