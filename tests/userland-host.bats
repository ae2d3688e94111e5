#!/usr/bin/env bats
# userland-host.bats - Freeport's shell and tools, built with the host gcc
# and run on the host: they are portable POSIX C, so their parsing,
# expansion, redirection and file handling can be tested here, without the
# kernel. (On Freeport they run the same code over newlib and libfreeport.)
#
# setup_file compiles the portable part of userland/lib and the portable
# programs of userland/bin (the shell, from its directory sh/, and the
# POSIX tools) into one directory, put first in PATH, so "echo" or "cat" in
# a test is Freeport's. The services and IPC tools (init, logd, csrss, svc,
# ipcstat...) speak Freeport's own interfaces: their pure parts are host-
# tested as unit tests (tests/unit/), the rest in guests.

load lib/common
bats_require_minimum_version 1.5.0

setup_file() {
    export BIN=$BATS_FILE_TMPDIR/bin
    mkdir -p "$BIN" "$BATS_FILE_TMPDIR/lib"
    local flags="-std=gnu11 -O1 -Wall -Wextra -Werror -I$REPO_ROOT/userland/lib -I$REPO_ROOT/src/uapi"
    local name
    for name in io path process; do
        gcc $flags -c "$REPO_ROOT/userland/lib/$name.c" -o "$BATS_FILE_TMPDIR/lib/$name.o"
    done
    for name in cat cp echo env false head kill ls mkdir mkfifo mv ps rm rmdir sleep true uname wc; do
        gcc $flags -o "$BIN/$name" "$REPO_ROOT/userland/bin/$name.c" "$BATS_FILE_TMPDIR"/lib/*.o
    done
    gcc $flags -o "$BIN/sh" "$REPO_ROOT"/userland/bin/sh/*.c "$BATS_FILE_TMPDIR"/lib/*.o
}

setup() {
    export PATH=$BIN:$PATH
    cd "$BATS_TEST_TMPDIR"
}

# assert_child_status PID STATUS: this shell's background child PID ended
# with STATUS. (Not `run wait`: run's subshell is not the child's parent,
# so its wait could only guess.)
assert_child_status() {
    local status=0
    wait "$1" || status=$?
    assert_equal "$status" "$2"
}

fsh() {
    run "$BIN/sh" -c "$@"
}

@test "sh: quotes and backslashes make one word each" {
    fsh "printf '[%s]\n' 'a  b' \"c  d\" e\\ f 'it''s' \"x'y\" \"\\\"q\\\"\" a\\\\b"
    assert_success
    assert_output $'[a  b]\n[c  d]\n[e f]\n[its]\n[x\'y]\n["q"]\n[a\\b]'
}

@test "sh: \$NAME, \${NAME}, \$?, \$\$ and field splitting of unquoted expansions" {
    fsh 'A="1  2"; E=; printf "[%s]" $A "$A" ${A}x $E "$E" a$E; echo; false; echo "$? $$" '"'"'$A'"'"
    assert_success
    assert_line --index 0 '[1][2][1  2][1][2x][][a]'
    assert_line --index 1 --regexp '^1 [0-9]+ \$A$'
}

@test "sh: \$\$ is the shell's pid in its children too" {
    fsh 'echo $$; echo $$ | cat; echo $$ & wait'
    assert_equal "${#lines[@]}" 3
    assert_equal "${lines[1]}" "${lines[0]}"
    assert_equal "${lines[2]}" "${lines[0]}"
}

@test "sh: ; && || and the status of the last command" {
    fsh 'false && echo no; false || echo or; true && echo and; true || echo no; echo one; false'
    assert_failure 1
    assert_output $'or\nand\none'
}

@test "sh: redirections < > >> 2> 2>&1 N>&M and N>file" {
    fsh 'echo one > f; echo two >> f; cat < f; ls /nonexistent 2> e; wc -l < e
         echo both 2>&1 >/dev/null; ls /nonexistent > g 2>&1; wc -l < g; echo to3 3> h >&3; cat h'
    assert_success
    assert_output $'one\ntwo\n1\n1\nto3'
}

@test "sh: a builtin's redirection is undone afterwards" {
    fsh 'cd /nonexistent 2> err; echo still here; wc -l < err'
    assert_success
    assert_output $'still here\n1'
}

@test "sh: cd, export, unset, NAME=value before a command" {
    fsh 'mkdir d; cd d; echo $PWD; X=1; sh -c "echo [\$X]"; export X; sh -c "echo [\$X]"
         Y=2 sh -c "echo [\$Y]"; echo "[$Y]"; unset X; echo "[$X]"'
    assert_success
    assert_output "$BATS_TEST_TMPDIR/d"$'\n[]\n[1]\n[2]\n[]\n[]'
}

@test "sh: test and [ compare strings, numbers and files" {
    fsh 'touch f; mkdir d
         [ -f f ] && [ -d d ] && [ ! -d f ] && [ -e f ] && test -z "" && test -n x && echo files
         [ a = a ] && [ a != b ] && [ 2 -lt 10 ] && [ 10 -ge 10 ] && [ ! a = b ]; echo $?
         [ a = b ]; echo $?; [ 1 -eq 1; echo $?'
    assert_output --partial $'files\n'
    assert_line --index 2 '1'
    assert_line --index 3 'sh: [: missing ]'
    assert_line --index 4 '2'
}

@test "sh: background commands, \$! and wait" {
    fsh 'sleep 0.2 & pid=$!; echo started; wait $pid; echo "waited $?"; (exit) 2>/dev/null &
         wait; echo all'
    assert_success
    assert_output $'started\nwaited 0\nall'
}

@test "sh: a pipeline connects the commands (the host has pipe())" {
    fsh 'echo hello | wc -c; printf "a\nb\nc\n" | head -n 2 | wc -l'
    assert_success
    assert_output $'6\n2'
}

@test "sh: -c takes \$0 and arguments; a script file takes them too" {
    printf '# a comment\necho "$0 $# $1 $2" # and a comment with a quote: '"'"'\necho "multi\nline" \\\n  continued\nexit 3\necho unreachable\n' > script
    run "$BIN/sh" script 'a b' c
    assert_failure 3
    assert_output $'script 2 a b c\nmulti\nline continued'
    fsh 'echo $0 $1 $#' zero one
    assert_output 'zero one 1'
}

@test "sh: reading standard input, the shell leaves the lines after a command to it" {
    run "$BIN/sh" <<'EOF'
echo first
cat
echo this line is read by cat, not run by the shell
EOF
    assert_success
    assert_output $'first\necho this line is read by cat, not run by the shell'
}

@test "sh: a newline separates commands like ; and may follow && || |" {
    fsh $'echo a\necho b &&\n  echo c # a comment with a quote: \'\n\n# a whole-line comment\necho d |\n  cat'
    assert_success
    assert_output $'a\nb\nc\nd'
}

@test "sh: syntax errors exit 2 with a message; unknown commands exit 127" {
    fsh 'echo a ;; echo b'
    assert_failure 2
    assert_output "sh: syntax error near ';'"
    fsh $'echo "line 1 runs"\necho a ;; echo b\necho never'
    assert_failure 2
    assert_output $'line 1 runs\nsh: syntax error near \';\''
    fsh 'echo "open'
    assert_failure 2
    assert_output 'sh: syntax error: unterminated quote'
    fsh 'no-such-command; echo $?'
    assert_output $'sh: no-such-command: not found\n127'
}

@test "sh: a command killed by a signal gives 128 + the signal" {
    fsh 'sh -c "kill -KILL \$\$"; echo $?'
    assert_output $'Killed\n137'
}

@test "echo, true, false" {
    run "$BIN/echo" -n a b
    assert_output 'a b'
    run "$BIN/echo"
    assert_output ''
    run "$BIN/true"
    assert_success
    run "$BIN/false"
    assert_failure 1
}

@test "cat copies files and - (standard input) in order, and reports a missing file" {
    echo one > a
    echo three > c
    run "$BIN/sh" -c 'echo two | cat a - c missing'
    assert_failure 1
    assert_output $'one\ntwo\nthree\ncat: missing: No such file or directory'
}

@test "wc counts lines, words and bytes; -l -w -c choose; a total for several files" {
    printf 'one two\nthree\n' > a
    printf 'x\n' > b
    run "$BIN/wc" a
    assert_output '2 3 14 a'
    run "$BIN/wc" -l -c a b
    assert_output $'2 14 a\n1 2 b\n3 16 total'
    run "$BIN/sh" -c 'printf "a b c" | wc -w'
    assert_output '3'
}

@test "head prints the first lines, with a heading per file when there are several" {
    printf '1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n' > a
    run "$BIN/head" a
    assert_equal "${#lines[@]}" 10
    run "$BIN/head" -n 2 a a
    assert_output $'==> a <==\n1\n2\n\n==> a <==\n1\n2'
}

@test "ls lists sorted names, hides dot files without -a, -l shows type and mode" {
    mkdir dir
    touch b a .hidden
    chmod 640 a
    run "$BIN/ls"
    assert_output $'a\nb\ndir'
    run "$BIN/ls" -a
    assert_output $'.\n..\n.hidden\na\nb\ndir'
    touch dir/inside
    chmod 644 dir/inside
    run "$BIN/ls" -l a dir
    assert_output --regexp $'^-rw-r----- +1 +0 a\n\ndir:\n-rw-r--r-- +1 +0 inside$'
    run "$BIN/ls" missing
    assert_failure 1
}

@test "mkdir -p makes parents, rmdir removes empty directories" {
    run "$BIN/mkdir" x/y
    assert_failure
    run "$BIN/mkdir" -p x/y/z
    assert_success
    run "$BIN/mkdir" -p x/y/z
    assert_success
    [ -d x/y/z ]
    run "$BIN/rmdir" x/y
    assert_failure
    run "$BIN/rmdir" x/y/z x/y x
    assert_success
    [ ! -e x ]
}

@test "mkfifo makes FIFOs, 0666 less the umask or -m's mode, and refuses existing names" {
    umask 022
    run "$BIN/mkfifo" p1 p2
    assert_success
    [ -p p1 ] && [ -p p2 ]
    assert_equal "$(stat -c %a p1)" 644
    run "$BIN/mkfifo" -m 600 p3
    assert_success
    assert_equal "$(stat -c %a p3)" 600
    run "$BIN/mkfifo" p1
    assert_failure 1
    assert_output --partial 'mkfifo: p1: '
    run "$BIN/mkfifo" -m 9 p4
    assert_failure 2
    [ ! -e p4 ]
}

@test "rm removes files, -r directories with their contents, -f ignores missing ones" {
    mkdir -p d/e
    touch d/e/f d/g h
    run "$BIN/rm" d
    assert_failure
    assert_output 'rm: d: is a directory'
    run "$BIN/rm" -r d h
    assert_success
    [ ! -e d ] && [ ! -e h ]
    run "$BIN/rm" missing
    assert_failure
    run "$BIN/rm" -f missing
    assert_success
    assert_output ''
}

@test "cp and mv: to a name, or into a directory" {
    echo data > a
    chmod 755 a
    mkdir d
    run "$BIN/cp" a b
    assert_success
    run "$BIN/cp" a b d
    assert_success
    [ "$(cat d/a)" = data ] && [ "$(cat d/b)" = data ] && [ -x d/a ]
    run "$BIN/mv" b c
    assert_success
    [ ! -e b ] && [ "$(cat c)" = data ]
    run "$BIN/mv" c a d/x
    assert_failure
    assert_output 'mv: d/x: not a directory'
    run "$BIN/cp" d e
    assert_failure
    assert_output 'cp: d: is a directory'
}

@test "kill sends a named or numbered signal; -l lists the names" {
    run "$BIN/kill" -l
    assert_line --regexp '^ *9 KILL$'
    sleep 10 &
    local pid=$!
    run "$BIN/kill" -s TERM "$pid"
    assert_success
    assert_child_status "$pid" 143
    sleep 10 &
    pid=$!
    run "$BIN/kill" -9 "$pid"
    assert_success
    assert_child_status "$pid" 137
    run "$BIN/kill" -NOSUCH 1
    assert_failure 2
}

@test "sleep accepts fractions, env changes the environment, uname -s" {
    run "$BIN/sleep" 0.1
    assert_success
    run "$BIN/sleep" x
    assert_failure 2
    run "$BIN/env" -i A=1 B=2 "$BIN/env"
    assert_output $'A=1\nB=2'
    run -127 "$BIN/env" -i no-such-command
    run "$BIN/uname" -s
    assert_output "$(command uname -s)"
}

@test "ps needs Freeport's process table and says so elsewhere" {
    run "$BIN/ps"
    assert_failure 1
    assert_line 'ps: process table: Function not implemented'
}
