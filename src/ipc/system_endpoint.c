/*
 * system_endpoint.c - the kernel's broadcast of process exits, capability
 * violations, refused device claims and quota refusals, and log lines
 * (see system_endpoint.h).
 *
 * Layer: native IPC. Two halves:
 *   - producers (any context, interrupts included): build the event and
 *     queue it, interrupts off, if some subscription wants its type;
 *   - the "sysevents" kernel thread: takes queued events one at a time
 *     and publishes each on the endpoint. It exists only while there are
 *     subscriptions: the first subscribe starts it, and it ends once it
 *     finds none left (a kernel that nobody listens to has no extra
 *     thread). It looks at the queue every tick, and is also woken at once
 *     for every event but a log line (queue_event says why).
 * `wanted` is a snapshot of the types the subscriptions take, refreshed
 * when they change through here and on each of the thread's looks (a
 * subscription that went with its process leaves it a superset for at
 * most a tick, which only costs a publication nobody takes).
 */
#include "ipc/system_endpoint.h"
#include "ipc/broadcast.h"
#include "ipc/ipc_process.h"
#include "ipc/quota.h"
#include "arch/arch.h"
#include "fs/device_claim.h"
#include "lib/string.h"
#include "panic.h"
#include "printk.h"
#include "proc/process.h"
#include "proc/scheduler.h"
#include "proc/waitqueue.h"

#define QUEUE_SIZE 32

struct system_event {
    uint32_t type; /* IPC_SYSTEM_* */
    uint32_t length;
    union {
        struct ipc_system_process_exit exit;
        struct ipc_system_cap_violation violation;
        struct ipc_system_device_refused device;
        struct ipc_system_quota_refused quota;
        char text[IPC_SYSTEM_LOG_MAX];
    } payload;
};

uint64_t system_events_queued, system_events_lost;

static struct broadcast *endpoint;
static struct thread *publisher; /* NULL while nobody subscribes */
static uint32_t wanted;
static struct system_event queue[QUEUE_SIZE];
static unsigned queue_head, queue_count;
static struct wait_queue queue_filled = WAIT_QUEUE_INIT(queue_filled);

static bool is_wanted(uint32_t type)
{
    return (wanted & IPC_SYSTEM_MASK(type)) != 0;
}

/* The types some subscription takes. Thread context. */
static uint32_t topics_wanted(void)
{
    uint32_t topics = 0;

    list_for_each(node, &endpoint->subscriptions)
        topics |= list_entry(node, struct broadcast_subscription, in_broadcast)->topics;
    return topics;
}

/* Log lines do not wake the thread: printk may run inside the scheduler
 * or a wait queue, which a wake-up would change under it. They wait for
 * the thread's next look, at most a tick away. */
static void queue_event(const struct system_event *event)
{
    int enabled = arch_irq_save();

    if (is_wanted(event->type)) {
        if (queue_count == QUEUE_SIZE || thread_current() == publisher) {
            system_events_lost++;
        } else {
            queue[(queue_head + queue_count) % QUEUE_SIZE] = *event;
            queue_count++;
            system_events_queued++;
            if (event->type != IPC_SYSTEM_LOG)
                wait_queue_wake_all(&queue_filled);
        }
    }
    arch_irq_restore(enabled);
}

/* The next event, looking every tick; false once no subscription is left
 * and nothing is queued: the thread is then no longer the publisher. */
static bool queue_take(struct system_event *event)
{
    int enabled = arch_irq_save();
    bool taken;

    while (queue_count == 0 && (wanted = topics_wanted()) != 0)
        wait_queue_sleep_until(&queue_filled, arch_ticks() + 1); /* a kernel thread: no signal */
    taken = queue_count > 0;
    if (taken) {
        *event = queue[queue_head];
        queue_head = (queue_head + 1) % QUEUE_SIZE;
        queue_count--;
    } else {
        publisher = NULL;
    }
    arch_irq_restore(enabled);
    return taken;
}

