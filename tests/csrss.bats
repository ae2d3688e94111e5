#!/usr/bin/env bats
# csrss.bats - the console server and the terminals it serves, seen from
# outside. The protocol program (userland/tests/csrss_protocol.c) runs in a
# guest where init started the services; the other tests boot the machine
# the normal way (init -> csrss -> getty on each console -> sh) and drive
# it with tools/console-session, as a person would: typing on COM1 (console
# 1's terminal) and on the PS/2 keyboard (QEMU's `sendkey`), reading COM1,
# and asking csrss what a console shows (`conwin read`). The line
# discipline is the kernel's, reached through csrss's pseudo-terminals.
# The last test follows a key through GDB as docs/csrss.md does.
#
# setup_file compiles the protocol program with build/bin/freeport-cc (run
# `make` first).

load lib/common
bats_require_minimum_version 1.5.0

setup_file() {
    build_test_programs csrss_protocol
}

# A session left running by a failed GDB test (console-session stops its QEMU on SIGTERM).
teardown() {
    if [ -n "${session_pid:-}" ]; then
        kill -TERM "$session_pid" 2>/dev/null || true
        wait "$session_pid" 2>/dev/null || true
    fi
}

# session SCRIPT-LINES...: boot the normal way and run the steps (see
# tools/console-session), under `run`.
session() {
    printf '%s\n' "$@" > "$BATS_TEST_TMPDIR/session"
    run "$TOOLS/console-session" --timeout "${FREEPORT_BOOT_TIMEOUT:-60}" \
        --log "$BATS_TEST_TMPDIR/com1.log" "$BATS_TEST_TMPDIR/session"
}

@test "protocol: every request, each refusal, pty output on the screen, windows, a dying client, bad messages, 10 clients at once" {
    guest_test csrss_protocol --services --timeout 150
    assert_all_passed
}

@test "refusals: csrss without its devices or with bad arguments, getty and conwin with bad arguments or no csrss" {
    local script='csrss; echo "csrss $?"; csrss -x; echo "csrss $?"; getty 0; echo "getty $?"; getty 9; echo "getty $?"'
    script+='; getty 1x; echo "getty $?"; getty 1; echo "getty $?"'
    script+='; conwin; echo "conwin $?"; conwin read; echo "conwin $?"; conwin info 1; echo "conwin $?"'
    guest -- /bin/sh -c "$script"
    assert_success
    assert_output - <<'EOF_OUTPUT'
csrss: the devices are not on fds 3, 4 and 5: csrss must be started by init with them
csrss 1
csrss: usage: csrss [-n]
csrss 2
getty: usage: getty N (a console, 1-8)
getty 2
getty: usage: getty N (a console, 1-8)
getty 2
getty: usage: getty N (a console, 1-8)
getty 2
getty: /var/run/csrss.sock: No such file or directory
getty 1
conwin: usage: conwin info|new|print|read|switch|colour|cursor|window|write|close ... (docs/csrss.md)
conwin 2
conwin: usage: conwin info|new|print|read|switch|colour|cursor|window|write|close ... (docs/csrss.md)
conwin 2
conwin: /var/run/csrss.sock: No such file or directory
conwin 1
EOF_OUTPUT
}

@test "boot: init starts csrss and a getty per console; COM1 is console 1's terminal: erase, kill, ^C, ^D, ^Z" {
    session 'expect ^Freeport console 1 \(/dev/pts/\d+\)$' 'expect ^\$ ' \
        'send echo hel\x7flo\r' 'expect ^helo$' 'expect ^\$ ' \
        'send echo wrong\x15echo right\r' 'expect ^right$' 'expect ^\$ ' \
        'send cat\r' 'send ping\r' 'expect ^ping\nping$' \
        'send \x03' 'expect \^C' 'expect \$ ' \
        'send echo status $?\r' 'expect ^status 130$' 'expect ^\$ ' \
        'send cat\r' 'send line one\r' 'expect ^line one\nline one$' \
        'send \x04' 'expect ^\$ ' \
        'send echo after eof\r' 'expect ^after eof$' 'expect ^\$ ' \
        'send cat\r' 'send pong\r' 'expect ^pong\npong$' 'send \x1a' 'expect \^Z' 'expect Stopped' \
        'expect ^\$ ' 'send echo after stop\r' 'expect ^after stop$' 'expect ^\$ ' \
        'send conwin read 1\r' 'expect ^\$ echo after stop\nafter stop\n\$ conwin read 1$'
    assert_success
}

