/*
 * stream.c - byte streams: creation and release, ends, reading and
 * writing with sleeping, and poll for wait sets (see stream.h).
 *
 * Layer: native IPC. User memory is touched only by byte_ring.c, through
 * copy_to_user/copy_from_user, straight between the user's buffer and the
 * ring (no bounce buffer). Bytes become readable (the tail moves) or free
 * (the head moves) only after their copy succeeded, so a bad buffer can
 * cost its caller a short count but never loses or invents a byte.
 */
#include "ipc/stream.h"
#include "mm/frame.h"
#include "mm/heap.h"
#include "mm/layout.h"
#include "proc/usercopy.h"
#include "uapi/freeport/ipc.h"

#define RING_ORDER 4 /* the ring is 2^4 contiguous frames */
_Static_assert((PAGE_SIZE << RING_ORDER) == STREAM_CAPACITY, "the ring's frames hold STREAM_CAPACITY");
_Static_assert(IPC_OBJECT_STREAM == IPC_KIND_STREAM, "user space sees a stream's kind as IPC_KIND_STREAM");

static const struct ipc_object_type stream_type;

static struct stream *stream_of(struct ipc_object *object)
{
    return list_entry(object, struct stream, object);
}

int stream_create(uint32_t owner_pid, struct stream **out)
{
    struct stream *stream = kzalloc(sizeof(*stream));
    uint64_t frames = stream ? frame_alloc_order(RING_ORDER) : 0;

    if (frames == 0) {
        kfree(stream);
        return -IPC_ERR_NO_MEMORY;
    }
    ipc_object_init(&stream->object, &stream_type);
    byte_ring_init(&stream->ring, PHYS_TO_VIRT(frames), STREAM_CAPACITY);
    wait_queue_init(&stream->read.waiting);
    wait_queue_init(&stream->write.waiting);
    ipc_registry_add(&stream->registry, &stream->object, IPC_OBJECT_STREAM, owner_pid);
    *out = stream;
    return 0;
}

static void stream_release(struct ipc_object *object)
{
    struct stream *stream = stream_of(object);

    ipc_registry_remove(&stream->registry);
    frame_free_order(VIRT_TO_PHYS(stream->ring.data), RING_ORDER);
    kfree(stream);
}

static uint32_t stream_poll(struct ipc_object *object)
{
    struct stream *stream = stream_of(object);
    uint32_t events = 0;

    if (stream_available(stream) > 0 || stream->write.ends == 0)
        events |= IPC_EVENT_READABLE;
    if (byte_ring_room(&stream->ring) >= STREAM_ATOMIC_MAX || stream->read.ends == 0)
        events |= IPC_EVENT_WRITABLE;
    if (stream->read.ends == 0 || stream->write.ends == 0)
        events |= IPC_EVENT_PEER_CLOSED;
    return events;
}

static const struct ipc_object_type stream_type = {
    .kind = IPC_OBJECT_STREAM,
    .release = stream_release,
    .poll = stream_poll,
};

/* What the threads waiting on `side` wait for may have come; `events`
 * (0: none) may have become true for watchers. */
static void wake(struct stream *stream, struct stream_side *side, uint32_t events)
{
    wait_queue_wake_all(&side->waiting);
    if (events)
        ipc_object_notify(&stream->object, events);
}

void stream_open_end(struct stream *stream, unsigned sides)
{
    ipc_object_get(&stream->object);
    if (sides & STREAM_READ) {
        stream->read.ends++;
        stream->read.opened++;
        wake(stream, &stream->write, 0);
    }
    if (sides & STREAM_WRITE) {
        stream->write.ends++;
        stream->write.opened++;
        wake(stream, &stream->read, 0);
    }
}

void stream_close_end(struct stream *stream, unsigned sides)
{
    if ((sides & STREAM_READ) && --stream->read.ends == 0) {
        wake(stream, &stream->write, IPC_EVENT_WRITABLE | IPC_EVENT_PEER_CLOSED);
        wake(stream, &stream->read, 0);
    }
    if ((sides & STREAM_WRITE) && --stream->write.ends == 0)
        wake(stream, &stream->read, IPC_EVENT_READABLE | IPC_EVENT_PEER_CLOSED);
    ipc_object_put(&stream->object);
}

