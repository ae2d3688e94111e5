#!/usr/bin/env bats
# sdk.bats - the user-program SDK and the initrd, checked from the host:
# freeport-cc builds unmodified POSIX programs into static executables laid
# out as the kernel expects, and tools/mkinitrd writes the cpio format the
# kernel unpacks. Needs `make sysroot initrd` (part of `make all`).

load lib/common

setup() {
    FREEPORT_CC=$REPO_ROOT/build/bin/freeport-cc
    [ -x "$FREEPORT_CC" ] || fail "build/bin/freeport-cc is missing: run make sysroot"
    cd "$BATS_TEST_TMPDIR"
}

# A program using a broad piece of newlib and every libfreeport family.
write_posix_program() {
    cat > program.c <<'EOF'
#include <dirent.h>
#include <err.h>
#include <fcntl.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

static void on_signal(int signal_number) { (void)signal_number; }

int main(int argc, char **argv)
{
    char *copy = strdup(argv[0]), *line = NULL;
    size_t size = 0;
    signal(SIGINT, on_signal);
    pid_t child = fork();
    if (child == 0)
        execvp("echo", argv);
    int status, fd = open("/tmp/file", O_CREAT | O_RDWR, 0644);
    waitpid(child, &status, 0);
    write(fd, copy, strlen(copy));
    lseek(fd, 0, SEEK_SET);
    read(fd, copy, 1);
    struct stat file_status;
    fstat(fd, &file_status);
    DIR *dir = opendir("/");
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    struct utsname name;
    uname(&name);
    struct termios settings;
    tcgetattr(0, &settings);
    getline(&line, &size, stdin);
    void *page = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    printf("%zu %jd %f %p %p\n", size, (intmax_t)now.tv_sec, sqrt(argc), (void *)dir, page);
    if (argc > 5)
        err(1, "%s", name.sysname);
    return WEXITSTATUS(status);
}
EOF
}

@test "freeport-cc links an unmodified POSIX program, with no undefined symbols" {
    write_posix_program
    run "$FREEPORT_CC" -O2 -Wall -Wextra -Werror -o program program.c
    assert_success
    run readelf -hW program
    assert_line --regexp '^ +Type: +EXEC'
    assert_line --regexp '^ +Machine: +Advanced Micro Devices X86-64'
    run readelf -lW program
    refute_line --partial 'INTERP'
    refute_line --partial 'DYNAMIC'
    run nm -u program
    assert_output ''
}

@test "the executable has an R-X text segment at 0x400000 holding the entry, an RW data segment, no executable stack" {
    printf 'int value = 1;\nint main(void) { return value; }\n' > tiny.c
    "$FREEPORT_CC" -o tiny tiny.c
    local entry
    entry=$(readelf -hW tiny | awk '/Entry point address/ { print $4 }')
    run readelf -lW tiny
    assert_line --regexp '^ +LOAD +0x[0-9a-f]+ 0x0+400000 0x0+400000 0x[0-9a-f]+ 0x[0-9a-f]+ R E 0x1000$'
    assert_line --regexp '^ +LOAD +0x[0-9a-f]+ 0x0+4[0-9a-f]+000 0x[0-9a-f]+ 0x[0-9a-f]+ 0x[0-9a-f]+ RW +0x1000$'
    assert_line --regexp '^ +GNU_STACK .* RW +0x'
    assert_equal "$(grep -c ' LOAD ' <<< "$output")" 2
    local text_size
    text_size=$(awk '$1 == "LOAD" && $7 == "R" { print $6 }' <<< "$output")
    (( entry >= 0x400000 && entry < 0x400000 + text_size )) || fail "entry $entry is not in the text segment"
}

@test "freeport-cc -c, -S and -E only compile; __freeport__ is defined and __linux__ is not" {
    printf '#ifdef __linux__\n#error linux\n#endif\n#ifndef __freeport__\n#error not freeport\n#endif\nint f(void) { return 42; }\n' > unit.c
    run "$FREEPORT_CC" -c unit.c -o unit.o
    assert_success
    run readelf -hW unit.o
    assert_line --regexp '^ +Type: +REL'
    run "$FREEPORT_CC" -S unit.c -o unit.s
    assert_success
    grep -q '^f:' unit.s
    run "$FREEPORT_CC" -E unit.c
    assert_success
    assert_line 'int f(void) { return 42; }'
}

# cpio_entries FILE: "mode name size" per entry, parsing the newc headers.
cpio_entries() {
    python3 - "$1" <<'EOF'
import sys
data = open(sys.argv[1], "rb").read()
offset = 0
while True:
    header = data[offset:offset + 110]
    assert header[:6] == b"070701", "bad magic at %d" % offset
    fields = [int(header[6 + 8 * i:14 + 8 * i], 16) for i in range(13)]
    mode, size, name_size = fields[1], fields[6], fields[11]
    name = data[offset + 110:offset + 110 + name_size - 1].decode()
    print("%o %s %d" % (mode, name, size))
    offset = (offset + 110 + name_size + 3) & ~3
    offset = (offset + size + 3) & ~3
    if name == "TRAILER!!!":
        assert offset == len(data), "data after the trailer"
        break
EOF
}

@test "mkinitrd packs a tree and extra files as cpio newc: relative names, parents first, normalised modes" {
    mkdir -p tree/bin tree/empty
    printf 'program' > tree/bin/tool
    chmod 700 tree/bin/tool
    printf 'text' > tree/note
    chmod 600 tree/note
    printf 'a\nb\n' > guest-run
    run "$TOOLS/mkinitrd" out.cpio tree guest-run:etc/guest-run
    assert_success
    run cpio_entries out.cpio
    assert_success
    assert_output "40755 bin 0
100755 bin/tool 7
40755 empty 0
40755 etc 0
100644 etc/guest-run 4
100644 note 4
0 TRAILER!!! 0"
    run "$TOOLS/mkinitrd" again.cpio tree guest-run:etc/guest-run
    cmp out.cpio again.cpio
}

@test "mkinitrd refuses a missing tree and a malformed extra file" {
    run "$TOOLS/mkinitrd" out.cpio missing
    assert_failure
    assert_output 'mkinitrd: missing is not a directory'
    mkdir tree
    run "$TOOLS/mkinitrd" out.cpio tree no-colon
    assert_failure
    assert_output "mkinitrd: extra file 'no-colon' is not HOST:GUEST"
}

@test "build/initrd.cpio holds init, the shell, the tools, /etc/rc and the empty directories" {
    run cpio_entries "$REPO_ROOT/build/initrd.cpio"
    assert_success
    local path
    for path in bin/init bin/sh bin/ls bin/cat bin/ps; do
        assert_line --regexp "^100755 $path [1-9][0-9]*$"
    done
    assert_line --regexp '^100644 etc/rc [1-9][0-9]*$'
    for path in dev tmp var var/run home; do
        assert_line "40755 $path 0"
    done
}