@test "keyboard: Alt+F2 shows console 2, typed keys reach its shell, Ctrl+C interrupts it; windows over console 1" {
    session 'expect ^Freeport console 1' 'expect ^\$ ' \
        'key alt-f2' \
        'check conwin info 2 :: ^console 2: /dev/pts/\d+ 80x25 cursor \d+,\d+ active$' \
        'type echo typed on two\n' 'check conwin read 2 :: ^typed on two$' \
        'type cat\n' 'type ping\n' 'check conwin read 2 :: ^ping\nping$' \
        'key ctrl-c' 'type echo status $?\n' 'check conwin read 2 :: ^status 130$' \
        'key alt-f1' 'check conwin info 1 :: ^console 1: .* active$' \
        'send conwin window 1 40 2 20 5 Demo\r' 'capture window ^(\d+)$' 'expect ^\$ ' \
        'send conwin write ${window} "first line\\nsecond"\r' 'expect ^\$ ' \
        'check conwin read 1 :: ^.{40}\+-Demo-{13}\+\n.{40}\|first line {8}\|\n.{40}\|second {12}\|$' \
        'send conwin close ${window}\r' 'expect ^\$ ' 'send conwin close ${window}\r' \
        'expect ^conwin: close: No such file or directory$'
    assert_success
}

@test "restart: csrss killed, init starts it again, new consoles, a getty on console 1 again" {
    session 'expect ^Freeport console 1' 'expect ^\$ ' \
        'send ps\r' 'capture pid ^\s*(\d+)\s+1\s.*csrss$' \
        'send kill -9 ${pid}\r' \
        'expect ^Freeport console 1 \(/dev/pts/\d+\)$' 'expect ^\$ ' \
        'send echo alive again\r' 'expect ^alive again$' \
        'check conwin read 1 :: ^\$ echo alive again\nalive again$'
    assert_success
}

@test "GDB: a key from the keyboard interrupt through csrss's read and its pty write into the line discipline (docs/csrss.md)" {
    port=$(free_port)
    local ready=$BATS_TEST_TMPDIR/breakpoints-set done=$BATS_TEST_TMPDIR/gdb-done
    printf '%s\n' 'expect ^\$ ' "wait-for $ready" 'type l' "wait-for $done" > "$BATS_TEST_TMPDIR/session"
    "$TOOLS/console-session" --gdb "$port" --timeout 60 "$BATS_TEST_TMPDIR/session" \
        > "$BATS_TEST_TMPDIR/session.out" 2>&1 3>&- &
    session_pid=$!
    "$TOOLS/wait-port" "$port" 20 "$session_pid" || fail "QEMU did not start: $(cat "$BATS_TEST_TMPDIR/session.out")"
    cat > "$BATS_TEST_TMPDIR/session.gdb" <<EOF_GDB
set architecture i386:x86-64
file build/freeport.elf
add-symbol-file build/userland/bin/csrss
set confirm off
set pagination off
target remote localhost:$port
hbreak keyboard_interrupt
shell touch $ready
continue
delete
break input_queue_push
continue
delete
break input_keyboard if \$_streq(current->process->name, "csrss")
continue
bt 3
delete
break master_write
continue
delete
break line_discipline_receive
continue
bt 3
shell touch $done
detach
EOF_GDB
    run_gdb_session
    wait "$session_pid" || fail "console-session: $(cat "$BATS_TEST_TMPDIR/session.out")"
    session_pid=""
    assert_success
    assert_line --regexp '^Breakpoint 1, keyboard_interrupt \(\) at src/arch/x86_64/ps2_keyboard\.c:[0-9]+$'
    assert_line --regexp '^Breakpoint 2, input_queue_push \(queue=0x[0-9a-f]+ <keyboard_queue>, byte=38 '
    assert_line --regexp '^Breakpoint 3, input_keyboard \(.*\) at userland/bin/csrss/input\.c:[0-9]+$'
    assert_line --regexp '^#1 .* in serve \('
    assert_line --regexp '^Breakpoint 4, master_write \(file=0x[0-9a-f]+, user_buffer=0x[0-9a-f]+, length=1, '
    assert_line --regexp "^Breakpoint 5, line_discipline_receive \(.*byte=108 'l'"
    assert_line --regexp '^#1 .* in terminal_receive \('
}
