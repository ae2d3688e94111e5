/*
 * true - do nothing, successfully (exit status 0).
 *
 * Layer: user program. The shell has a builtin too; this one is for exec.
 */
int main(void)
{
    return 0;
}
