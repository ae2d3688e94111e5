/*
 * csrss/keyboard.c - the set-1 decoder of keyboard.h: two tables (unshifted
 * and shifted characters by make code) for the main block, a switch for
 * the modifiers and the 0xe0 keys.
 *
 * Layer: csrss, pure.
 */
#include "keyboard.h"

#include <string.h>

#define SCANCODE_RELEASE 0x80
#define PREFIX_EXTENDED  0xe0
#define PREFIX_PAUSE     0xe1
#define PAUSE_LENGTH     5 /* bytes after 0xe1 */
#define KEY_LEFT_CTRL    0x1d
#define KEY_LEFT_SHIFT   0x2a
#define KEY_RIGHT_SHIFT  0x36
#define KEY_ALT          0x38
#define KEY_CAPS_LOCK    0x3a
#define KEY_F1           0x3b
#define KEY_F8           0x42
#define ESC              "\x1b"

/* Characters by make code, 0x00-0x53; 0: not a character key. */
static const char unshifted[] = "\0" ESC "1234567890-=\x7f\tqwertyuiop[]\r\0asdfghjkl;'`\0\\zxcvbnm,./\0*\0 "
                                "\0\0\0\0\0\0\0\0\0\0\0\0\0"
                                "789-456+1230.";
static const char shifted[] = "\0" ESC "!@#$%^&*()_+\x7f\tQWERTYUIOP{}\r\0ASDFGHJKL:\"~\0|ZXCVBNM<>?\0*\0 "
                              "\0\0\0\0\0\0\0\0\0\0\0\0\0"
                              "789-456+1230.";

_Static_assert(sizeof(unshifted) == 0x54 + 1, "one entry per make code 0x00-0x53");
_Static_assert(sizeof(shifted) == sizeof(unshifted), "the tables must match");

void keyboard_init(struct keyboard *keyboard)
{
    *keyboard = (struct keyboard){0};
}

static struct keyboard_event bytes_event(const char *bytes, size_t length)
{
    struct keyboard_event event = {.action = KEYBOARD_BYTES, .length = length};

    memcpy(event.bytes, bytes, length);
    return event;
}

/* Shift, Ctrl, Alt (pressed or released) and Caps Lock (pressed); true
 * when `code` was one of them. */
static bool modifier(struct keyboard *keyboard, uint8_t code, bool extended, bool pressed)
{
    switch (code) {
    case KEY_LEFT_SHIFT:
        if (!extended)
            keyboard->left_shift = pressed;
        return true;
    case KEY_RIGHT_SHIFT:
        if (!extended)
            keyboard->right_shift = pressed;
        return true;
    case KEY_LEFT_CTRL: *(extended ? &keyboard->right_ctrl : &keyboard->left_ctrl) = pressed; return true;
    case KEY_ALT: *(extended ? &keyboard->right_alt : &keyboard->left_alt) = pressed; return true;
    case KEY_CAPS_LOCK:
        if (!extended && pressed)
            keyboard->caps_lock = !keyboard->caps_lock;
        return !extended;
    default: return false;
    }
}

/* The escape sequence of an 0xe0 key, or NULL. */
static const char *extended_sequence(uint8_t code)
{
    switch (code) {
    case 0x48: return ESC "[A";
    case 0x50: return ESC "[B";
    case 0x4d: return ESC "[C";
    case 0x4b: return ESC "[D";
    case 0x47: return ESC "[H";
    case 0x4f: return ESC "[F";
    case 0x52: return ESC "[2~";
    case 0x53: return ESC "[3~";
    case 0x49: return ESC "[5~";
    case 0x51: return ESC "[6~";
    case 0x1c: return "\r"; /* keypad Enter */
    case 0x35: return "/";  /* keypad / */
    default: return NULL;
    }
}

static char character_of(const struct keyboard *keyboard, uint8_t code)
{
    bool shift = keyboard->left_shift || keyboard->right_shift;
    char plain = unshifted[code];

    if (plain >= 'a' && plain <= 'z' && keyboard->caps_lock)
        shift = !shift;
    char character = shift ? shifted[code] : plain;
    if (!(keyboard->left_ctrl || keyboard->right_ctrl))
        return character;
    if (character == ' ')
        return '\0';
    if (character >= '@' && character <= '~' && character != '`')
        return (char)(character & 0x1f);
    return character;
}

static struct keyboard_event key_press(struct keyboard *keyboard, uint8_t code, bool extended)
{
    static const struct keyboard_event nothing = {.action = KEYBOARD_NOTHING};
    bool alt = keyboard->left_alt || keyboard->right_alt;

    if (code >= KEY_F1 && code <= KEY_F8 && !extended) {
        if (alt)
            return (struct keyboard_event){.action = KEYBOARD_SWITCH, .console = code - KEY_F1 + 1};
        if (code < KEY_F1 + 4)
            return bytes_event((const char[]){0x1b, 'O', (char)('P' + code - KEY_F1)}, 3);
        return nothing;
    }
    if (extended) {
        const char *sequence = extended_sequence(code);
        return sequence ? bytes_event(sequence, strlen(sequence)) : nothing;
    }
    if (code >= sizeof(unshifted) - 1 || unshifted[code] == '\0')
        return nothing;
    char character = character_of(keyboard, code);
    if (alt)
        return bytes_event((const char[]){0x1b, character}, 2);
    return bytes_event(&character, 1);
}

struct keyboard_event keyboard_scancode(struct keyboard *keyboard, uint8_t scancode)
{
    static const struct keyboard_event nothing = {.action = KEYBOARD_NOTHING};

    if (keyboard->pause_skipping > 0) {
        keyboard->pause_skipping--;
        return nothing;
    }
    if (scancode == PREFIX_PAUSE) {
        keyboard->pause_skipping = PAUSE_LENGTH;
        return nothing;
    }
    if (scancode == PREFIX_EXTENDED) {
        keyboard->extended = true;
        return nothing;
    }
    bool extended = keyboard->extended, pressed = !(scancode & SCANCODE_RELEASE);
    uint8_t code = scancode & (uint8_t)~SCANCODE_RELEASE;
    keyboard->extended = false;
    if (modifier(keyboard, code, extended, pressed) || !pressed)
        return nothing;
    return key_press(keyboard, code, extended);
}
