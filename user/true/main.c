/*
 * true - do nothing, successfully (exit status 0).
 */
int main(int argc, char **argv);

int
main(int argc, char **argv)
{
	return 0;
}
