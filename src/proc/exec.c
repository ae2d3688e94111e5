/*
 * exec.c - execve: load a static ELF executable in place of the caller.
 *
 * Layer: processes, on the file layer, elf_parse.c and user_memory.c.
 * The new image is built completely in a fresh address space before the
 * old one is touched, so any failure leaves the caller as it was:
 *
 *   1. open the file, check it is a regular executable file;
 *   2. read and check the ELF header and program headers (elf.h);
 *   3. for each PT_LOAD: a region with its protection (W^X), the pages
 *      holding file bytes filled now, the rest (.bss) zero on first touch;
 *   4. the stack region below USER_STACK_TOP and, at its top, the System V
 *      initial stack (build_stack); the break just above the image;
 *   5. commit: switch to the new space, free the old, close close-on-exec
 *      files, reset caught signals, point the user frame at the entry,
 *      clear the x87/SSE registers.
 *
 * Initial stack, from the stack pointer up (all 8-byte words):
 *   argc | argv[0..argc-1] | NULL | envp[0..envc-1] | NULL |
 *   AT_PAGESZ 4096 | AT_ENTRY entry | AT_NULL 0 | (padding) | the strings
 * The stack pointer is 16-byte aligned, as the ABI requires at _start.
 */
#include "proc/exec.h"
#include "proc/elf.h"
#include "proc/exec_args.h"
#include "proc/process.h"
#include "proc/syscall.h"
#include "proc/thread.h"
#include "proc/user_memory.h"
#include "proc/usercopy.h"
#include "arch/context.h"
#include "errno.h"
#include "fs/fd_table.h"
#include "fs/vfs.h"
#include "lib/string.h"
#include "mm/frame.h"
#include "mm/heap.h"

#define AUX_PAIRS 3 /* AT_PAGESZ, AT_ENTRY, AT_NULL */

static int check_executable(struct file *file, uint64_t *size)
{
    struct freeport_stat status;

    file_stat(file, &status);
    if ((status.mode & FP_S_IFMT) != FP_S_IFREG || !(status.mode & 0111))
        return -EACCES;
    *size = (uint64_t)status.size;
    return 0;
}

static int read_exactly(struct file *file, void *buffer, size_t length, uint64_t offset)
{
    long read = file_read_at(file, buffer, length, offset);

    if (read < 0)
        return (int)read;
    return (size_t)read == length ? 0 : -ENOEXEC;
}

static int read_image(struct file *file, uint64_t size, struct elf_image *image)
{
    uint8_t header[ELF_HEADER_SIZE];
    int error = read_exactly(file, header, sizeof(header), 0);

    if (!error)
        error = elf_parse_header(header, size < sizeof(header) ? (size_t)size : sizeof(header), size, image);
    if (error)
        return error == -ENOEXEC || error == -EIO ? error : -ENOEXEC;
    size_t length = image->program_header_count * ELF_PROGRAM_HEADER_SIZE;
    uint8_t *headers = kmalloc(length);
    if (!headers)
        return -ENOMEM;
    error = read_exactly(file, headers, length, image->program_headers_offset);
    if (!error)
        error = elf_parse_segments(headers, length, size, USER_MIN_ADDRESS, USER_MMAP_BASE, image);
    kfree(headers);
    return error;
}

/* One page of a segment: the file bytes that fall in it, zeros elsewhere. */
static int load_page(struct user_memory *memory, struct file *file, const struct elf_segment *segment,
                     uintptr_t page)
{
    uint64_t frame = frame_alloc();
    uint64_t file_end = segment->address + segment->file_size;
    uint64_t from = page > segment->address ? page : segment->address;
    uint64_t to = page + PAGE_SIZE < file_end ? page + PAGE_SIZE : file_end;
    int error = 0;

    if (!frame)
        return -ENOMEM;
    memset(PHYS_TO_VIRT(frame), 0, PAGE_SIZE);
    if (from < to)
        error = read_exactly(file, (uint8_t *)PHYS_TO_VIRT(frame) + (from - page), to - from,
                             segment->file_offset + (from - segment->address));
    if (!error)
        error = user_memory_populate(memory, page, frame);
    if (error)
        frame_free(frame);
    return error;
}

/* The segment's region; its pages that hold file bytes are filled now,
 * the rest (.bss) will be zero pages made on first touch. */
static int load_segment(struct user_memory *memory, struct file *file, const struct elf_segment *segment)
{
    uintptr_t start = PAGE_ROUND_DOWN(segment->address);
    uintptr_t end = PAGE_ROUND_UP(segment->address + segment->memory_size);
    uintptr_t file_end = PAGE_ROUND_UP(segment->address + segment->file_size);
    unsigned protection =
        FP_PROT_READ | (segment->writable ? FP_PROT_WRITE : 0) | (segment->executable ? FP_PROT_EXEC : 0);
    int error = user_memory_map(memory, start, end - start, protection);

    for (uintptr_t page = start; !error && page < file_end; page += PAGE_SIZE)
        error = load_page(memory, file, segment, page);
    if (end > memory->break_start)
        memory->break_start = memory->break_end = end;
    return error;
}