int stream_wait_for_peer(struct stream *stream, unsigned side)
{
    struct stream_side *mine = side == STREAM_READ ? &stream->read : &stream->write;
    struct stream_side *peer = side == STREAM_READ ? &stream->write : &stream->read;
    uint64_t seen = peer->opened;

    while (peer->ends == 0 && peer->opened == seen)
        if (wait_queue_sleep(&mine->waiting) < 0)
            return -IPC_ERR_INTERRUPTED;
    return 0;
}

int stream_wait_for_bytes(struct stream *stream, bool nonblocking)
{
    while (stream_available(stream) == 0) {
        if (stream->write.ends == 0 || stream->read.ends == 0)
            return 0;
        if (nonblocking)
            return -IPC_ERR_EMPTY;
        if (wait_queue_sleep(&stream->read.waiting) < 0)
            return -IPC_ERR_INTERRUPTED;
    }
    return 1;
}

long stream_peek(struct stream *stream, void *user_buffer, size_t length, bool nonblocking)
{
    int ready = length == 0 ? 0 : stream_wait_for_bytes(stream, nonblocking);

    if (ready <= 0)
        return ready;
    size_t copied = byte_ring_copy_out(&stream->ring, user_buffer, length, copy_to_user);
    return copied ? (long)copied : -IPC_ERR_FAULT;
}

long stream_read(struct stream *stream, void *user_buffer, size_t length, bool nonblocking)
{
    int ready = length == 0 ? 0 : stream_wait_for_bytes(stream, nonblocking);

    if (ready <= 0)
        return ready;
    size_t copied = byte_ring_copy_out(&stream->ring, user_buffer, length, copy_to_user);
    if (copied == 0)
        return -IPC_ERR_FAULT;
    byte_ring_consume(&stream->ring, copied);
    stream->registry.counters.received += copied;
    ipc_counters_depth(&stream->registry.counters, (uint32_t)stream_available(stream));
    wake(stream, &stream->write, IPC_EVENT_WRITABLE);
    return (long)copied;
}

/* Sleep until there are `needed` bytes of room, or no reader: 0, or why not. */
static int wait_for_room(struct stream *stream, size_t needed, bool nonblocking)
{
    while (stream->read.ends > 0 && byte_ring_room(&stream->ring) < needed) {
        if (nonblocking)
            return -IPC_ERR_FULL;
        if (wait_queue_sleep(&stream->write.waiting) < 0)
            return -IPC_ERR_INTERRUPTED;
    }
    return stream->read.ends > 0 ? 0 : -IPC_ERR_PEER_CLOSED;
}

static void publish(struct stream *stream, size_t count)
{
    byte_ring_publish(&stream->ring, count);
    stream->registry.counters.sent += count;
    ipc_counters_depth(&stream->registry.counters, (uint32_t)stream_available(stream));
    wake(stream, &stream->read, IPC_EVENT_READABLE);
}

long stream_write(struct stream *stream, const void *user_buffer, size_t length, bool nonblocking)
{
    const char *source = user_buffer;
    bool atomic = length <= STREAM_ATOMIC_MAX;
    size_t done = 0;

    while (done < length) {
        int error = wait_for_room(stream, atomic ? length : 1, nonblocking);
        if (error) {
            if (done == 0 && error != -IPC_ERR_INTERRUPTED)
                stream->registry.counters.dropped++;
            return done ? (long)done : error;
        }
        size_t room = byte_ring_room(&stream->ring);
        size_t wanted = length - done < room ? length - done : room;
        size_t staged = byte_ring_copy_in(&stream->ring, source + done, wanted, copy_from_user);
        if (atomic && staged < length)
            staged = 0; /* all or nothing: what was staged is never published */
        if (staged > 0)
            publish(stream, staged);
        done += staged;
        if (staged < wanted)
            return done ? (long)done : -IPC_ERR_FAULT;
    }
    return (long)done;
}
