/*
 * ipc_shm.c - shared memory seen from user space: zeroed regions mapped
 * twice, read-only mappings that refuse writes, unmapping, fork, the
 * zero-copy hand-off of a 1 MiB buffer (the sender loses it), quotas, and
 * no leaks.
 *
 * Layer: test program (tests/ipc_channels.bats). Mapping happens in
 * children; the parent compares the counters (ipc_test.h).
 */
#include "ipc_test.h"
#include <freeport/channel.h>
#include <freeport/shm.h>
#include <sys/mman.h>

#define REGION_RIGHTS (IPC_RIGHT_MAP | IPC_RIGHT_WRITE | IPC_RIGHT_GRANT | IPC_RIGHT_REVOKE)
#define BUFFER_SIZE   (1u << 20)
#define TRANSFER_TYPE 77

static bool all_zero(const uint8_t *bytes, size_t length)
{
    for (size_t index = 0; index < length; index++)
        if (bytes[index])
            return false;
    return true;
}

static void errors(void)
{
    uint64_t token, channel[2];
    void *address;

    CHECK(shm_create(0, &token) == -IPC_ERR_INVALID_ARGUMENT, "a region of 0 bytes is refused");
    CHECK(shm_create(IPC_QUOTA_BYTES_PER_PROCESS + 1ull, &token) == -IPC_ERR_QUOTA,
          "a region beyond the byte quota is QUOTA");
    CHECK(shm_create(4096, bad_pointer(8)) == -IPC_ERR_FAULT, "a bad token pointer is FAULT");
    CHECK(shm_create(4096, &token) == 0 && shm_map(token, bad_pointer(8)) == -IPC_ERR_FAULT,
          "a bad address pointer is FAULT (nothing stays mapped)");
    CHECK(channel_create(4096, channel) == 0 && shm_map(channel[0], &address) == -IPC_ERR_INVALID_CAP,
          "a channel end is not a region");
    CHECK(shm_unmap((void *)0x12345000) == -IPC_ERR_INVALID_ARGUMENT,
          "unmapping what is not a region is refused");
}

static void map_twice(void)
{
    uint64_t token;
    uint8_t *first, *second;

    CHECK(shm_create(10000, &token) == 0, "a region of 10000 bytes");
    CHECK(shm_map(token, (void **)&first) == 0 && shm_map(token, (void **)&second) == 0 && first != second,
          "maps twice, at two addresses");
    CHECK(all_zero(first, 3 * 4096), "three pages, all zero");
    memcpy(first + 4096, "shared", 7);
    CHECK(strcmp((char *)second + 4096, "shared") == 0,
          "a write through one mapping shows through the other");
    CHECK(mprotect(second, 4096, PROT_READ) == -1 && errno == EACCES, "mprotect refuses a shared mapping");
    CHECK(shm_unmap(first) == 0 && shm_unmap(first) == -IPC_ERR_INVALID_ARGUMENT, "shm_unmap, once");
    CHECK(strcmp((char *)second + 4096, "shared") == 0, "the other mapping stays");
    CHECK(munmap(second, 3 * 4096) == 0, "munmap may drop a mapping too");
    CHECK(shm_unmap(second) == 0, "and shm_unmap then forgets it");
}

static void read_only_write(void)
{
    uint64_t token, read_only;
    volatile uint8_t *bytes;

    CHECK(shm_create(4096, &token) == 0 && cap_derive(token, IPC_RIGHT_MAP, &read_only) == 0 &&
              shm_map(read_only, (void **)&bytes) == 0,
          "a MAP-only capability maps the region");
    CHECK(bytes[0] == 0, "which reads");
    CHECK(mprotect((void *)bytes, 4096, PROT_READ | PROT_WRITE) == -1 && errno == EACCES,
          "and cannot be made writable with mprotect");
    bytes[0] = 1; /* SIGSEGV */
    CHECK(false, "the write to a read-only mapping faulted");
}

static void write_after_unmap(void)
{
    uint64_t token;
    volatile uint8_t *bytes;

    CHECK(shm_create(4096, &token) == 0 && shm_map(token, (void **)&bytes) == 0 &&
              shm_unmap((void *)bytes) == 0,
          "a region maps and unmaps");
    bytes[0] = 1; /* SIGSEGV */
    CHECK(false, "the write after shm_unmap faulted");
}

static void write_after_close(void)
{
    uint64_t token;
    volatile uint8_t *bytes;

    CHECK(shm_create(4096, &token) == 0 && shm_map(token, (void **)&bytes) == 0 && cap_close(token) == 0,
          "a region maps, then its capability closes");
    bytes[0] = 1; /* SIGSEGV */
    CHECK(false, "the write after closing faulted");
}

