/*
 * test_msg_queue.c - host unit tests of src/ipc/msg_queue.c: highest
 * priority first, FIFO within a priority, the depth and byte limits and
 * counters.
 *
 * check_invariants() re-derives the bitmap and depth from the lists after
 * every operation. The last tests are a POSIX message queue's: 32768
 * priorities on the 32 levels (posix/mq_priority.h), exactly ordered.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <cmocka.h>

#include "ipc/msg_queue.h"
#include "posix/mq_priority.h"

#define LIMIT 64

static struct msg_queue queue;
static struct ipc_message messages[LIMIT + 1];

static int setup(void **state)
{
    (void)state;
    msg_queue_init(&queue, LIMIT);
    for (int index = 0; index <= LIMIT; index++)
        messages[index] = (struct ipc_message){.header.type = (uint32_t)index};
    return 0;
}

static void check_invariants(void)
{
    uint32_t depth = 0;

    for (unsigned level = 0; level < IPC_PRIORITY_LEVELS; level++) {
        bool empty = list_empty(&queue.levels[level]);
        assert_int_equal((queue.nonempty >> level) & 1, !empty);
        list_for_each(node, &queue.levels[level]) {
            assert_int_equal(list_entry(node, struct ipc_message, link)->header.priority, level);
            depth++;
        }
    }
    assert_int_equal(depth, queue.depth);
    assert_true(queue.depth <= queue.max_depth);
}

static int push(int index, uint8_t priority)
{
    int result;

    messages[index].header.priority = priority;
    result = msg_queue_push(&queue, &messages[index]);
    check_invariants();
    return result;
}

/* Pop one message and return its index (its header.type), -1 if none. */
static int pop(void)
{
    struct ipc_message *message = msg_queue_pop(&queue);

    check_invariants();
    return message == NULL ? -1 : (int)message->header.type;
}

static void test_empty_queue(void **state)
{
    (void)state;
    assert_null(msg_queue_peek(&queue));
    assert_int_equal(pop(), -1);
    assert_int_equal(queue.depth, 0);
}

static void test_highest_priority_first(void **state)
{
    (void)state;
    assert_int_equal(push(0, 3), IPC_OK);
    assert_int_equal(push(1, 31), IPC_OK);
    assert_int_equal(push(2, 0), IPC_OK);
    assert_int_equal(push(3, 17), IPC_OK);
    assert_int_equal(pop(), 1);
    assert_int_equal(pop(), 3);
    assert_int_equal(pop(), 0);
    assert_int_equal(pop(), 2);
    assert_int_equal(pop(), -1);
}

static void test_fifo_within_priority(void **state)
{
    (void)state;
    for (int index = 0; index < 10; index++)
        assert_int_equal(push(index, index % 2 ? 5 : 9), IPC_OK);
    for (int index = 0; index < 10; index += 2)
        assert_int_equal(pop(), index);
    for (int index = 1; index < 10; index += 2)
        assert_int_equal(pop(), index);
}

/* A higher-priority message pushed later overtakes; an equal one does not. */
static void test_later_higher_priority_overtakes(void **state)
{
    (void)state;
    assert_int_equal(push(0, 4), IPC_OK);
    assert_int_equal(push(1, 4), IPC_OK);
    assert_int_equal(pop(), 0);
    assert_int_equal(push(2, 8), IPC_OK);
    assert_int_equal(push(3, 4), IPC_OK);
    assert_int_equal(pop(), 2);
    assert_int_equal(pop(), 1);
    assert_int_equal(pop(), 3);
}

static void test_peek_leaves_message(void **state)
{
    (void)state;
    assert_int_equal(push(0, 1), IPC_OK);
    assert_int_equal(push(1, 2), IPC_OK);
    assert_ptr_equal(msg_queue_peek(&queue), &messages[1]);
    assert_int_equal(queue.depth, 2);
    assert_int_equal(pop(), 1);
    assert_ptr_equal(msg_queue_peek(&queue), &messages[0]);
}

static void test_depth_limit_and_counters(void **state)
{
    (void)state;
    for (int index = 0; index < LIMIT; index++)
        assert_int_equal(push(index, (uint8_t)(index % IPC_PRIORITY_LEVELS)), IPC_OK);
    assert_int_equal(push(LIMIT, 31), -IPC_ERR_FULL);
    assert_int_equal(queue.depth, LIMIT);
    assert_int_equal(queue.max_depth, LIMIT);
    assert_int_equal(pop(), 31);
    assert_int_equal(push(LIMIT, 0), IPC_OK);
    for (int popped = 0; popped < LIMIT; popped++)
        assert_int_not_equal(pop(), -1);
    assert_int_equal(pop(), -1);
    assert_int_equal(queue.depth, 0);
    assert_int_equal(queue.max_depth, LIMIT);
    assert_int_equal(queue.nonempty, 0);
}

/* A byte limit refuses what would go beyond it, but an empty queue takes
 * any message; popping gives the bytes back. */
static void test_byte_limit(void **state)
{
    (void)state;
    queue.byte_limit = 100;
    messages[0].header.length = 60;
    messages[1].header.length = 50;
    messages[2].header.length = 40;
    messages[3].header.length = 500;
    assert_true(msg_queue_has_room(&queue, 500));
    assert_int_equal(push(0, 0), IPC_OK);
    assert_false(msg_queue_has_room(&queue, 50));
    assert_int_equal(push(1, 0), -IPC_ERR_FULL);
    assert_int_equal(push(2, 0), IPC_OK);
    assert_int_equal(queue.bytes, 100);
    assert_int_equal(pop(), 0);
    assert_int_equal(queue.bytes, 40);
    assert_int_equal(pop(), 2);
    assert_int_equal(push(3, 0), IPC_OK); /* larger than the limit, into an empty queue */
    assert_int_equal(queue.bytes, 500);
    assert_int_equal(pop(), 3);
    assert_int_equal(queue.bytes, 0);
}

