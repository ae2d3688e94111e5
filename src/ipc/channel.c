/*
 * channel.c - channels: creation, mapping, the slow path of the wake-up
 * protocol (wait and wake), poll for wait sets, and the peer's close (see
 * channel.h for the layout and lifetime rules).
 *
 * Layer: native IPC. The fast path is not here at all: user space pushes
 * and pops with ring.c on the mapped rings, and enters this file only to
 * sleep (channel_wait) when a ring is empty or full, or to wake the other
 * side (channel_wake) when ring.c says it is asleep.
 */
#include "ipc/channel.h"
#include "ipc/cap_table.h"
#include "ipc/ipc_mapping.h"
#include "ipc/ipc_process.h"
#include "ipc/ipc_wait.h"
#include "arch/arch.h"
#include "lib/string.h"
#include "mm/frame.h"
#include "mm/heap.h"
#include "mm/layout.h"
#include "proc/process.h"

uint64_t channel_waits, channel_wakes;

static const struct ipc_object_type channel_end_type;

static struct channel_end *peer_of(struct channel_end *end)
{
    return &end->channel->ends[1 - end->side];
}

static struct channel_ring *send_ring(struct channel_end *end)
{
    return &end->channel->rings[end->side];
}

static struct channel_ring *receive_ring(struct channel_end *end)
{
    return &end->channel->rings[1 - end->side];
}

/* --- Frames --- */

static struct ipc_ring_control *control_of(struct channel_ring *ring)
{
    return PHYS_TO_VIRT(ring->frames[0]);
}

static void ring_free_frames(struct channel_ring *ring, uint64_t count)
{
    for (uint64_t index = 0; index < count; index++)
        if (ring->frames[index])
            frame_release(ring->frames[index]);
    kfree(ring->frames);
}

/* Zeroed frames for one ring, its control block formatted. */
static int ring_make(struct channel_ring *ring, uint64_t pages, uint64_t capacity)
{
    ring->frames = kzalloc(pages * sizeof(uint64_t));
    if (!ring->frames)
        return -IPC_ERR_NO_MEMORY;
    for (uint64_t index = 0; index < pages; index++) {
        ring->frames[index] = frame_alloc();
        if (!ring->frames[index]) {
            ring_free_frames(ring, pages);
            ring->frames = NULL;
            return -IPC_ERR_NO_MEMORY;
        }
        memset(PHYS_TO_VIRT(ring->frames[index]), 0, PAGE_SIZE);
    }
    ring_format(control_of(ring), capacity);
    ring_attach_control(&ring->view, control_of(ring), capacity);
    wait_queue_init(&ring->consumers);
    wait_queue_init(&ring->producers);
    return IPC_OK;
}

/* --- Creating and releasing --- */

static uint64_t round_capacity(uint64_t capacity)
{
    uint64_t rounded = IPC_CHANNEL_MIN_CAPACITY;

    while (rounded < capacity)
        rounded <<= 1;
    return rounded;
}

static void end_init(struct channel *channel, unsigned side, uint32_t owner_pid)
{
    struct channel_end *end = &channel->ends[side];

    ipc_object_init(&end->object, &channel_end_type);
    end->channel = channel;
    end->side = side;
    end->released = false;
    ipc_registry_add(&end->registry, &end->object, IPC_OBJECT_CHANNEL_END, owner_pid);
}

static void channel_free(struct channel *channel)
{
    ipc_quota_uncharge(&ipc_quota_system, &channel->charge);
    for (unsigned side = 0; side < 2; side++)
        if (channel->rings[side].frames)
            ring_free_frames(&channel->rings[side], channel->ring_pages);
    kfree(channel);
}

int channel_create(struct ipc_process *creator, uint64_t capacity, struct channel_end *ends[2])
{
    struct channel *channel;
    uint64_t pages;
    int error;

    if (capacity == 0)
        return -IPC_ERR_INVALID_ARGUMENT;
    if (capacity > IPC_CHANNEL_MAX_CAPACITY)
        return -IPC_ERR_TOO_LARGE;
    channel = kzalloc(sizeof(*channel));
    if (!channel)
        return -IPC_ERR_NO_MEMORY;
    channel->capacity = round_capacity(capacity);
    channel->ring_pages = pages = 1 + channel->capacity / PAGE_SIZE;
    error = ipc_quota_charge(&ipc_quota_system, &creator->quota,
                             (struct ipc_quota_usage){.channels = 1, .bytes = 2 * pages * PAGE_SIZE},
                             &channel->charge);
    if (error) {
        kfree(channel);
        return error;
    }
    for (unsigned side = 0; side < 2 && !error; side++)
        error = ring_make(&channel->rings[side], pages, channel->capacity);
    if (error) {
        channel_free(channel);
        return error;
    }
    for (unsigned side = 0; side < 2; side++) {
        end_init(channel, side, (uint32_t)creator->process->pid);
        ends[side] = &channel->ends[side];
    }
    return IPC_OK;
}

