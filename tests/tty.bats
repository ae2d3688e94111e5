#!/usr/bin/env bats
# tty.bats - terminals and the console devices, seen from user space:
# pseudo-terminals and the line discipline (userland/tests/tty_pty.c),
# device_claim both as an ordinary program and as init itself
# (userland/tests/device_claim.c, booted with init=/bin/device_claim), and
# job control on /dev/console driven through COM1 (tools/console-session):
# ^C kills the shell's foreground job and the prompt comes back, ^Z stops
# it. docs/tty.md explains what is tested here.
#
# setup_file compiles the programs with build/bin/freeport-cc (run `make`
# first).

load lib/common
bats_require_minimum_version 1.5.0

setup_file() {
    build_test_programs tty_pty device_claim
}

# console_shell SCRIPT-LINES...: a guest whose init runs an interactive
# /bin/sh on /dev/console (the guest-run protocol with no test program), driven
# by tools/console-session through COM1, under `run`.
console_shell() {
    printf '/bin/sh\n' > "$BATS_TEST_TMPDIR/guest-run"
    printf '%s\n' 'expect FREEPORT-RUN-BEGIN' 'expect \$ $' "$@" > "$BATS_TEST_TMPDIR/session"
    run "$TOOLS/console-session" --timeout "${FREEPORT_BOOT_TIMEOUT:-60}" \
        --add "$BATS_TEST_TMPDIR/guest-run:etc/guest-run" \
        --log "$BATS_TEST_TMPDIR/com1.log" "$BATS_TEST_TMPDIR/session"
}

@test "ptys: openpty, /dev/pts, editing, echo, raw mode, signals to the foreground group, SIGTTIN, hang-ups, poll, errors" {
    guest_test tty_pty
    assert_all_passed
}

@test "device_claim by anyone but init: EPERM, each a security event on the system endpoint" {
    guest_test device_claim
    assert_all_passed
}

@test "device_claim as init: VGA mapped and the kernel off it, cursor, keyboard, COM1, EBUSY, fork and exec, released at exit" {
    "$TOOLS/mkinitrd" "$BATS_TEST_TMPDIR/initrd.cpio" "$REPO_ROOT/build/root" \
        "$TEST_BIN/device_claim:bin/device_claim" > /dev/null
    run "$TOOLS/boot-guest" --timeout "${FREEPORT_BOOT_TIMEOUT:-60}" --cmdline "init=/bin/device_claim" \
        --initrd "$BATS_TEST_TMPDIR/initrd.cpio"
    assert_all_passed
    assert_line "device_claim: raw bytes on COM1"
    assert_line "init (pid 1) ended with status 0: stopping"
}

@test "console: ^C on COM1 kills the shell's foreground job, not the shell; the prompt comes back" {
    console_shell 'send sh -c "echo started; sleep 100"\r' 'expect ^started$' \
        'send \x03' 'expect ^\^C$' 'expect ^\$ $' \
        'send echo status $?\r' 'expect ^status 130$'
    assert_success
}

# (SIGTSTP is 18 in newlib's numbering, so $? is 128 + 18.)
@test "console: ^Z stops the foreground job, the shell reports it and takes the terminal back" {
    console_shell 'send sh -c "echo started; sleep 100"\r' 'expect ^started$' \
        'send \x1a' 'expect ^\[\d+\] Stopped \(signal 18\)$' 'expect ^\$ $' \
        'send echo status $?\r' 'expect ^status 146$' 'expect ^\$ $' \
        'send echo still here\r' 'expect ^still here$'
    assert_success
}

@test "console: a line typed ahead and ^C: the line is thrown away, the shell reads on" {
    console_shell 'send echo one\r' 'expect ^one$' 'expect ^\$ $' \
        'send dropped\x03' 'expect \^C' 'send echo two\r' 'expect ^two$'
    assert_success
    refute_output --partial "dropped: not found"
}
