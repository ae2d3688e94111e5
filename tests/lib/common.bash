# common.bash - what every Freeport bats suite shares; each starts with
# `load lib/common`.
#
# Loads bats-support and bats-assert from Debian's /usr/lib/bats and gives
# the suites one way to boot the kernel, to run a test program in it, to
# debug it with GDB, and to judge what it printed:
#
#   boot [tools/boot-guest options]   boot under bats' `run`: $status is the
#                                     guest's verdict, $output its serial log
#                                     (and boot-guest's diagnostics)
#   build_test_programs NAME...       (in setup_file) compile each
#                                     userland/tests/NAME.c (NAME may be a
#                                     pattern: 'ipc_*') with freeport-cc into
#                                     $TEST_BIN; needs `make` first
#   guest_test NAME [guest-run options] [-- ARG...]
#                                     run $TEST_BIN/NAME as /bin/NAME ARG... in
#                                     a fresh guest (tools/guest-run) under
#                                     `run`; options given override the default
#                                     --timeout
#   guest [guest-run options] -- CMD...
#                                     run CMD in a fresh guest that has every
#                                     program of $TEST_BIN as /bin/NAME, under
#                                     `run`
#   guest_shell COMMANDS...           the same for one /bin/sh -c script: the
#                                     COMMANDS joined with "; "
#   assert_all_passed                 such a program's verdict: an "ok - "
#                                     line, no "FAIL - " line, "PASSED: 0
#                                     check(s) failed", exit 0
#   assert_line_count N LINE          exactly N lines of $output are LINE
#   start_guest [boot-guest options]  QEMU halted in the background
#                                     ($guest_pid), its GDB stub on $port (from
#                                     free_port), its serial log in
#                                     $BATS_TEST_TMPDIR/serial.log
#   run_gdb_session                   GDB runs $BATS_TEST_TMPDIR/session.gdb in
#                                     batch mode from the repository root,
#                                     under `run`
#   wait_guest                        the started guest's verdict and serial
#                                     log in $status, $output and $lines
#   stop_guest                        end the started guest if it still runs
#   assert_banner                     the kernel's first line was printed
#   assert_verdict N                  status N and the "FREEPORT-EXIT: N" line
#   assert_kernel_verdict             a verdict the kernel gave itself (not a
#                                     timeout or a death without a verdict)
#   assert_failure_verdict            ... and a non-zero one
#   assert_selftests_passed           the guest's TAP: a plan 1..N with N >= 1,
#                                     N "ok" lines, no "not ok"
#   assert_backtrace_through F...     the backtrace lists F... in this order
#   free_port                         a TCP port for this test
#   port_listening PORT               something listens on PORT
#
# Timeouts: FREEPORT_BOOT_TIMEOUT (default 60 s) bounds every boot, guest_test
# and guest, so a hung guest fails its test instead of hanging the suite; a
# started guest has 60 s, and so has a GDB session.

load /usr/lib/bats/bats-support/load.bash
load /usr/lib/bats/bats-assert/load.bash

REPO_ROOT=$(cd "$BATS_TEST_DIRNAME/.." && pwd)
TOOLS=$REPO_ROOT/tools

boot() {
    run "$TOOLS/boot-guest" --timeout "${FREEPORT_BOOT_TIMEOUT:-60}" "$@"
}

assert_banner() {
    assert_line --regexp '^Freeport [^ ]+ \(x86_64\), a teaching operating system$'
}

assert_verdict() {
    assert_equal "$status" "$1"
    assert_line "FREEPORT-EXIT: $1"
}

# The status is the kernel's own "FREEPORT-EXIT: N", not boot-guest's 124
# (timeout) or 125 (the emulator ended without a verdict).
assert_kernel_verdict() {
    if [ "$status" -eq 124 ] || [ "$status" -eq 125 ]; then
        fail "boot-guest status $status: the guest hung or died instead of giving a verdict"
    fi
    assert_line "FREEPORT-EXIT: $status"
}

# The kernel chose to fail (a panic, a fatal exception under `harness`).
assert_failure_verdict() {
    assert_failure
    assert_kernel_verdict
}

assert_selftests_passed() {
    local plan count
    plan=$(sed -nE 's/^1\.\.([0-9]+)$/\1/p' <<< "$output" | tail -n 1)
    [ -n "$plan" ] || fail "the guest printed no TAP plan (1..N)"
    [ "$plan" -ge 1 ] || fail "the guest's TAP plan is 1..$plan: no self-tests ran"
    refute_line --regexp '^not ok'
    count=$(grep -cE '^ok [0-9]+ ' <<< "$output" || true)
    assert_equal "$count" "$plan"
}

# assert_backtrace_through FUNCTION...: after the "backtrace:" line, frames
# naming each FUNCTION (as FUNCTION+0xOFFSET), innermost first.
assert_backtrace_through() {
    local pattern='backtrace:' function
    for function in "$@"; do
        pattern+=".*"$'\n'"  0x[0-9a-f]+ $function\\+0x[0-9a-f]+"
    done
    assert_output --regexp "$pattern"
}

