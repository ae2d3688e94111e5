/*
 * mq_priority.h - where a POSIX message queue priority (0 .. FP_MQ_PRIO_MAX
 * - 1, 32768 of them) goes in a native port's queue, which has 32 levels.
 *
 * Layer: POSIX (pure; host unit-tested by tests/unit/test_msg_queue.c).
 * The priority picks the level (priority / 1024: the top ten bits' worth
 * of order) and is also the message's header.type; the queue of a message
 * queue is ordered_by_type (msg_queue.h), so within a level the messages
 * are sorted by their exact priority, FIFO among equals. Levels keep the
 * common case (few distinct priorities) a short walk; the order is exact
 * for every pair of priorities.
 */
#ifndef FREEPORT_POSIX_MQ_PRIORITY_H
#define FREEPORT_POSIX_MQ_PRIORITY_H

#include <stdint.h>
#include "uapi/freeport/abi.h"
#include "uapi/freeport/ipc.h"

#define MQ_PRIORITIES_PER_LEVEL (FP_MQ_PRIO_MAX / IPC_PRIORITY_LEVELS)

_Static_assert(FP_MQ_PRIO_MAX % IPC_PRIORITY_LEVELS == 0, "every level holds as many priorities");

static inline uint8_t mq_priority_level(uint32_t priority)
{
    return (uint8_t)(priority / MQ_PRIORITIES_PER_LEVEL);
}

#endif
