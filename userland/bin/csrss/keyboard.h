/*
 * csrss/keyboard.h - the PS/2 keyboard's scan codes (set 1, as the kernel
 * passes them on raw) turned into the bytes a terminal sends, for a US
 * layout.
 *
 * Layer: csrss, pure (host unit-tested in tests/unit/test_csrss_keyboard.c).
 * A key press is its make code, its release the make code | 0x80; keys
 * added after the first PC keyboard come after an 0xe0 prefix; Pause sends
 * an 0xe1 sequence of six bytes, skipped here. What a press gives:
 *   letters, digits, punctuation   ASCII; Shift and Caps Lock as on a PC
 *   Enter, Tab, Backspace, Esc     CR, TAB, DEL (0x7f: the tty's VERASE),
 *                                  ESC
 *   Ctrl + key                     the control byte (Ctrl+C = 0x03, ...)
 *   Alt + key                      ESC, then the key's byte (meta)
 *   arrows                         ESC [ A/B/C/D; Home ESC [ H, End ESC [ F,
 *                                  Insert/Delete/PgUp/PgDn ESC [ 2/3/5/6 ~
 *   F1-F4                          ESC O P/Q/R/S
 *   Alt + F1..F8                   no bytes: switch to console 1..8
 * The keypad gives its digits (Num Lock is taken as on).
 *
 * Invariant: the modifier state follows presses and releases exactly,
 * whatever order they come in; an unknown scan code changes nothing.
 */
#ifndef CSRSS_KEYBOARD_H
#define CSRSS_KEYBOARD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define KEYBOARD_BYTES_MAX 8

enum keyboard_action { KEYBOARD_NOTHING, KEYBOARD_BYTES, KEYBOARD_SWITCH };

struct keyboard_event {
    enum keyboard_action action;
    int console;   /* KEYBOARD_SWITCH: 1..8 */
    size_t length; /* KEYBOARD_BYTES */
    char bytes[KEYBOARD_BYTES_MAX];
};

struct keyboard {
    bool left_shift, right_shift, left_ctrl, right_ctrl, left_alt, right_alt;
    bool caps_lock;
    bool extended;      /* an 0xe0 prefix came */
    int pause_skipping; /* bytes of a Pause sequence still to skip */
};

void keyboard_init(struct keyboard *keyboard);

/* One scan code byte from the keyboard: what it means. */
struct keyboard_event keyboard_scancode(struct keyboard *keyboard, uint8_t scancode);

#endif
