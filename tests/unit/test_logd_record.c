/*
 * test_logd_record.c - host unit tests of userland/libc/logd_record.c, the
 * logd wire format (<freeport/logd.h>): a round trip keeps every field,
 * the bytes are the documented ones, and decode refuses every malformed
 * datagram without reading past it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <freeport/logd.h>

static struct logd_record sample(void)
{
    struct logd_record record = {.timestamp_ns = 0x0102030405060708ull,
                                 .pid = 42,
                                 .sequence = 7,
                                 .dropped = 3,
                                 .level = LOGD_LEVEL_WARNING,
                                 .tag = "flood",
                                 .message = "hello, log"};
    return record;
}

static void round_trip_keeps_every_field(void **state)
{
    uint8_t datagram[LOGD_RECORD_MAX];
    struct logd_record in = sample(), out;

    (void)state;
    size_t length = logd_record_encode(&in, datagram, sizeof(datagram));
    assert_int_equal(length, LOGD_HEADER_SIZE + strlen("flood") + strlen("hello, log"));
    assert_int_equal(logd_record_decode(datagram, length, &out), 0);
    assert_int_equal(out.timestamp_ns, in.timestamp_ns);
    assert_int_equal(out.pid, 42);
    assert_int_equal(out.sequence, 7);
    assert_int_equal(out.dropped, 3);
    assert_int_equal(out.level, LOGD_LEVEL_WARNING);
    assert_int_equal(out.flags, 0);
    assert_string_equal(out.tag, "flood");
    assert_string_equal(out.message, "hello, log");
}

static void the_bytes_are_the_documented_ones(void **state)
{
    uint8_t datagram[LOGD_RECORD_MAX];
    struct logd_record in = sample();

    (void)state;
    in.flags = LOGD_FLAG_DROPS_ONLY;
    logd_record_encode(&in, datagram, sizeof(datagram));
    assert_memory_equal(datagram, "LOGD", 4);
    assert_int_equal(datagram[4], LOGD_VERSION);
    assert_int_equal(datagram[5], LOGD_LEVEL_WARNING);
    assert_int_equal(datagram[6], LOGD_FLAG_DROPS_ONLY);
    assert_int_equal(datagram[7], 5);
    assert_int_equal(datagram[8], 42);
    assert_int_equal(datagram[12], 7);
    assert_int_equal(datagram[16], 3);
    assert_int_equal(datagram[20], 10);
    assert_int_equal(datagram[24], 0x08);
    assert_int_equal(datagram[31], 0x01);
    assert_memory_equal(datagram + 32, "floodhello, log", 15);
}

static void long_fields_are_cut_and_bad_records_refused(void **state)
{
    uint8_t datagram[LOGD_RECORD_MAX];
    struct logd_record in = sample(), out;

    (void)state;
    memset(in.message, 'm', LOGD_MESSAGE_MAX);
    memset(in.tag, 't', LOGD_TAG_MAX);
    size_t length = logd_record_encode(&in, datagram, sizeof(datagram));
    assert_int_equal(length, LOGD_RECORD_MAX);
    assert_int_equal(logd_record_decode(datagram, length, &out), 0);
    assert_int_equal(strlen(out.message), LOGD_MESSAGE_MAX);
    assert_int_equal(strlen(out.tag), LOGD_TAG_MAX);
    assert_int_equal(logd_record_encode(&in, datagram, LOGD_RECORD_MAX - 1), 0);

    in = sample();
    in.tag[0] = '\0';
    assert_int_equal(logd_record_encode(&in, datagram, sizeof(datagram)), 0);
    in = sample();
    in.level = LOGD_LEVEL_MAX + 1;
    assert_int_equal(logd_record_encode(&in, datagram, sizeof(datagram)), 0);
}

/* Each malformed variant of a good datagram is refused. */
static void decode_refuses_malformed_datagrams(void **state)
{
    uint8_t good[LOGD_RECORD_MAX], bad[LOGD_RECORD_MAX + 1];
    struct logd_record in = sample(), out;
    size_t length = logd_record_encode(&in, good, sizeof(good));
    const struct {
        size_t offset;
        uint8_t value;
    } corruptions[] = {{0, 'X'}, {4, 2}, {5, 8}, {7, 0}, {7, LOGD_TAG_MAX + 1}, {7, 6}, {20, 11}, {21, 1}};

    (void)state;
    for (size_t i = 0; i < sizeof(corruptions) / sizeof(corruptions[0]); i++) {
        memcpy(bad, good, length);
        bad[corruptions[i].offset] = corruptions[i].value;
        assert_int_equal(logd_record_decode(bad, length, &out), -1);
    }
    for (size_t cut = 0; cut < length; cut++) {
        uint8_t *exact = malloc(cut ? cut : 1); /* ASan catches a read past the end */
        memcpy(exact, good, cut);
        assert_int_equal(logd_record_decode(exact, cut, &out), -1);
        free(exact);
    }
    memcpy(bad, good, length);
    assert_int_equal(logd_record_decode(bad, length + 1, &out), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(round_trip_keeps_every_field),
        cmocka_unit_test(the_bytes_are_the_documented_ones),
        cmocka_unit_test(long_fields_are_cut_and_bad_records_refused),
        cmocka_unit_test(decode_refuses_malformed_datagrams),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