/* The thread: publish until nobody listens, then end. */
static void publish_events(void *unused)
{
    struct system_event event;

    (void)unused;
    while (queue_take(&event)) {
        struct ipc_msg_header header = {.type = event.type, .length = event.length};
        broadcast_publish(endpoint, &header, &event.payload, 0, IPC_SYSTEM_MASK(event.type));
    }
}

void system_endpoint_init(void)
{
    if (broadcast_create(0, &endpoint) != IPC_OK)
        panic("system endpoint: no memory at boot");
    printk_set_hook(system_endpoint_log);
    device_claim_set_refusal_hook(system_endpoint_device_refused);
    ipc_quota_set_refusal_hook(system_endpoint_quota_refused);
}

/* A subscription exists: make sure the thread does. */
static int publisher_start(void)
{
    if (!publisher)
        publisher = thread_create_kernel("sysevents", publish_events, NULL, THREAD_PRIORITY_KERNEL);
    return publisher ? IPC_OK : -IPC_ERR_NO_MEMORY;
}

int system_endpoint_subscribe(struct ipc_process *subscriber, struct ipc_object *port, uint32_t mask)
{
    int error;

    if (mask & ~IPC_SYSTEM_MASK_ALL)
        return -IPC_ERR_INVALID_ARGUMENT;
    if (mask)
        error = broadcast_subscribe(endpoint, subscriber, port, mask);
    else
        error = broadcast_unsubscribe(endpoint, subscriber, port);
    if (!error && mask && publisher_start() != IPC_OK) {
        broadcast_unsubscribe(endpoint, subscriber, port);
        error = -IPC_ERR_NO_MEMORY;
    }
    wanted = topics_wanted();
    return error;
}

int system_endpoint_stats(struct ipc_process *subscriber, struct ipc_object *port,
                          struct ipc_broadcast_stats *stats)
{
    return broadcast_stats(endpoint, subscriber, port, stats);
}

/* --- Events --- */

/* Only a real exit, by the process itself (not a fork that failed). */
void system_endpoint_process_exited(struct process *process)
{
    struct system_event event = {.type = IPC_SYSTEM_PROCESS_EXIT, .length = sizeof(event.payload.exit)};

    if (process != process_current() || !is_wanted(event.type))
        return;
    event.payload.exit.pid = (uint32_t)process->pid;
    event.payload.exit.status = process->exit_status;
    strlcpy(event.payload.exit.name, process->name, sizeof(event.payload.exit.name));
    queue_event(&event);
}

void system_endpoint_capability_refused(int pid, uint64_t token, int error)
{
    struct system_event event = {.type = IPC_SYSTEM_CAP_VIOLATION, .length = sizeof(event.payload.violation)};

    if (!is_wanted(event.type))
        return;
    event.payload.violation = (struct ipc_system_cap_violation){(uint32_t)pid, error, token};
    queue_event(&event);
}

void system_endpoint_device_refused(int pid, int device, int error)
{
    struct system_event event = {.type = IPC_SYSTEM_DEVICE_REFUSED, .length = sizeof(event.payload.device)};

    if (!is_wanted(event.type))
        return;
    event.payload.device = (struct ipc_system_device_refused){pid, device, error, 0};
    queue_event(&event);
}

/* Always in the refused process's own system call. */
void system_endpoint_quota_refused(unsigned resource, bool system_wide)
{
    struct system_event event = {.type = IPC_SYSTEM_QUOTA_REFUSED, .length = sizeof(event.payload.quota)};

    if (!is_wanted(event.type))
        return;
    event.payload.quota = (struct ipc_system_quota_refused){process_current()->pid, resource, system_wide, 0};
    queue_event(&event);
}

/* One printk call's text, without its final newline. */
void system_endpoint_log(const char *line, size_t length)
{
    struct system_event event = {.type = IPC_SYSTEM_LOG};

    if (!is_wanted(event.type))
        return;
    if (length > 0 && line[length - 1] == '\n')
        length--;
    if (length > IPC_SYSTEM_LOG_MAX)
        length = IPC_SYSTEM_LOG_MAX;
    memcpy(event.payload.text, line, length);
    event.length = (uint32_t)length;
    queue_event(&event);
}