port_listening() {
    "$TOOLS/wait-port" "$1" 0 2>/dev/null
}

# A port from this user's id and this test's process id, not in use now, and
# outside the 25000-29999 range `make debug` takes for each user.
free_port() {
    local port=$(( 30000 + ($(id -u) * 7919 + $$ * 31 + ${BATS_TEST_NUMBER:-0}) % 30000 ))
    while port_listening "$port"; do
        port=$(( 30000 + (port - 30000 + 1) % 30000 ))
    done
    echo "$port"
}

# --- Test programs (userland/tests/*.c): one "ok - ..." or "FAIL - ..."
# line per check, then "PASSED: N check(s) failed", exit status N ---

build_test_programs() {
    export TEST_BIN=$BATS_FILE_TMPDIR/bin
    mkdir -p "$TEST_BIN"
    local pattern source
    for pattern in "$@"; do
        for source in "$REPO_ROOT"/userland/tests/$pattern.c; do
            "$REPO_ROOT/build/bin/freeport-cc" -std=gnu11 -O2 -g -Wall -Wextra -Werror \
                -o "$TEST_BIN/$(basename "$source" .c)" "$source"
        done
    done
}

guest_test() {
    local name=$1 options=()
    shift
    while [ $# -gt 0 ] && [ "$1" != -- ]; do
        options+=("$1")
        shift
    done
    [ $# -eq 0 ] || shift
    run "$TOOLS/guest-run" --timeout "${FREEPORT_BOOT_TIMEOUT:-60}" "${options[@]}" \
        --add "$TEST_BIN/$name:bin/$name" -- "/bin/$name" "$@"
}

guest() {
    local program added=()
    for program in "$TEST_BIN"/*; do
        added+=(--add "$program:bin/$(basename "$program")")
    done
    run "$TOOLS/guest-run" --timeout "${FREEPORT_BOOT_TIMEOUT:-60}" "${added[@]}" "$@"
}

guest_shell() {
    local script
    printf -v script '%s; ' "$@"
    guest -- /bin/sh -c "${script%; }"
}

assert_all_passed() {
    assert_line --regexp '^ok - ' # at least one check ran
    refute_line --partial "FAIL - "
    assert_line --regexp '^PASSED: 0 check\(s\) failed$'
    assert_success
}

assert_line_count() {
    local count
    count=$(grep -cxF -- "$2" <<< "$output" || true)
    [ "$count" -eq "$1" ] || fail "expected $1 line(s) \"$2\" in the output, found $count"
}

# --- A guest under GDB. fd 3 is closed for QEMU so bats does not wait for
# it; a suite whose tests may fail while it runs calls stop_guest in its
# teardown ---

start_guest() {
    "$TOOLS/boot-guest" --gdb "$port" --timeout 60 "$@" \
        > "$BATS_TEST_TMPDIR/serial.log" 2>&1 3>&- &
    guest_pid=$!
    "$TOOLS/wait-port" "$port" 10 "$guest_pid" ||
        fail "QEMU did not start: $(cat "$BATS_TEST_TMPDIR/serial.log")"
}

# start_guest_running CMD [ARG...]: start_guest, with the harness option,
# on an initrd whose init runs CMD as a test run (etc/guest-run).
start_guest_running() {
    printf '%s\n' "$@" > "$BATS_TEST_TMPDIR/guest-run"
    "$TOOLS/mkinitrd" "$BATS_TEST_TMPDIR/initrd.cpio" "$REPO_ROOT/build/root" \
        "$BATS_TEST_TMPDIR/guest-run:etc/guest-run"
    start_guest --cmdline harness --initrd "$BATS_TEST_TMPDIR/initrd.cpio"
}

# write_gdb_session < COMMANDS: session.gdb attaches to the guest with the
# kernel's symbols, stops at kmain, then runs COMMANDS.
write_gdb_session() {
    {
        printf '%s\n' 'set architecture i386:x86-64' 'file build/freeport.elf' \
            "target remote localhost:$port" 'hbreak kmain' 'continue'
        cat
    } > "$BATS_TEST_TMPDIR/session.gdb"
}

run_gdb_session() {
    cd "$REPO_ROOT"
    run timeout 60 gdb -batch -nx -x "$BATS_TEST_TMPDIR/session.gdb"
}

wait_guest() {
    status=0
    wait "$guest_pid" || status=$?
    guest_pid=""
    output=$(cat "$BATS_TEST_TMPDIR/serial.log")
    mapfile -t lines < "$BATS_TEST_TMPDIR/serial.log"
}

stop_guest() {
    if [ -n "${guest_pid:-}" ]; then
        kill -TERM "$guest_pid" 2>/dev/null || true
        wait "$guest_pid" 2>/dev/null || true
        guest_pid=""
    fi
}
