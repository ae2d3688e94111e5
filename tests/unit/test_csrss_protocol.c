/*
 * test_csrss_protocol.c - host unit tests of the console server protocol's
 * codec (userland/libc/csrss_protocol.c, <freeport/csrss.h>).
 *
 * Built by `make unit` with ASan/UBSan. Messages are built with
 * csrss_encode, or by hand when they must be wrong, then framed out of a
 * byte stream and checked as csrss checks each request it receives.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "errno.h" /* the kernel's numbers, as the code under test sees them */
#include <freeport/csrss.h>

static char message[CSRSS_MESSAGE_MAX + 16];

/* A request of `type` with `payload_length` zero bytes of payload. */
static size_t request(uint16_t type, size_t payload_length)
{
    static const char zeros[CSRSS_MESSAGE_MAX];

    return csrss_encode(message, type, 42, 0, zeros, payload_length);
}

static void test_encode_lays_out_the_header(void **state)
{
    struct csrss_console_request payload = {.console = 3};
    struct csrss_header header;

    (void)state;
    size_t length = csrss_encode(message, CSRSS_CONSOLE_INFO | CSRSS_REPLY, 0x01020304, -ENOENT, &payload,
                                 sizeof(payload));
    assert_int_equal(length, sizeof(header) + sizeof(payload));
    memcpy(&header, message, sizeof(header));
    assert_int_equal(header.type, CSRSS_CONSOLE_INFO | CSRSS_REPLY);
    assert_int_equal(header.length, length);
    assert_int_equal(header.request_id, 0x01020304);
    assert_int_equal(header.status, -ENOENT);
    assert_memory_equal(message + sizeof(header), &payload, sizeof(payload));
    assert_int_equal(csrss_encode(message, CSRSS_WRITE, 1, 0, NULL, 0), sizeof(header));
}

static void test_encode_refuses_oversized_payload(void **state)
{
    (void)state;
    size_t room = CSRSS_MESSAGE_MAX - sizeof(struct csrss_header);
    assert_int_equal(request(CSRSS_WRITE, room), CSRSS_MESSAGE_MAX);
    assert_int_equal(request(CSRSS_WRITE, room + 1), 0);
}

static void test_framing_waits_for_whole_message(void **state)
{
    (void)state;
    size_t length = request(CSRSS_WRITE, 10);
    assert_int_equal(csrss_message_length(message, 0), 0);
    assert_int_equal(csrss_message_length(message, sizeof(struct csrss_header) - 1), 0);
    assert_int_equal(csrss_message_length(message, length - 1), 0);
    assert_int_equal(csrss_message_length(message, length), (long)length);
    assert_int_equal(csrss_message_length(message, length + 5), (long)length); /* the next one follows */
}

static void test_framing_refuses_impossible_lengths(void **state)
{
    struct csrss_header header = {.type = CSRSS_WRITE, .length = sizeof(header) - 1};

    (void)state;
    memcpy(message, &header, sizeof(header));
    assert_int_equal(csrss_message_length(message, sizeof(header)), -EMSGSIZE);
    header.length = CSRSS_MESSAGE_MAX + 1;
    memcpy(message, &header, sizeof(header));
    assert_int_equal(csrss_message_length(message, sizeof(header)), -EMSGSIZE);
    header.length = 0;
    memcpy(message, &header, sizeof(header));
    assert_int_equal(csrss_message_length(message, sizeof(header)), -EMSGSIZE);
}

