/*
 * tracer.h - the trace client's two roles (docs/trace.md): the RPC demo,
 * traced (main.c, mode=tracedemo), and the trace service a trace boot's
 * shell reaches by name (serve.c, mode=trace).
 */
#ifndef USER_TRACER_TRACER_H
#define USER_TRACER_TRACER_H

/*
 * tracer_serve - register the trace service (tracer.defs) with the name
 * server as "trace" and serve it for ever, passing each call on to the
 * host port. Returns only when it cannot start: 1, after saying why.
 */
int tracer_serve(void);

#endif /* USER_TRACER_TRACER_H */
