/*
 * test_csrss_keyboard.c - host unit tests of csrss's scan-code decoder
 * (userland/bin/csrss/keyboard.c).
 *
 * Built by `make unit` with ASan/UBSan. Scan codes are fed as a PS/2
 * keyboard in scan code set 1 sends them (what QEMU's `sendkey` produces);
 * the tests check the bytes a terminal would get, and the console
 * switches.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "keyboard.h"

#define RELEASE(code) ((uint8_t)((code) | 0x80))
#define LEFT_SHIFT    0x2a
#define RIGHT_SHIFT   0x36
#define CTRL          0x1d
#define ALT           0x38
#define CAPS_LOCK     0x3a
#define EXTENDED      0xe0

static struct keyboard keyboard;
static size_t fed_length; /* bytes the last feed produced */

static int setup(void **state)
{
    (void)state;
    keyboard_init(&keyboard);
    return 0;
}

/* Feed `count` scan codes; the bytes they produced, as a string. */
static const char *feed(const uint8_t *codes, size_t count)
{
    static char text[64];
    size_t length = 0;

    for (size_t index = 0; index < count; index++) {
        struct keyboard_event event = keyboard_scancode(&keyboard, codes[index]);
        assert_int_not_equal(event.action, KEYBOARD_SWITCH);
        if (event.action == KEYBOARD_BYTES) {
            assert_true(length + event.length < sizeof(text));
            memcpy(text + length, event.bytes, event.length);
            length += event.length;
        }
    }
    text[length] = '\0';
    fed_length = length;
    return text;
}

#define FEED(...) feed((const uint8_t[]){__VA_ARGS__}, sizeof((const uint8_t[]){__VA_ARGS__}))

/* A key pressed and released. */
#define TAP(code) code, RELEASE(code)

static void test_letters_digits_and_punctuation(void **state)
{
    (void)state;
    assert_string_equal(FEED(TAP(0x23), TAP(0x17), TAP(0x39), TAP(0x02), TAP(0x0b), TAP(0x35)), "hi 10/");
    assert_string_equal(FEED(TAP(0x1c), TAP(0x0e), TAP(0x0f), TAP(0x01)), "\r\x7f\t\x1b");
}

static void test_shift_and_caps_lock(void **state)
{
    (void)state;
    assert_string_equal(FEED(LEFT_SHIFT, TAP(0x23), TAP(0x02), RELEASE(LEFT_SHIFT), TAP(0x23)), "H!h");
    assert_string_equal(FEED(RIGHT_SHIFT, TAP(0x28), TAP(0x2b), RELEASE(RIGHT_SHIFT)), "\"|");
    assert_string_equal(FEED(TAP(CAPS_LOCK), TAP(0x1e), TAP(0x02)), "A1"); /* digits unchanged */
    assert_string_equal(FEED(LEFT_SHIFT, TAP(0x1e), RELEASE(LEFT_SHIFT)), "a");
    assert_string_equal(FEED(TAP(CAPS_LOCK), TAP(0x1e)), "a");
}

static void test_both_shifts_tracked_apart(void **state)
{
    (void)state;
    assert_string_equal(FEED(LEFT_SHIFT, RIGHT_SHIFT, RELEASE(LEFT_SHIFT), TAP(0x1e)), "A");
    assert_string_equal(FEED(RELEASE(RIGHT_SHIFT), TAP(0x1e)), "a");
}

static void test_control_keys(void **state)
{
    (void)state;
    assert_string_equal(FEED(CTRL, TAP(0x2e), TAP(0x20), TAP(0x16), RELEASE(CTRL)), "\x03\x04\x15");
    assert_string_equal(FEED(CTRL, TAP(0x2c), TAP(0x1a), RELEASE(CTRL), TAP(0x2e)), "\x1a\x1b"
                                                                                    "c");
    assert_string_equal(FEED(EXTENDED, CTRL, TAP(0x2e), EXTENDED, RELEASE(CTRL), TAP(0x2e)), "\x03"
                                                                                             "c");
    assert_memory_equal(FEED(CTRL, TAP(0x39), TAP(0x02), RELEASE(CTRL)),
                        "\0"
                        "1",
                        2); /* ^space: NUL */
    assert_int_equal(fed_length, 2);
}

static void test_alt_sends_escape_prefix(void **state)
{
    (void)state;
    assert_string_equal(FEED(ALT, TAP(0x30), RELEASE(ALT), TAP(0x30)), "\x1b"
                                                                       "bb");
    assert_string_equal(FEED(EXTENDED, ALT, TAP(0x30), EXTENDED, RELEASE(ALT)), "\x1b"
                                                                                "b");
}

static void test_extended_keys(void **state)
{
    (void)state;
    assert_string_equal(FEED(EXTENDED, TAP(0x48), EXTENDED, TAP(0x50)), "\x1b[A\x1b[B");
    assert_string_equal(FEED(EXTENDED, 0x4d, EXTENDED, 0x4b), "\x1b[C\x1b[D");
    assert_string_equal(FEED(EXTENDED, 0x47, EXTENDED, 0x4f, EXTENDED, 0x53), "\x1b[H\x1b[F\x1b[3~");
    assert_string_equal(FEED(EXTENDED, 0x1c, EXTENDED, 0x35, EXTENDED, 0x5b), "\r/"); /* 0x5b: Windows key */
    assert_string_equal(FEED(0x48, 0x4b), "84"); /* without the prefix: the keypad */
}

static void test_function_keys(void **state)
{
    (void)state;
    assert_string_equal(FEED(TAP(0x3b), TAP(0x3e), TAP(0x3f), TAP(0x57)), "\x1bOP\x1bOS");
}

static void test_alt_function_keys_switch_consoles(void **state)
{
    (void)state;
    keyboard_scancode(&keyboard, ALT);
    struct keyboard_event event = keyboard_scancode(&keyboard, 0x3c);
    assert_int_equal(event.action, KEYBOARD_SWITCH);
    assert_int_equal(event.console, 2);
    event = keyboard_scancode(&keyboard, 0x42);
    assert_int_equal(event.console, 8);
    assert_int_equal(keyboard_scancode(&keyboard, RELEASE(0x42)).action, KEYBOARD_NOTHING);
    keyboard_scancode(&keyboard, RELEASE(ALT));
    assert_int_equal(keyboard_scancode(&keyboard, 0x3c).action, KEYBOARD_BYTES);
}

static void test_releases_pause_and_unknown_codes_give_nothing(void **state)
{
    (void)state;
    assert_string_equal(FEED(RELEASE(0x1e), 0x59, 0x7f, 0xe1, 0x1d, 0x45, 0xe1, 0x9d, 0xc5, TAP(0x1e)), "a");
    assert_string_equal(FEED(EXTENDED, LEFT_SHIFT, TAP(0x1e)), "a"); /* fake shift of Print Screen */
    assert_string_equal(FEED(EXTENDED, CAPS_LOCK, TAP(0x1e)), "a");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_letters_digits_and_punctuation, setup),
        cmocka_unit_test_setup(test_shift_and_caps_lock, setup),
        cmocka_unit_test_setup(test_both_shifts_tracked_apart, setup),
        cmocka_unit_test_setup(test_control_keys, setup),
        cmocka_unit_test_setup(test_alt_sends_escape_prefix, setup),
        cmocka_unit_test_setup(test_extended_keys, setup),
        cmocka_unit_test_setup(test_function_keys, setup),
        cmocka_unit_test_setup(test_alt_function_keys_switch_consoles, setup),
        cmocka_unit_test_setup(test_releases_pause_and_unknown_codes_give_nothing, setup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
