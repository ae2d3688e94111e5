/*
 * device_claim.c - the device_claim system call and the claims' life (see
 * device_claim.h).
 *
 * Layer: files (system-call side). A claim's file has the claim as its
 * private data; the claim is held from the file's creation to its close.
 * The vnodes here are in no directory: they give the claimed files a type
 * (a character device with Linux's numbers) for fstat, and live for ever
 * (nlink 1).
 */
#include "fs/device_claim.h"
#include "errno.h"
#include "fs/devices.h"
#include "fs/fd_table.h"
#include "fs/syscalls.h"
#include "proc/process.h"

#define DEVICE_NUMBER(maj, min) ((uint64_t)(maj) << 8 | (min))

struct claim {
    const struct claimable_device *device;
    uint64_t rdev;
    bool held;
    struct vnode vnode;
};

static struct claim claims[FP_DEVICE_COUNT] = {
    [FP_DEVICE_VGA] = {.device = &vga_device, .rdev = DEVICE_NUMBER(29, 0)},
    [FP_DEVICE_KEYBOARD] = {.device = &keyboard_device, .rdev = DEVICE_NUMBER(13, 0)},
    [FP_DEVICE_COM1] = {.device = &com1_device, .rdev = DEVICE_NUMBER(4, 64)},
};

static const struct vnode_ops claimed_device_vnode_ops = {0};

static void (*refusal_hook)(int pid, int device, int error);

void device_claim_set_refusal_hook(void (*hook)(int pid, int device, int error))
{
    refusal_hook = hook;
}

void device_claim_init(void)
{
    com1_device_init();
    keyboard_device_init();
    for (int device = 1; device < FP_DEVICE_COUNT; device++) {
        struct vnode *vnode = &claims[device].vnode;
        vnode_init(vnode, VNODE_CHAR_DEVICE, 0600, &claimed_device_vnode_ops);
        vnode->rdev = claims[device].rdev;
        vnode->nlink = 1;
        vnode_put(vnode);
    }
}

void device_claim_close(struct file *file)
{
    struct claim *claim = file->private;

    claim->held = false;
    claim->device->set_claimed(false);
}

long device_claim_no_read(struct file *file, void *user_buffer, size_t length, int flags)
{
    (void)file, (void)user_buffer, (void)length, (void)flags;
    return -EINVAL;
}

long device_claim_no_write(struct file *file, const void *user_buffer, size_t length, int flags)
{
    (void)file, (void)user_buffer, (void)length, (void)flags;
    return -EINVAL;
}

/* The claim's one file, or -EBUSY / -ENOMEM. */
static int claim_device(struct claim *claim, struct file **out)
{
    int error;

    if (claim->held)
        return -EBUSY;
    error = file_open_with_ops(&claim->vnode, claim->device->access, claim->device->ops, claim, out);
    if (error)
        return error;
    claim->held = true;
    claim->device->set_claimed(true);
    return 0;
}

static int refuse(int pid, int device)
{
    if (refusal_hook)
        refusal_hook(pid, device, EPERM);
    return -EPERM;
}

long sys_device_claim(int device)
{
    struct process *self = process_current();
    struct file *file;
    int error, fd;

    if (device < 1 || device >= FP_DEVICE_COUNT)
        return -EINVAL;
    if (self->pid != PROCESS_INIT_PID)
        return refuse(self->pid, device);
    error = claim_device(&claims[device], &file);
    if (error)
        return error;
    fd = fd_install(self->files, file, 0, false);
    if (fd < 0)
        file_put(file);
    return fd;
}
