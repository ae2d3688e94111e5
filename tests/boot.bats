#!/usr/bin/env bats
# boot.bats - Freeport boots from both loaders, reads its command line and
# its modules, and says what it was given.
#
# Run with `make bats` (or `bats tests/boot.bats` after `make`). The GRUB
# tests boot build/freeport.iso itself, or a temporary ISO from tools/make-iso
# when they need a command line or a module; the others use QEMU -kernel.
# Whether the self-tests pass is kernel.bats' business, not this file's:
# boots with `selftest` here only need the kernel to reach its own verdict.

load lib/common

# build/freeport.iso boots whatever the release boots (init, a shell):
# stop the guest once it has said which loader started it.
@test "the GRUB ISO boots in QEMU and GRUB hands over multiboot2 information" {
    boot --iso --until '^boot: .*, multiboot2, '
    assert_success
    assert_banner
    assert_line --regexp "^boot: GRUB [^,]+, multiboot2, command line '.*'$"
}

@test "QEMU -kernel boots freeport32.elf through multiboot1" {
    boot --until '^boot: .*, multiboot1, '
    assert_success
    assert_banner
    assert_line "boot: qemu, multiboot1, command line ''"
}

@test "unknown and malformed options are reported, and boot goes on to the self-tests" {
    boot --cmdline "bogus fault= fault=nonsense selftest=1 selftest"
    assert_kernel_verdict
    assert_line "boot: qemu, multiboot1, command line 'bogus fault= fault=nonsense selftest=1 selftest'"
    assert_line "cmdline: unknown option 'bogus' ignored"
    assert_line "cmdline: malformed option 'fault=' ignored"
    assert_line "cmdline: malformed option 'fault=nonsense' ignored"
    assert_line "cmdline: malformed option 'selftest=1' ignored"
    assert_line --regexp '^1\.\.[0-9]+$'
    refute_line --partial "fault: raising"
}

@test "a boot without an initrd says so" {
    boot --cmdline selftest
    assert_kernel_verdict
    assert_line "boot: no initrd module: continuing without a root file system"
    refute_line --partial "boot: module"
}

@test "an initrd given to QEMU -kernel is listed with its size" {
    head -c 1234 /dev/urandom > "$BATS_TEST_TMPDIR/initrd"
    boot --cmdline selftest --initrd "$BATS_TEST_TMPDIR/initrd"
    assert_kernel_verdict
    assert_line --regexp "^boot: module 'initrd' at 0x[0-9a-f]+, 1234 bytes$"
    refute_line --partial "no initrd module"
}

@test "an initrd given to GRUB as a module2 is listed with its size" {
    head -c 4321 /dev/urandom > "$BATS_TEST_TMPDIR/initrd"
    boot --iso --cmdline selftest --initrd "$BATS_TEST_TMPDIR/initrd"
    assert_kernel_verdict
    assert_line --regexp "^boot: module 'initrd' at 0x[0-9a-f]+, 4321 bytes$"
    assert_line --regexp "^boot: GRUB [^,]+, multiboot2, command line 'selftest'$"
}