static void test_priority_out_of_range(void **state)
{
    (void)state;
    assert_int_equal(push(0, IPC_PRIORITY_LEVELS), -IPC_ERR_INVALID_ARGUMENT);
    assert_int_equal(push(0, 255), -IPC_ERR_INVALID_ARGUMENT);
    assert_int_equal(queue.depth, 0);
}

/* Random pushes and pops against a model: (priority, push order) decides. */
static void test_random_against_model(void **state)
{
    uint32_t pushed_at[LIMIT + 1];
    bool queued[LIMIT + 1] = {false};
    uint32_t clock = 0;

    (void)state;
    srand(7);
    for (int step = 0; step < 20000; step++) {
        int index = rand() % (LIMIT + 1);
        if (rand() % 2 && !queued[index]) {
            int expect = queue.depth < LIMIT ? IPC_OK : -IPC_ERR_FULL;
            assert_int_equal(push(index, (uint8_t)(rand() % IPC_PRIORITY_LEVELS)), expect);
            queued[index] = expect == IPC_OK;
            pushed_at[index] = clock++;
        } else {
            int best = -1, got;
            for (int other = 0; other <= LIMIT; other++) {
                if (!queued[other])
                    continue;
                if (best < 0 || messages[other].header.priority > messages[best].header.priority ||
                    (messages[other].header.priority == messages[best].header.priority &&
                     pushed_at[other] < pushed_at[best]))
                    best = other;
            }
            got = pop();
            assert_int_equal(got, best);
            if (got >= 0)
                queued[got] = false;
        }
    }
}

/* A message queue's order: push `priority` (0..32767) as mq.c does. */
static int push_mq(int index, uint32_t priority)
{
    messages[index].header.type = priority;
    return push(index, mq_priority_level(priority));
}

static int pop_index(void)
{
    struct ipc_message *message = msg_queue_pop(&queue);

    check_invariants();
    return message ? (int)(message - messages) : -1;
}

static void test_mq_priorities_exact(void **state)
{
    const uint32_t priorities[] = {5, 1023, 1024, 0, 32767, 1022, 5, 2047, 32766, 1023, 6, 0};
    const int order[] = {4, 8, 7, 2, 1, 9, 5, 10, 0, 6, 3, 11}; /* by priority, FIFO among equals */

    (void)state;
    queue.ordered_by_type = true;
    for (int index = 0; index < 12; index++)
        assert_int_equal(push_mq(index, priorities[index]), IPC_OK);
    for (int index = 0; index < 12; index++)
        assert_int_equal(pop_index(), order[index]);
    assert_int_equal(pop_index(), -1);
    assert_int_equal(mq_priority_level(0), 0);
    assert_int_equal(mq_priority_level(1023), 0);
    assert_int_equal(mq_priority_level(1024), 1);
    assert_int_equal(mq_priority_level(FP_MQ_PRIO_MAX - 1), IPC_PRIORITY_LEVELS - 1);
}

/* Random pushes (priorities crowded into a few levels, with repeats) and
 * pops against a model: (priority, push order) decides. */
static void test_mq_random_against_model(void **state)
{
    uint32_t pushed_at[LIMIT + 1], clock = 0;
    bool queued[LIMIT + 1] = {false};

    (void)state;
    queue.ordered_by_type = true;
    srand(11);
    for (int step = 0; step < 20000; step++) {
        int index = rand() % (LIMIT + 1);
        if (rand() % 2 && !queued[index]) {
            int expect = queue.depth < LIMIT ? IPC_OK : -IPC_ERR_FULL;
            uint32_t priority = rand() % 2 ? (uint32_t)(rand() % 3000) : (uint32_t)(rand() % FP_MQ_PRIO_MAX);
            assert_int_equal(push_mq(index, priority), expect);
            queued[index] = expect == IPC_OK;
            pushed_at[index] = clock++;
        } else {
            int best = -1;
            for (int other = 0; other <= LIMIT; other++)
                if (queued[other] && (best < 0 || messages[other].header.type > messages[best].header.type ||
                                      (messages[other].header.type == messages[best].header.type &&
                                       pushed_at[other] < pushed_at[best])))
                    best = other;
            int got = pop_index();
            assert_int_equal(got, best);
            if (got >= 0)
                queued[got] = false;
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_empty_queue, setup),
        cmocka_unit_test_setup(test_highest_priority_first, setup),
        cmocka_unit_test_setup(test_fifo_within_priority, setup),
        cmocka_unit_test_setup(test_later_higher_priority_overtakes, setup),
        cmocka_unit_test_setup(test_peek_leaves_message, setup),
        cmocka_unit_test_setup(test_depth_limit_and_counters, setup),
        cmocka_unit_test_setup(test_byte_limit, setup),
        cmocka_unit_test_setup(test_priority_out_of_range, setup),
        cmocka_unit_test_setup(test_random_against_model, setup),
        cmocka_unit_test_setup(test_mq_priorities_exact, setup),
        cmocka_unit_test_setup(test_mq_random_against_model, setup),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
