/*
 * reboot - restart the machine in order: init stops every service (as
 * shutdown does), then the kernel resets the machine. Same as `svc reboot`.
 */
#include "tools.h"

int main(int argc, char **argv)
{
    (void)argv;
    return init_request_tool(argc, "reboot");
}
