/*
 * main.c - the fuzzer's roles, and the run's parameters.
 *
 *   fuzz run [s=SEED] [n=TRAPS] [t=TASKS] [h=THREADS] [x=SKIP] [o=K.T] [k=MS]
 *	the coordinator (coord.c). n: the run ends once its workers have
 *	made n traps (with o=K.T: once stream K.T, the only one that makes
 *	generated traps, has made n steps). x names known findings to leave
 *	alone, one letter each (fuzz.h: d n i c x). k: a kill every MS ms.
 *	init starts it in a fuzz boot (mode=fuzz, `make fuzz`), the guest
 *	test suite for its short run.
 *   fuzz worker K
 *	worker task K (worker.c); the coordinator starts these.
 *   fuzz exit (or anything else)
 *	exits at once: what privileged workers may spawn.
 */
#include "user/fuzz/fthread.h"

struct fz_params fz_params;
struct fz_board *fz_board;

static uint32_t
atou(const char *s)
{
	uint32_t v = 0;

	while (*s >= '0' && *s <= '9')
		v = v * 10 + (uint32_t)(*s++ - '0');
	return v;
}

static void
parse(struct fz_params *p, const char *arg)
{
	const char *v = arg + 2;

	if (arg[0] == '\0' || arg[1] != '=')
		return;
	switch (arg[0]) {
	case 's':
		p->seed = atou(v);
		break;
	case 'n':
		p->traps = atou(v);
		break;
	case 't':
		p->tasks = atou(v);
		break;
	case 'h':
		p->threads = atou(v);
		break;
	case 'k':
		p->kill_ms = atou(v);
		break;
	case 'o':
		p->only_task = atou(v);
		while (*v >= '0' && *v <= '9')
			v++;
		p->only_thread = *v == '.' ? atou(v + 1) : 0;
		break;
	case 'x':
		for (; *v; v++)
			for (uint32_t i = 0; FZ_SKIP_LETTERS[i]; i++)
				if (*v == FZ_SKIP_LETTERS[i])
					p->skip |= 1u << i;
		break;
	}
}

int
main(int argc, char **argv)
{
	struct fz_params *p = &fz_params;

	if (argc > 2 && strcmp(argv[1], "worker") == 0)
		fz_work(atou(argv[2]));
	if (argc < 2 || strcmp(argv[1], "run") != 0)
		return 0;
	*p = (struct fz_params){ .seed = 1, .traps = 20000, .tasks = 4, .threads = 3,
				 .kill_ms = 1000, .only_task = ~0u, .only_thread = ~0u };
	for (int i = 2; i < argc; i++)
		parse(p, argv[i]);
	if (p->tasks < 1 || p->tasks > FZ_TASKS_MAX)
		p->tasks = p->tasks < 1 ? 1 : FZ_TASKS_MAX;
	if (p->threads < 1 || p->threads > FZ_THREADS_MAX)
		p->threads = p->threads < 1 ? 1 : FZ_THREADS_MAX;
	if (p->only_task != ~0u && (p->only_task >= p->tasks || p->only_thread >= p->threads)) {
		printf("fuzz: no stream %u.%u in %u tasks x %u threads\n", p->only_task,
		       p->only_thread, p->tasks, p->threads);
		return 1;
	}
	return fz_coordinate(p);
}
