# csrss.mk - host unit tests of the console server's pure parts
# (userland/bin/csrss/): the terminal emulator and its cell grid, the
# windows and their compositing, the keyboard's scan-code decoder, and the
# protocol codec of the SDK (userland/libc/csrss_protocol.c). See core.mk
# for how they are built. The codec's <freeport/csrss.h> comes from
# userland/include, searched after the host's own headers.

CSRSS_DIRECTORY := userland/bin/csrss

UNIT_TESTS += csrss_terminal
unit_csrss_terminal_SOURCES := $(CSRSS_DIRECTORY)/terminal.c $(CSRSS_DIRECTORY)/text_area.c
unit_csrss_terminal_CFLAGS := -I $(CSRSS_DIRECTORY)

UNIT_TESTS += csrss_window
unit_csrss_window_SOURCES := $(CSRSS_DIRECTORY)/window.c $(CSRSS_DIRECTORY)/terminal.c \
    $(CSRSS_DIRECTORY)/text_area.c userland/libc/csrss_protocol.c
unit_csrss_window_CFLAGS := -I $(CSRSS_DIRECTORY) -idirafter userland/include

UNIT_TESTS += csrss_keyboard
unit_csrss_keyboard_SOURCES := $(CSRSS_DIRECTORY)/keyboard.c
unit_csrss_keyboard_CFLAGS := -I $(CSRSS_DIRECTORY)

UNIT_TESTS += csrss_protocol
unit_csrss_protocol_SOURCES := userland/libc/csrss_protocol.c
unit_csrss_protocol_CFLAGS := -idirafter userland/include
