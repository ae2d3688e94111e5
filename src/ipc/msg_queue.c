/*
 * msg_queue.c - priority message queues (see msg_queue.h for the
 * invariants).
 *
 * Layer: native IPC (pure, host unit-tested). Every operation is O(1): the
 * highest non-empty priority is the highest set bit of the bitmap, found
 * with one count-leading-zeros instruction. The one exception: a push into
 * a queue ordered_by_type walks its level back from the tail, O(messages
 * of lower type in that level).
 */
#include "ipc/msg_queue.h"

_Static_assert(IPC_PRIORITY_LEVELS <= 32, "the non-empty bitmap has 32 bits");

void msg_queue_init(struct msg_queue *queue, uint32_t depth_limit)
{
    for (unsigned level = 0; level < IPC_PRIORITY_LEVELS; level++)
        list_init(&queue->levels[level]);
    queue->nonempty = 0;
    queue->depth = 0;
    queue->depth_limit = depth_limit;
    queue->max_depth = 0;
    queue->bytes = 0;
    queue->byte_limit = 0;
    queue->ordered_by_type = false;
}

bool msg_queue_has_room(const struct msg_queue *queue, uint32_t length)
{
    if (queue->depth >= queue->depth_limit)
        return false;
    return queue->byte_limit == 0 || queue->depth == 0 || queue->bytes + length <= queue->byte_limit;
}

/* The highest priority with a message; the queue must not be empty. */
static unsigned highest_level(const struct msg_queue *queue)
{
    return 31 - (unsigned)__builtin_clz(queue->nonempty);
}

int msg_queue_push(struct msg_queue *queue, struct ipc_message *message)
{
    unsigned level = message->header.priority;

    if (level >= IPC_PRIORITY_LEVELS)
        return -IPC_ERR_INVALID_ARGUMENT;
    if (!msg_queue_has_room(queue, message->header.length))
        return -IPC_ERR_FULL;
    struct list_node *after = queue->levels[level].prev;
    if (queue->ordered_by_type)
        while (after != &queue->levels[level] &&
               list_entry(after, struct ipc_message, link)->header.type < message->header.type)
            after = after->prev;
    list_insert_between(&message->link, after, after->next);
    queue->nonempty |= 1u << level;
    queue->depth++;
    queue->bytes += message->header.length;
    if (queue->depth > queue->max_depth)
        queue->max_depth = queue->depth;
    return IPC_OK;
}

struct ipc_message *msg_queue_peek(const struct msg_queue *queue)
{
    if (queue->nonempty == 0)
        return NULL;
    return list_entry(queue->levels[highest_level(queue)].next, struct ipc_message, link);
}

struct ipc_message *msg_queue_pop(struct msg_queue *queue)
{
    unsigned level;
    struct list_node *node;

    if (queue->nonempty == 0)
        return NULL;
    level = highest_level(queue);
    node = list_pop_front(&queue->levels[level]);
    if (list_empty(&queue->levels[level]))
        queue->nonempty &= ~(1u << level);
    queue->depth--;
    struct ipc_message *message = list_entry(node, struct ipc_message, link);
    queue->bytes -= message->header.length;
    return message;
}
