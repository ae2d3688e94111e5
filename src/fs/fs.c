/*
 * fs.c - the file layer's boot sequence (see fs.h).
 *
 * Layer: files. Order: the root must exist before the initrd is unpacked
 * into it; /dev must exist (from the initrd or made here) before devfs is
 * mounted on it, and devfs comes last so that nothing unpacked can land
 * under it.
 */
#include "errno.h"
#include "fs/devfs.h"
#include "fs/fs.h"
#include "fs/initrd.h"
#include "fs/mount.h"
#include "fs/ramfs.h"
#include "fs/vfs.h"
#include "panic.h"
#include "printk.h"

static const struct {
    const char *path;
    uint32_t permissions;
} standard_directories[] = {
    {"/tmp", 01777},
    {"/var", 0755},
    {"/var/run", 0755},
    {"/dev", 0755},
};

static void make_standard_directories(void)
{
    for (size_t i = 0; i < sizeof(standard_directories) / sizeof(standard_directories[0]); i++) {
        int error =
            vfs_mknod(standard_directories[i].path, VNODE_DIRECTORY, standard_directories[i].permissions);
        if (error && error != -EEXIST)
            printk("fs: cannot make %s: error %d\n", standard_directories[i].path, error);
    }
}

static void mount_devfs(void)
{
    struct vnode *dev, *devfs = devfs_create_root();
    int error = path_resolve("/dev", &dev);

    if (error == 0) {
        error = mount_attach(dev, devfs, "devfs");
        vnode_put(dev);
    }
    vnode_put(devfs);
    if (error)
        printk("fs: cannot mount devfs on /dev: error %d\n", error);
}

void fs_init(const struct boot_info *boot_info)
{
    struct vnode *root = ramfs_create_root();

    if (root == NULL || mount_attach(NULL, root, "ramfs") < 0)
        panic("fs: cannot make the root file system");
    vnode_put(root);
    initrd_unpack(boot_info);
    make_standard_directories();
    mount_devfs();
    printk("fs: ramfs on /, devfs on /dev\n");
}
