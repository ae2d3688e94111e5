/*
 * false - do nothing, unsuccessfully (exit status 1).
 *
 * Layer: user program. The shell has a builtin too; this one is for exec.
 */
int main(void)
{
    return 1;
}