static void test_fixed_size_requests(void **state)
{
    (void)state;
    size_t console = sizeof(struct csrss_console_request);
    assert_int_equal(csrss_check_request(message, request(CSRSS_CONSOLE_INFO, console)), 0);
    assert_int_equal(csrss_check_request(message, request(CSRSS_CONSOLE_INFO, console - 1)), -EINVAL);
    assert_int_equal(csrss_check_request(message, request(CSRSS_CONSOLE_INFO, console + 1)), -EINVAL);
    assert_int_equal(csrss_check_request(message, request(CSRSS_CREATE_CONSOLE, 0)), 0);
    assert_int_equal(csrss_check_request(message, request(CSRSS_CREATE_CONSOLE, 4)), -EINVAL);
    size_t attributes = sizeof(struct csrss_attributes_request);
    assert_int_equal(csrss_check_request(message, request(CSRSS_SET_ATTRIBUTES, attributes)), 0);
    assert_int_equal(csrss_check_request(message, request(CSRSS_SET_ATTRIBUTES, 4)), -EINVAL);
    assert_int_equal(csrss_check_request(message, request(CSRSS_WINDOW_CLOSE, 4)), 0);
    assert_int_equal(csrss_check_request(message, request(CSRSS_SWITCH, 4)), 0);
    assert_int_equal(csrss_check_request(message, request(CSRSS_READ_SCREEN, 0)), -EINVAL);
}

static void test_requests_with_text(void **state)
{
    (void)state;
    size_t window = sizeof(struct csrss_window_create_request);
    assert_int_equal(csrss_check_request(message, request(CSRSS_WINDOW_CREATE, window)), 0);
    assert_int_equal(csrss_check_request(message, request(CSRSS_WINDOW_CREATE, window + 30)), 0);
    assert_int_equal(csrss_check_request(message, request(CSRSS_WINDOW_CREATE, window - 1)), -EINVAL);
    assert_int_equal(csrss_check_request(message, request(CSRSS_WRITE, 4)), 0);
    assert_int_equal(csrss_check_request(message, request(CSRSS_WRITE, 3)), -EINVAL);
    assert_int_equal(csrss_check_request(message, request(CSRSS_WINDOW_WRITE, 4000)), 0);
}

static void test_unknown_types(void **state)
{
    (void)state;
    assert_int_equal(csrss_check_request(message, request(0, 0)), -EOPNOTSUPP);
    assert_int_equal(csrss_check_request(message, request(CSRSS_TYPE_COUNT, 0)), -EOPNOTSUPP);
    assert_int_equal(csrss_check_request(message, request(CSRSS_WRITE | CSRSS_REPLY, 4)), -EOPNOTSUPP);
    assert_int_equal(csrss_check_request(message, request(0xffff, 0)), -EOPNOTSUPP);
    assert_int_equal(csrss_check_request(message, 3), -EINVAL);
}

static void test_screen_fits_one_reply(void **state)
{
    (void)state;
    assert_true(sizeof(struct csrss_header) + sizeof(struct csrss_screen) <= CSRSS_MESSAGE_MAX);
    assert_int_equal(sizeof(struct csrss_header), 12);
    assert_int_equal(sizeof(struct csrss_console_info), 48);
    assert_int_equal(sizeof(struct csrss_window_create_request), 16);
}

static void test_cell_text(void **state)
{
    (void)state;
    assert_int_equal(csrss_cell_text('a'), 'a');
    assert_int_equal(csrss_cell_text(' '), ' ');
    assert_int_equal(csrss_cell_text('~'), '~');
    assert_int_equal(csrss_cell_text(0xda), '+');
    assert_int_equal(csrss_cell_text(0xd9), '+');
    assert_int_equal(csrss_cell_text(0xc4), '-');
    assert_int_equal(csrss_cell_text(0xb3), '|');
    assert_int_equal(csrss_cell_text(0x00), '?');
    assert_int_equal(csrss_cell_text(0x7f), '?');
    assert_int_equal(csrss_cell_text(0xfe), '?');
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_encode_lays_out_the_header),
        cmocka_unit_test(test_encode_refuses_oversized_payload),
        cmocka_unit_test(test_framing_waits_for_whole_message),
        cmocka_unit_test(test_framing_refuses_impossible_lengths),
        cmocka_unit_test(test_fixed_size_requests),
        cmocka_unit_test(test_requests_with_text),
        cmocka_unit_test(test_unknown_types),
        cmocka_unit_test(test_screen_fits_one_reply),
        cmocka_unit_test(test_cell_text),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