static void not_inherited(void)
{
    uint64_t token;
    volatile uint8_t *bytes;
    int status;

    CHECK(shm_create(4096, &token) == 0 && shm_map(token, (void **)&bytes) == 0, "a region maps");
    if (fork() == 0) {
        bytes[0] = 1; /* SIGSEGV: not the child's */
        _exit(0);
    }
    wait(&status);
    CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV, "a forked child does not get the mapping");
}

/* The sender: a 1 MiB buffer filled, moved to the parent's port, gone. */
static void send_buffer(void)
{
    uint64_t port, region;
    uint32_t *words;
    void *again;

    CHECK(share_take("shm", &port) == 0 && shm_create(BUFFER_SIZE, &region) == 0 &&
              shm_map(region, (void **)&words) == 0,
          "the sender maps a 1 MiB region");
    for (uint32_t index = 0; index < BUFFER_SIZE / 4; index++)
        words[index] = index * 2654435761u;
    CHECK(shm_transfer(region, port, TRANSFER_TYPE) == 0, "and moves it to the receiver's port");
    CHECK(shm_map(region, &again) == -IPC_ERR_INVALID_CAP, "its token is stale after the move");
    words[0] = 1; /* SIGSEGV: its mapping went with the token */
    CHECK(false, "the sender's write after the move faulted");
}

static void transfer(void)
{
    struct ipc_transport_stats stats;
    struct ipc_msg_header header;
    uint64_t port;
    uint32_t *words;
    bool intact = true;
    int status;
    pid_t pid;

    CHECK(port_create(0, &port) == 0 && share_offer("shm", port, IPC_RIGHT_SEND) == 0,
          "a port to receive on");
    pid = fork();
    if (pid == 0) {
        check_failures = 0;
        send_buffer();
        _exit(check_failures);
    }
    CHECK(receive_bytes(port, &header, NULL, 0, IPC_TIMEOUT_FOREVER) == 0 && header.type == TRANSFER_TYPE &&
              header.cap_count == 1 && header.caps[0] != 0,
          "the receiver gets a message carrying the region");
    share_withdraw("shm");
    waitpid(pid, &status, 0);
    CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV, "the sender lost access (status %#x)", status);
    CHECK(shm_map(header.caps[0], (void **)&words) == 0, "the receiver maps it");
    for (uint32_t index = 0; index < BUFFER_SIZE / 4; index++)
        intact &= words[index] == index * 2654435761u;
    CHECK(intact, "and reads the 1 MiB the sender wrote");
    ipc_transport_stats(&stats);
    CHECK(stats.regions == 1 && stats.pinned_bytes == BUFFER_SIZE, "one region of 1 MiB: nothing was copied");
    words[0] = 5;
    CHECK(words[0] == 5, "the receiver has the sender's rights: it may write");
}

static void quota(void)
{
    uint64_t tokens[IPC_QUOTA_REGIONS_PER_PROCESS], token, big;
    int count = 0, error;

    while (count < IPC_QUOTA_REGIONS_PER_PROCESS && shm_create(4096, &tokens[count]) == 0)
        count++;
    error = shm_create(4096, &token);
    CHECK(count == IPC_QUOTA_REGIONS_PER_PROCESS && error == -IPC_ERR_QUOTA, "the %dth region is QUOTA",
          count + 1);
    for (int index = 0; index < count; index++)
        cap_close(tokens[index]);
    CHECK(shm_create(IPC_QUOTA_BYTES_PER_PROCESS, &big) == 0 && shm_create(4096, &token) == -IPC_ERR_QUOTA,
          "a region of the whole byte quota leaves room for nothing more");
    CHECK(cap_close(big) == 0 && shm_create(4096, &token) == 0, "until it goes");
}

int main(void)
{
    struct baseline before;

    baseline_start(&before);
    check_child(errors, "errors (child)");
    check_child(map_twice, "a region mapped twice is one memory (child)");
    check_child_faults(read_only_write, "a read-only mapping refuses writes");
    check_child_faults(write_after_unmap, "an unmapped region faults");
    check_child_faults(write_after_close, "a region is unmapped with its capability");
    check_child(not_inherited, "fork does not share a mapping (child)");
    check_child(transfer, "a 1 MiB buffer handed over without a copy (child)");
    check_child(quota, "regions and their bytes are limited per process (child)");
    check_back_to_baseline(&before);
    return check_done();
}
