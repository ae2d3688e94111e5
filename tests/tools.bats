#!/usr/bin/env bats
# tools.bats - the test machinery itself: tools/run-tests counts what it
# should, every host unit test is declared where make check finds it, and
# tools/boot-guest turns a guest that never answers into a clear failure.
# Fake suites are small scripts printing fixed TAP.

load lib/common

# fake_suite NAME STATUS [TAP LINE...]: an executable that prints the lines
# and exits with STATUS, run by run-tests like a unit-test binary.
fake_suite() {
    local file=$BATS_TEST_TMPDIR/$1 status=$2
    shift 2
    printf '#!/bin/sh\n' > "$file"
    printf "echo '%s'\n" "$@" >> "$file"
    printf 'exit %s\n' "$status" >> "$file"
    chmod +x "$file"
    echo "$file"
}

@test "run-tests counts ok, skipped and not ok lines across suites, totals last" {
    run "$TOOLS/run-tests" \
        "$(fake_suite mixed 1 '1..3' 'ok 1 - first' 'ok 2 # skip not here' 'not ok 3 - third')" \
        "$(fake_suite clean 0 '1..1' 'ok 1 - fourth')"
    assert_failure
    assert_line --partial 'mixed (1 failed)'
    assert_equal "${lines[-1]}" "3 passed, 1 failed"
}

@test "run-tests exits 0 when every test passed" {
    run "$TOOLS/run-tests" "$(fake_suite clean 0 '1..2' 'ok 1 - a' 'ok 2 - b')"
    assert_success
    assert_equal "${lines[-1]}" "2 passed, 0 failed"
}

@test "run-tests fails a suite that crashes, has no plan, stops early or is missing" {
    run "$TOOLS/run-tests" \
        "$(fake_suite crashed 134 '1..1' 'ok 1 - then abort')" \
        "$(fake_suite planless 0 'ok 1 - no plan')" \
        "$(fake_suite short 0 '1..3' 'ok 1 - only one')" \
        "$BATS_TEST_TMPDIR/never-built"
    assert_failure
    assert_line --partial 'crashed: exited with status 134 although no test failed'
    assert_line --partial 'planless: printed no TAP plan'
    assert_line --partial 'short: ran 1 of 3 planned tests'
    assert_line --partial 'never-built: not built'
    assert_equal "${lines[-1]}" "3 passed, 4 failed"
}

@test "run-tests counts a failed build as a failure" {
    run "$TOOLS/run-tests" --build-status 2 "$(fake_suite clean 0 '1..1' 'ok 1 - a')"
    assert_failure
    assert_line --partial 'build: make failed with status 2'
    assert_equal "${lines[-1]}" "1 passed, 1 failed"
}

@test "every tests/unit/test_NAME.c is declared in a tests/unit/*.mk, so make unit and make check run it" {
    local source name
    for source in "$REPO_ROOT"/tests/unit/test_*.c; do
        name=$(basename "$source" .c)
        name=${name#test_}
        grep -qx "UNIT_TESTS += $name" "$REPO_ROOT"/tests/unit/*.mk || fail "$source is in no tests/unit/*.mk"
    done
}

@test "boot-guest gives 124 and the log's tail when the guest never answers" {
    # A guest halted for a debugger that never comes.
    boot --gdb "$(free_port)" --timeout 1
    assert_equal "$status" 124
    assert_line --partial "no FREEPORT-EXIT line after 1 s"
    assert_line --partial "(nothing: the guest never wrote to COM1)"
}

@test "boot-guest --log keeps the serial log in a file" {
    boot --cmdline selftest --log "$BATS_TEST_TMPDIR/serial.log"
    assert_kernel_verdict
    local verdict=$status
    run cat "$BATS_TEST_TMPDIR/serial.log"
    assert_banner
    assert_line "FREEPORT-EXIT: $verdict"
}

@test "boot-guest refuses an unknown option" {
    run "$TOOLS/boot-guest" --bogus
    assert_equal "$status" 2
    assert_line "boot-guest: unknown option '--bogus'"
}
