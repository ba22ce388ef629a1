/*
 * main.c - the server fuzzer's roles, and the run's parameters.
 *
 *   sfuzz run [s=SEED] [n=STEPS] [c=CLIENTS] [k=MS] [x=LETTERS]
 *	the coordinator (coord.c): n steps in all, made by c client tasks
 *	(1 to SFZ_CLIENTS_MAX), one of them killed every k ms (0: none);
 *	x names kinds of step to leave out (SFZ_STEP_LETTERS in sfuzz.h).
 *	The guest test suite starts it (user/tests/sfuzz.c): its bootstrap
 *	port is the suite's, which hands it the name server and takes the
 *	verdict. make fuzz-servers runs a long one, make test a short one
 *	(docs/testing.md, "The server fuzzer").
 *   sfuzz client K
 *	client task K (client.c); the coordinator starts these.
 */
#include "user/sfuzz/sfuzz.h"

static uint32_t
atou(const char *s)
{
	uint32_t v = 0;

	while (*s >= '0' && *s <= '9')
		v = v * 10 + (uint32_t)(*s++ - '0');
	return v;
}

int
main(int argc, char **argv)
{
	struct sfz_params p = { .seed = 1, .steps = 2000, .clients = 4, .kill_ms = 500 };

	if (argc > 2 && strcmp(argv[1], "client") == 0)
		sfz_client(atou(argv[2]));
	if (argc < 2 || strcmp(argv[1], "run") != 0)
		return 0;
	for (int i = 2; i < argc; i++) {
		const char *a = argv[i];
		if (a[0] == '\0' || a[1] != '=')
			continue;
		if (a[0] == 's')
			p.seed = atou(a + 2);
		else if (a[0] == 'n')
			p.steps = atou(a + 2);
		else if (a[0] == 'c')
			p.clients = atou(a + 2);
		else if (a[0] == 'k')
			p.kill_ms = atou(a + 2);
		else if (a[0] == 'x')
			for (const char *v = a + 2; *v; v++)
				for (uint32_t b = 0; SFZ_STEP_LETTERS[b]; b++)
					if (*v == SFZ_STEP_LETTERS[b])
						p.skip |= 1u << b;
	}
	if (p.clients < 1 || p.clients > SFZ_CLIENTS_MAX)
		p.clients = p.clients < 1 ? 1 : SFZ_CLIENTS_MAX;
	if (p.steps < p.clients)
		p.steps = p.clients;
	return sfz_coordinate(&p);
}
