/*
 * klogd - forwards the kernel's events to logd.
 *
 * Layer: user program (a service). It subscribes a port to the kernel's
 * system endpoint (system_subscribe; docs/ipc.md, "Broadcast and the
 * system endpoint") and turns each event into a logd record: kernel log
 * lines with tag "kernel"; refused capability uses, refused device claims
 * and quota refusals with tag "security".
 * It is a process of its own because logd waits on a socket with poll, and
 * a port cannot be polled: each waits on the one thing it serves.
 * Events the kernel could not queue for klogd's port are counted by the
 * endpoint (system_stats); klogd reports each new loss as a record, so
 * nothing goes unaccounted.
 */
#include <err.h>
#include <freeport/broadcast.h>
#include <freeport/logd.h>
#include <freeport/port.h>
#include <stdint.h>
#include <string.h>

#define PORT_DEPTH 64
#define EVENTS                                                                                               \
    (IPC_SYSTEM_MASK(IPC_SYSTEM_LOG) | IPC_SYSTEM_MASK(IPC_SYSTEM_CAP_VIOLATION) |                           \
     IPC_SYSTEM_MASK(IPC_SYSTEM_DEVICE_REFUSED) | IPC_SYSTEM_MASK(IPC_SYSTEM_QUOTA_REFUSED))

union event_payload {
    struct ipc_system_cap_violation violation;
    struct ipc_system_device_refused device;
    struct ipc_system_quota_refused quota;
    char text[IPC_SYSTEM_LOG_MAX + 1];
};

static const char *ipc_error_name(int error)
{
    return error == -IPC_ERR_PERMISSION    ? "lacks the right"
           : error == -IPC_ERR_INVALID_CAP ? "invalid"
                                           : "refused";
}

static const char *quota_resource_name(uint32_t resource)
{
    static const char *const names[] = {
        [IPC_QUOTA_RESOURCE_CHANNELS] = "channels",
        [IPC_QUOTA_RESOURCE_REGIONS] = "shared-memory regions",
        [IPC_QUOTA_RESOURCE_BYTES] = "pinned bytes",
        [IPC_QUOTA_RESOURCE_PORTS] = "ports",
    };
    return resource < sizeof(names) / sizeof(names[0]) ? names[resource] : "unknown";
}

static void forward(const struct ipc_msg_header *header, union event_payload *payload)
{
    switch (header->type) {
    case IPC_SYSTEM_LOG:
        payload->text[header->length < IPC_SYSTEM_LOG_MAX ? header->length : IPC_SYSTEM_LOG_MAX] = '\0';
        logd_info("kernel", "%s", payload->text);
        break;
    case IPC_SYSTEM_CAP_VIOLATION:
        logd_warn("security", "pid %u: capability %#llx refused (%s)", payload->violation.pid,
                  (unsigned long long)payload->violation.token, ipc_error_name(payload->violation.error));
        break;
    case IPC_SYSTEM_DEVICE_REFUSED:
        logd_warn("security", "pid %d: claim of device %d refused (errno %d)", payload->device.pid,
                  payload->device.device, payload->device.error);
        break;
    case IPC_SYSTEM_QUOTA_REFUSED:
        logd_warn("security", "pid %d: %s quota reached (%s)", payload->quota.pid,
                  quota_resource_name(payload->quota.resource),
                  payload->quota.system_wide ? "the system's limit" : "its own limit");
        break;
    default: break;
    }
}

/* Reports the events the endpoint dropped for our port since the last look. */
static void report_losses(uint64_t port, uint64_t *reported)
{
    struct ipc_broadcast_stats stats;

    if (system_stats(port, &stats) == 0 && stats.dropped > *reported) {
        logd_warn("klogd", "%llu kernel events lost (klogd's port was full)",
                  (unsigned long long)(stats.dropped - *reported));
        *reported = stats.dropped;
    }
}

int main(void)
{
    uint64_t port, reported_losses = 0;
    union event_payload payload;
    struct ipc_receive_args receive;

    if (port_create(PORT_DEPTH, &port) != 0 || system_subscribe(port, EVENTS) != 0)
        errx(1, "cannot subscribe to the system endpoint");
    for (;;) {
        memset(&payload, 0, sizeof(payload));
        receive = (struct ipc_receive_args){
            .payload = (uintptr_t)&payload, .capacity = sizeof(payload) - 1, .timeout = IPC_TIMEOUT_FOREVER};
        if (port_receive(port, &receive) != 0)
            continue;
        forward(&receive.header, &payload);
        report_losses(port, &reported_losses);
    }
}