/* The last reference to an end is gone: close both rings, wake whoever
 * waits on the other end, and free the channel with its second end. */
static void end_release(struct ipc_object *object)
{
    struct channel_end *end = channel_end_of(object), *peer = peer_of(end);
    struct channel *channel = end->channel;

    end->released = true;
    ipc_registry_remove(&end->registry);
    for (unsigned side = 0; side < 2; side++) {
        ring_close(&channel->rings[side].view);
        wait_queue_wake_all(&channel->rings[side].consumers);
        wait_queue_wake_all(&channel->rings[side].producers);
    }
    if (!peer->released)
        ipc_object_notify(&peer->object, IPC_EVENT_PEER_CLOSED | IPC_EVENT_READABLE | IPC_EVENT_WRITABLE);
    else
        channel_free(channel);
}

/* --- Mapping --- */

int channel_map(struct ipc_process *owner, struct capability *capability, struct ipc_channel_map *map)
{
    struct channel_end *end = channel_end_of(capability->object);
    struct channel *channel = end->channel;
    uint64_t ring_bytes = channel->ring_pages * PAGE_SIZE;
    const struct ipc_frame_run runs[2] = {
        {send_ring(end)->frames, channel->ring_pages},
        {receive_ring(end)->frames, channel->ring_pages},
    };
    uintptr_t address;
    int error = ipc_mapping_create(owner, capability, runs, 2, true, &address);

    if (error)
        return error;
    *map = (struct ipc_channel_map){
        .send_control = address,
        .send_data = address + PAGE_SIZE,
        .receive_control = address + ring_bytes,
        .receive_data = address + ring_bytes + PAGE_SIZE,
        .capacity = channel->capacity,
        .size = 2 * ring_bytes,
    };
    return IPC_OK;
}

/* --- The slow path: sleeping and waking --- */

/* The ring, the counter and the queue a wait in `direction` is about. */
static struct channel_ring *ring_for(struct channel_end *end, uint32_t direction)
{
    return direction == IPC_CHANNEL_DATA ? receive_ring(end) : send_ring(end);
}

static uint32_t events_now(struct channel_ring *ring, uint32_t direction)
{
    struct ipc_ring_wait *wait =
        direction == IPC_CHANNEL_DATA ? &ring->view.control->readable : &ring->view.control->writable;

    return __atomic_load_n(&wait->events, __ATOMIC_ACQUIRE);
}

int channel_wait(struct channel_end *end, uint32_t direction, uint32_t expected, uint64_t deadline)
{
    struct channel_ring *ring = ring_for(end, direction);
    struct wait_queue *queue = direction == IPC_CHANNEL_DATA ? &ring->consumers : &ring->producers;
    int enabled = arch_irq_save(), result;

    channel_waits++;
    for (;;) {
        if (events_now(ring, direction) != expected) {
            result = IPC_OK;
            break;
        }
        if (peer_of(end)->released) {
            result = -IPC_ERR_PEER_CLOSED;
            break;
        }
        result = ipc_sleep(queue, deadline);
        if (result)
            break;
    }
    arch_irq_restore(enabled);
    return result;
}

void channel_wake(struct channel_end *end, uint32_t direction)
{
    struct channel_end *peer = peer_of(end);

    channel_wakes++;
    if (direction == IPC_CHANNEL_DATA) {
        wait_queue_wake_all(&send_ring(end)->consumers);
        ipc_object_notify(&peer->object, IPC_EVENT_READABLE);
    } else {
        wait_queue_wake_all(&receive_ring(end)->producers);
        ipc_object_notify(&peer->object, IPC_EVENT_WRITABLE);
    }
}

/* --- Wait sets --- */

static uint32_t end_poll(struct ipc_object *object)
{
    struct channel_end *end = channel_end_of(object);
    struct ring *sending = &send_ring(end)->view;
    uint32_t events = 0;

    if (ring_has_records(&receive_ring(end)->view))
        events |= IPC_EVENT_READABLE;
    if (ring_has_room(sending, ring_max_payload(sending)))
        events |= IPC_EVENT_WRITABLE;
    if (peer_of(end)->released)
        events |= IPC_EVENT_PEER_CLOSED;
    return events;
}

/* Raise the rings' wake-up flags (ring.c's protocol, as a sleeping
 * library would), so that the peer's next push or pop calls channel_wake,
 * which notifies the watchers. WRITABLE waits for room for any record. */
static void end_arm(struct ipc_object *object, uint32_t events)
{
    struct channel_end *end = channel_end_of(object);
    struct ring *sending = &send_ring(end)->view;
    uint32_t seen;

    if (events & IPC_EVENT_READABLE)
        ring_consumer_prepare_to_wait(&receive_ring(end)->view, &seen);
    if (events & IPC_EVENT_WRITABLE)
        ring_producer_prepare_to_wait(sending, ring_max_payload(sending), &seen);
}

static const struct ipc_object_type channel_end_type = {
    .kind = IPC_OBJECT_CHANNEL_END,
    .release = end_release,
    .poll = end_poll,
    .arm = end_arm,
};
