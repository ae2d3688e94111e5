# common.bash - what every Freeport bats suite shares; each starts with
# `load lib/common`.
#
# Loads bats-support and bats-assert from Debian's /usr/lib/bats and gives
# the suites one way to boot the kernel and to judge what it printed:
#
#   boot [tools/boot-guest options]   boot under bats' `run`: $status is the
#                                     guest's verdict, $output its serial log
#                                     (and boot-guest's diagnostics)
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
# Timeouts: FREEPORT_BOOT_TIMEOUT (default 60 s) bounds every boot, so a
# hung guest fails its test instead of hanging the suite.

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
