/*
 * proc.h - the process server's numbers, shared by proc, libc and the
 * programs that ask it things (proc.defs has the routines).
 *
 * How a process ended (wait's how), the states list reports, wait's
 * options, the bounds on a spawn's arguments, and the argument word
 * (task_arg) proc starts its programs with, which tells libc's start-up
 * to ask proc for its arguments and standard ports (docs/servers.md,
 * "The startup protocol").
 */
#ifndef HARBOR_PROC_H
#define HARBOR_PROC_H

/* How a process ended: wait's how. */
#define PROC_EXITED	0u	/* it called exit (or main returned): status is its own */
#define PROC_KILLED	1u	/* proc ended it: kill, or ^C in the foreground */
#define PROC_FAULTED	2u	/* it died without saying exit: the kernel killed it for a
				 * fault (its report is on the console), or it ended its
				 * task behind libc's back */

/* A process's state in list. */
#define PROC_RUNNING	1u
#define PROC_ZOMBIE	2u	/* ended; its parent has not waited for it yet */

/* wait's options. */
#define PROC_WAIT_NOHANG 1u	/* do not wait: ERR_TIMED_OUT if no child has ended */
#define PROC_ANY	(-1)	/* wait's pid: any child */

/* A spawn's arguments: at most this many strings, this many bytes in all. */
#define PROC_ARGS_MAX	16
#define PROC_ARGS_BYTES	512
#define PROC_NAME_MAX	32	/* a program's or server's name, with its NUL */

/*
 * The argument word proc starts a program with (host module_spawn's
 * arg, libc's task_arg). PROC_START_NAMED: NAME_BOOTSTRAP is the name
 * server; look "proc" up there, then call startup. PROC_START_DIRECT:
 * NAME_BOOTSTRAP is proc's own public port (a proc started privately by
 * the test suite, which has no name server to offer). Any other word:
 * the program was not started by proc, and takes its arguments from the
 * kernel's argument string.
 */
#define PROC_START_NAMED	0x50524f43u	/* "PROC" */
#define PROC_START_DIRECT	0x50524f44u	/* "PROD" */

/* proc's own argument word: announce the public port to the spawner
 * (testlink hello on NAME_BOOTSTRAP) instead of registering it. */
#define PROC_ARG_PRIVATE	1u

#endif /* HARBOR_PROC_H */
