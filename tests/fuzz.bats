#!/usr/bin/env bats
# fuzz.bats - the libFuzzer targets of tests/fuzz/: every pure parser the
# kernel feeds with user or boot data, run on the host under ASan and UBSan
# for FUZZ_SECONDS (default 5) each, with a fixed seed, starting from the
# committed seed corpus (which holds the inputs of every bug found so far).
# `make fuzz FUZZ_SECONDS=...` runs them longer with fresh seeds.
# tools/run-fuzzer does the work and says how to replay a failure.

load lib/common

fuzz_target() {
    run "$TOOLS/run-fuzzer" "$1" "${FUZZ_SECONDS:-5}" 1
    assert_success
    assert_output --partial "nothing found"
}

@test "libFuzzer: ELF headers and program headers (src/proc/elf_parse.c)" {
    fuzz_target elf
}

@test "libFuzzer: initrd cpio archives (src/fs/cpio.c)" {
    fuzz_target cpio
}

@test "libFuzzer: multiboot1 and multiboot2 information (src/bootinfo.c)" {
    fuzz_target bootinfo
}

@test "libFuzzer: the kernel command line (src/cmdline.c)" {
    fuzz_target cmdline
}

@test "libFuzzer: path names (src/fs/path_name.c)" {
    fuzz_target path_name
}

@test "libFuzzer: capability tokens and tables against a model (src/ipc/cap_table.c)" {
    fuzz_target cap_table
}

@test "libFuzzer: channel rings a peer corrupts (src/ipc/ring.c)" {
    fuzz_target ring
}

@test "every libFuzzer target in tests/fuzz/fuzz.mk has a test here" {
    local name
    for name in $(sed -n 's/^FUZZ_TARGETS += //p' "$REPO_ROOT/tests/fuzz/fuzz.mk"); do
        grep -q "fuzz_target $name\$" "$BATS_TEST_FILENAME" || fail "no test runs fuzz_$name"
    done
}
