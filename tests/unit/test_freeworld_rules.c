/*
 * test_freeworld_rules.c - host unit tests of src/ipc/freeworld_rules.c:
 * which channel types and buffer sizes are accepted and the queue depth
 * they give, modes, name lengths, and the route of every kind of send -
 * above all a socket's addressing: a client reaches only its server, a
 * server one client by pid or all of them with 0.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "ipc/freeworld_rules.h"
#include "uapi/freeport/freeworld_abi.h"
#include "uapi/freeport/ipc.h"

#define SERVER 7u

static void test_types_and_depths(void **state)
{
    uint32_t depth = 99;

    (void)state;
    assert_int_equal(freeworld_check_create(IPC_TYPE_SOCKET, 0, &depth), IPC_OK);
    assert_int_equal(depth, IPC_PORT_DEPTH_DEFAULT);
    assert_int_equal(freeworld_check_create(IPC_TYPE_QUEUE, 1, &depth), IPC_OK);
    assert_int_equal(depth, 1);
    assert_int_equal(freeworld_check_create(IPC_TYPE_QUEUE, 512, &depth), IPC_OK);
    assert_int_equal(depth, 1);
    assert_int_equal(freeworld_check_create(IPC_TYPE_QUEUE, 513, &depth), IPC_OK);
    assert_int_equal(depth, 2);
    assert_int_equal(freeworld_check_create(IPC_TYPE_SOCKET, IPC_CHANNEL_BUFFER_MAX, &depth), IPC_OK);
    assert_int_equal(depth, IPC_PORT_DEPTH_MAX);
    assert_int_equal(freeworld_check_create(IPC_TYPE_SOCKET, IPC_CHANNEL_BUFFER_MAX + 1, &depth),
                     -IPC_ERR_INVALID_ARGUMENT);
    assert_int_equal(freeworld_check_create(IPC_TYPE_QUEUE, UINT32_MAX, &depth), -IPC_ERR_INVALID_ARGUMENT);
    assert_int_equal(freeworld_check_create(IPC_TYPE_PIPE, IPC_PIPE_BUFFER_MAX, &depth), IPC_OK);
    assert_int_equal(depth, 0);
    assert_int_equal(freeworld_check_create(IPC_TYPE_PIPE, IPC_PIPE_BUFFER_MAX + 1, &depth),
                     -IPC_ERR_INVALID_ARGUMENT);
    assert_int_equal(freeworld_check_create(3, 0, &depth), -IPC_ERR_INVALID_ARGUMENT);
    assert_int_equal(freeworld_check_create(UINT32_MAX, 0, &depth), -IPC_ERR_INVALID_ARGUMENT);
}

static void test_modes_and_names(void **state)
{
    (void)state;
    assert_int_equal(freeworld_check_mode(IPC_MODE_READ), IPC_OK);
    assert_int_equal(freeworld_check_mode(IPC_MODE_WRITE), IPC_OK);
    assert_int_equal(freeworld_check_mode(IPC_MODE_READWRITE), IPC_OK);
    assert_int_equal(freeworld_check_mode(0), -IPC_ERR_INVALID_ARGUMENT);
    assert_int_equal(freeworld_check_mode(4), -IPC_ERR_INVALID_ARGUMENT);
    assert_int_equal(freeworld_check_mode(IPC_MODE_READ | 8), -IPC_ERR_INVALID_ARGUMENT);
    assert_int_equal(freeworld_check_name(0), -IPC_ERR_INVALID_ARGUMENT);
    assert_int_equal(freeworld_check_name(1), IPC_OK);
    assert_int_equal(freeworld_check_name(IPC_CHANNEL_NAME_MAX), IPC_OK);
    assert_int_equal(freeworld_check_name(IPC_CHANNEL_NAME_MAX + 1), -IPC_ERR_TOO_LARGE);
    assert_int_equal(freeworld_check_name(SIZE_MAX), -IPC_ERR_TOO_LARGE);
}

static int route(uint32_t type, bool from_server, uint32_t size, uint32_t receiver, uint32_t priority)
{
    struct freeworld_message message = {.type = 5, .size = size, .receiver = receiver, .priority = priority};

    return freeworld_route_of(type, from_server, SERVER, &message);
}

static void test_sizes_and_priorities(void **state)
{
    (void)state;
    for (uint32_t type = IPC_TYPE_SOCKET; type <= IPC_TYPE_QUEUE; type++) {
        assert_true(route(type, false, 0, 0, 0) > 0);
        assert_true(route(type, false, IPC_MESSAGE_PAYLOAD_MAX, 0, IPC_CHANNEL_PRIORITY_MAX) > 0);
        assert_int_equal(route(type, false, IPC_MESSAGE_PAYLOAD_MAX + 1, 0, 0), -IPC_ERR_TOO_LARGE);
        assert_int_equal(route(type, false, UINT32_MAX, 0, 0), -IPC_ERR_TOO_LARGE);
        assert_int_equal(route(type, false, 8, 0, IPC_CHANNEL_PRIORITY_MAX + 1), -IPC_ERR_INVALID_ARGUMENT);
    }
}

static void test_pipes_and_queues_have_no_addressing(void **state)
{
    (void)state;
    assert_int_equal(route(IPC_TYPE_PIPE, true, 8, 0, 0), FREEWORLD_ROUTE_CHANNEL);
    assert_int_equal(route(IPC_TYPE_QUEUE, false, 8, 0, 3), FREEWORLD_ROUTE_CHANNEL);
    assert_int_equal(route(IPC_TYPE_PIPE, false, 8, SERVER, 0), -IPC_ERR_INVALID_ARGUMENT);
    assert_int_equal(route(IPC_TYPE_QUEUE, true, 8, 1, 0), -IPC_ERR_INVALID_ARGUMENT);
}

static void test_socket_addressing(void **state)
{
    (void)state;
    assert_int_equal(route(IPC_TYPE_SOCKET, false, 8, 0, 0), FREEWORLD_ROUTE_SERVER);
    assert_int_equal(route(IPC_TYPE_SOCKET, false, 8, SERVER, 0), FREEWORLD_ROUTE_SERVER);
    assert_int_equal(route(IPC_TYPE_SOCKET, false, 8, SERVER + 1, 0), -IPC_ERR_INVALID_ARGUMENT);
    assert_int_equal(route(IPC_TYPE_SOCKET, true, 8, 0, 0), FREEWORLD_ROUTE_ALL);
    assert_int_equal(route(IPC_TYPE_SOCKET, true, 8, 42, 0), FREEWORLD_ROUTE_ONE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_types_and_depths),
        cmocka_unit_test(test_modes_and_names),
        cmocka_unit_test(test_sizes_and_priorities),
        cmocka_unit_test(test_pipes_and_queues_have_no_addressing),
        cmocka_unit_test(test_socket_addressing),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
