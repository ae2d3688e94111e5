/*
 * shutdown - power the machine off in order: init stops every service
 * (SIGTERM, then SIGKILL after a few seconds; logd last, so it records the
 * rest), then the kernel powers off. Same as `svc shutdown`.
 */
#include "tools.h"

int main(int argc, char **argv)
{
    (void)argv;
    return init_request_tool(argc, "shutdown");
}
