/*
 * file_rights.c - the object that carries SCM_RIGHTS descriptors in a
 * socket message (see file_rights.h).
 *
 * Layer: POSIX, on native IPC objects and capabilities and the file
 * layer's descriptor table.
 */
#include "posix/file_rights.h"
#include "errno.h"
#include "fs/fd_table.h"
#include "ipc/cap_table.h"
#include "ipc/msg_queue.h"
#include "mm/heap.h"

static void rights_release(struct ipc_object *object)
{
    struct file_rights *rights = (struct file_rights *)object;

    for (uint32_t index = 0; index < rights->count; index++)
        file_put(rights->files[index]);
    kfree(rights);
}

static const struct ipc_object_type file_rights_type = {
    .kind = IPC_OBJECT_FILE_RIGHTS,
    .release = rights_release,
};

int file_rights_create(struct file_rights **out)
{
    struct file_rights *rights = kzalloc(sizeof(*rights));

    if (rights == NULL)
        return -ENOMEM;
    ipc_object_init(&rights->object, &file_rights_type);
    *out = rights;
    return 0;
}

void file_rights_add(struct file_rights *rights, struct file *file)
{
    rights->files[rights->count++] = file;
}

int file_rights_collect(const int32_t *fds, uint32_t count, struct file_rights **out)
{
    struct file_rights *rights;
    int error = file_rights_create(&rights);

    *out = NULL;
    if (error)
        return error;
    for (uint32_t index = 0; index < count; index++) {
        struct file *file = fd_current_file(fds[index]);
        if (file == NULL) {
            file_rights_put(rights); /* puts the files held so far */
            return -EBADF;
        }
        file_rights_add(rights, file);
    }
    *out = rights;
    return 0;
}

int file_rights_attach(struct ipc_message *message, struct file_rights *rights)
{
    if (cap_create_in_flight(&rights->object, 0, &message->caps[0]) != IPC_OK)
        return -ENOMEM;
    message->header.cap_count = 1;
    return 0;
}

struct file_rights *file_rights_take(const struct capability *capability)
{
    struct ipc_object *object = capability->object;

    if (object == NULL || object->type != &file_rights_type)
        return NULL;
    ipc_object_get(object);
    return (struct file_rights *)object;
}

void file_rights_put(struct file_rights *rights)
{
    ipc_object_put(&rights->object);
}
