#!/usr/bin/env bats
# robustness.bats - the kernel under attack from user space, in fresh
# guests: the system-call fuzzer (a fixed seed, then a fresh one that is
# printed), the fuzzer with kernel allocations failing on purpose, the IPC
# stress test with senders killed and allocations failing, and who is
# killed when a program fills memory. Each must
# end with no panic or hang, the kernel's counters back at their baseline
# and SYS_kcheck finding nothing. A failing test's output starts with the
# seed and the command that replays it; tools/fuzz-minimize shrinks a run
# that crashes the kernel. docs/robustness.md has the design.
#
# Sizes: with --icount (idle waits take no time) a 500 000-call campaign
# takes about 12 s; the whole file about 45 s. `make soak SECONDS=...` runs
# bigger rounds, for longer.

load lib/common

setup_file() {
    local program
    for program in fuzz stress oom; do
        [ -x "$REPO_ROOT/build/robustness/$program" ] || {
            echo "build/robustness/$program is missing: run make robustness (make check does)" >&2
            return 1
        }
    done
}

# in_guest PROGRAM ARG...: run build/robustness/PROGRAM in a fresh guest
# whose clock counts instructions (--icount): the seed alone decides the
# run, so a failure here replays exactly with the command it prints.
in_guest() {
    local program=$1
    shift
    run "$TOOLS/guest-run" --icount --timeout 300 --add "$REPO_ROOT/build/robustness/$program:bin/$program" \
        -- "/bin/$program" "$@"
}

# The fuzzer's verdict: it ran to the end, nothing leaked, the kernel
# reported no broken invariant (kcheck prints "kcheck: AREA: ..." lines).
assert_fuzz_passed() {
    assert_success
    assert_line "fuzz: counters back to baseline"
    assert_line --regexp '^fuzz: PASSED: seed 0x[0-9a-f]+, [0-9]+ calls, 0 leak\(s\), 0 integrity problem\(s\)$'
    refute_line --partial "kcheck: "
}

@test "fuzzer, fixed seed: 500000 system calls in 4 workers, no panic, counters back to baseline" {
    in_guest fuzz --seed 0x5eed --calls 500000 --workers 4
    assert_fuzz_passed
}

@test "fuzzer, fresh seed: 500000 system calls in 4 workers, no panic, counters back to baseline" {
    local seed
    seed=$(printf '0x%x' "$(od -An -N6 -tu8 /dev/urandom)")
    echo "# fuzz: fresh seed $seed" >&3
    in_guest fuzz --seed "$seed" --calls 500000 --workers 4
    assert_fuzz_passed
}

@test "fuzzer with 1 in 20 kernel allocations failing: no panic, counters back to baseline" {
    in_guest fuzz --seed 0xfa11 --calls 200000 --workers 4 --fault-inject 20
    assert_fuzz_passed
    assert_line --regexp '^fuzz: allocation failures injected so far: [1-9][0-9]*$'
}

@test "the same seed replays the same calls, results and interleaving (4 workers, --trace)" {
    in_guest fuzz --seed 0x5a5a --calls 4000 --workers 4 --trace
    assert_fuzz_passed
    local first
    first=$(grep -E '^fuzz: w[0-9]+\.[0-9]+ #[0-9]+ ' <<< "$output")
    [ "$(wc -l <<< "$first")" -ge 8000 ]
    in_guest fuzz --seed 0x5a5a --calls 4000 --workers 4 --trace
    assert_equal "$(grep -E '^fuzz: w[0-9]+\.[0-9]+ #[0-9]+ ' <<< "$output")" "$first"
}

@test "IPC stress: ports, channels and pipes, senders killed: nothing lost, repeated or torn" {
    in_guest stress --seed 0x57e55 --messages 20000 --senders 8 --kills 16
    assert_success
    refute_line --partial "FAIL - "
    assert_line 'PASSED: 0 check(s) failed'
}

@test "IPC stress with 1 in 10 kernel allocations failing: nothing lost, repeated or torn" {
    in_guest stress --seed 0xfa1157 --messages 20000 --senders 8 --kills 16 --fault-inject 10
    assert_success
    refute_line --partial "FAIL - "
    assert_line --regexp '^# senders: .*; [1-9][0-9]* allocations failed on purpose$'
    assert_line 'PASSED: 0 check(s) failed'
}

@test "out of memory: the program that filled memory is killed, not the next one to need a page" {
    in_guest oom
    assert_success
    refute_line --partial "FAIL - "
    assert_line --regexp '^pid [0-9]+ \(oom\): out of memory at 0x[0-9a-f]+ \(rip 0x[0-9a-f]+\): pid [0-9]+ \(oom\), with [0-9]+ pages, killed$'
    assert_line 'PASSED: 0 check(s) failed'
}