/* Store the user addresses of `count` packed strings from *string on, then
 * a NULL; move *string past them. */
static size_t store_pointers(uint64_t *words, const char **string, unsigned count, const char *strings_base,
                             uintptr_t strings_at)
{
    size_t word = 0;

    for (unsigned i = 0; i < count; i++) {
        words[word++] = strings_at + (uintptr_t)(*string - strings_base);
        *string += strlen(*string) + 1;
    }
    words[word++] = 0;
    return word;
}

/* The words below the strings: argc, argv[], envp[], auxv. */
static void fill_vectors(uint64_t *words, const struct exec_args *args, uintptr_t strings_at, uint64_t entry)
{
    const char *string = args->strings;
    size_t word = 0;

    words[word++] = args->argc;
    word += store_pointers(words + word, &string, args->argc, args->strings, strings_at);
    word += store_pointers(words + word, &string, args->envc, args->strings, strings_at);
    words[word++] = FP_AT_PAGESZ;
    words[word++] = PAGE_SIZE;
    words[word++] = FP_AT_ENTRY;
    words[word++] = entry;
    words[word++] = FP_AT_NULL;
    words[word] = 0;
}

static int build_stack(struct user_memory *memory, const struct exec_args *args, uint64_t entry,
                       uintptr_t *stack_pointer)
{
    size_t word_count = 1 + args->argc + 1 + args->envc + 1 + 2 * AUX_PAIRS;
    uintptr_t strings_at = USER_STACK_TOP - args->length;
    uintptr_t words_at = (strings_at - word_count * sizeof(uint64_t)) & ~(uintptr_t)15;
    uint64_t *words = kmalloc(word_count * sizeof(uint64_t));
    int error = user_memory_map(memory, USER_STACK_BASE, USER_STACK_SIZE, FP_PROT_READ | FP_PROT_WRITE);

    if (!words)
        return -ENOMEM;
    fill_vectors(words, args, strings_at, entry);
    if (!error)
        error = user_memory_write(memory, strings_at, args->strings, args->length);
    if (!error)
        error = user_memory_write(memory, words_at, words, word_count * sizeof(uint64_t));
    kfree(words);
    *stack_pointer = words_at;
    return error == -EFAULT ? -ENOMEM : error;
}

static int build_memory(struct file *file, const struct elf_image *image, const struct exec_args *args,
                        struct user_memory **out, uintptr_t *stack_pointer)
{
    struct user_memory *memory = user_memory_create();
    int error = memory ? 0 : -ENOMEM;

    for (unsigned i = 0; !error && i < image->segment_count; i++)
        error = load_segment(memory, file, &image->segments[i]);
    if (!error)
        error = build_stack(memory, args, image->entry, stack_pointer);
    if (error && memory)
        user_memory_destroy(memory);
    *out = error ? NULL : memory;
    return error;
}

static void commit(struct process *process, struct user_memory *memory, const char *path, uint64_t entry,
                   uintptr_t stack_pointer)
{
    struct user_memory *old = process->memory;

    process->memory = memory;
    process->address_space = &memory->pages;
    if (process == process_current())
        address_space_switch(&memory->pages);
    if (old)
        user_memory_destroy(old);
    if (process->files)
        fd_table_close_on_exec(process->files);
    signal_state_exec(&process->signals);
    process->has_exec = true;
    process_set_name(process, path);
    user_frame_init(process->thread->user_frame, entry, stack_pointer);
    arch_fpu_init_state(process->thread->fpu_state);
    if (process == process_current())
        arch_fpu_restore(process->thread->fpu_state);
}

int exec_program(struct process *process, const char *path, const struct exec_args *args)
{
    struct user_memory *memory = NULL;
    struct elf_image image;
    struct file *file;
    uint64_t size;
    uintptr_t stack_pointer;
    int error = vfs_open_path(path, FP_O_RDONLY, &file);

    if (error)
        return error;
    error = check_executable(file, &size);
    if (!error)
        error = read_image(file, size, &image);
    if (!error)
        error = build_memory(file, &image, args, &memory, &stack_pointer);
    file_put(file);
    if (!error)
        commit(process, memory, path, image.entry, stack_pointer);
    return error;
}

static int copy_arguments(struct exec_args *args, const char *const *user_argv, const char *const *user_envp)
{
    int error = exec_args_init(args);

    if (!error)
        error = exec_args_copy_from_user(args, user_argv, false);
    if (!error)
        error = exec_args_copy_from_user(args, user_envp, true);
    return error;
}

long sys_execve(const char *user_path, const char *const *user_argv, const char *const *user_envp)
{
    char *path = kmalloc(FS_PATH_MAX);
    struct exec_args args = {0};
    long error = path ? strncpy_from_user(path, user_path, FS_PATH_MAX) : -ENOMEM;

    if (error >= 0)
        error = copy_arguments(&args, user_argv, user_envp);
    if (error >= 0)
        error = exec_program(process_current(), path, &args);
    exec_args_free(&args);
    kfree(path);
    return error;
}
