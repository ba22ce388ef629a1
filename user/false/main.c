/*
 * false - do nothing, unsuccessfully (exit status 1).
 */
int main(int argc, char **argv);

int
main(int argc, char **argv)
{
	return 1;
}
