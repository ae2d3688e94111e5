/*
 * unix_stream_rights.c - descriptors riding a stream socket's bytes (see
 * unix_stream_rights.h).
 *
 * Layer: POSIX, on native streams, ports and wait sets, and
 * file_rights.c.
 */
#include "posix/unix_stream_rights.h"
#include "errno.h"
#include "ipc/ipc_wait.h"
#include "ipc/port.h"
#include "ipc/stream.h"
#include "ipc/waitset.h"
#include "posix/errno_map.h"
#include "posix/file_rights.h"
#include "posix/rights_tag.h"
#include "posix/unix_record.h"

/* Sleep until the stream has `length` bytes of room and the peer's port
 * room for a tag: 0, -EPIPE, -EAGAIN, -EINTR, -ENOMEM. The peer's port is
 * held for the wait (the peer may close meanwhile). */
static long wait_for_room(struct unix_socket *socket, size_t length, bool nonblocking)
{
    static const uint32_t events[2] = {IPC_EVENT_WRITABLE, IPC_EVENT_WRITABLE};
    uint32_t ready[2];

    for (;;) {
        struct unix_socket *peer = socket->peer;
        if (!socket->writing || peer->closed || socket->out->read.ends == 0)
            return -EPIPE;
        if (byte_ring_room(&socket->out->ring) >= length && unix_record_has_room(peer))
            return 0;
        if (nonblocking)
            return -EAGAIN;
        struct ipc_object *objects[2] = {&socket->out->object, &peer->queue->object};
        ipc_object_get(objects[1]);
        int waited = ipc_wait_objects(objects, events, ready, 2, IPC_DEADLINE_NEVER);
        ipc_object_put(objects[1]);
        if (waited < 0)
            return posix_result(waited);
    }
}

/* A tag message carrying a capability to `rights`: 0 or -ENOMEM. */
static int make_tag(struct file_rights *rights, struct ipc_message **out)
{
    struct ipc_msg_header header = {.length = sizeof(struct rights_tag)};
    int error = (int)posix_result(message_allocate(&header, out));

    if (error == 0 && (error = file_rights_attach(*out, rights)) < 0)
        message_destroy(*out);
    return error;
}

long unix_stream_rights_send(struct unix_socket *socket, const void *user_buffer, size_t length,
                             struct file_rights *rights, bool nonblocking)
{
    size_t chunk = length < STREAM_ATOMIC_MAX ? length : STREAM_ATOMIC_MAX;
    struct ipc_message *tag;
    long error = wait_for_room(socket, chunk, nonblocking);

    if (error == 0)
        error = make_tag(rights, &tag);
    if (error)
        return error;
    /* From here to the queueing nothing sleeps: the chunk goes in whole at
     * this offset, and no reader runs before its tag is there. */
    struct rights_tag *named = tag->payload;
    named->start = stream_bytes_written(socket->out);
    long moved = stream_write(socket->out, user_buffer, chunk, true);
    if (moved <= 0) {
        message_destroy(tag);
        return moved == -IPC_ERR_PEER_CLOSED ? -EPIPE : posix_result(moved);
    }
    named->length = (uint64_t)moved;
    port_send_message(socket->peer->queue, tag, 0); /* room was checked, and nothing slept since */
    return moved;
}

size_t unix_stream_rights_limit(const struct unix_socket *socket, bool *here)
{
    const struct ipc_message *head = msg_queue_peek(&socket->queue->queue);

    *here = false;
    if (head == NULL)
        return SIZE_MAX;
    return rights_tag_limit(head->payload, stream_bytes_read(socket->in), here);
}

struct file_rights *unix_stream_rights_take(struct unix_socket *socket, bool peek)
{
    struct ipc_message *head = msg_queue_peek(&socket->queue->queue);
    struct file_rights *rights = file_rights_take(head->caps[0]);

    if (!peek) {
        port_consume(socket->queue, head);
        message_destroy(head);
    }
    return rights;
}
