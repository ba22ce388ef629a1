/*
 * mem.h - the memory server's own declarations: its clients (one per
 * task it serves) and their regions.
 */
#ifndef SERVERS_MEM_MEM_H
#define SERVERS_MEM_MEM_H

#include <stdint.h>
#include "harbor/msg.h"

#define MEM_CLIENTS		48u	/* tasks served at once */
#define MEM_REGIONS		64u	/* regions per task */
#define MEM_QUOTA_DEFAULT	8192u	/* pages (32 MiB) a task may reserve */
#define MEM_RECENT		16u	/* pages a client was last answered "map" for (fault.c) */

/* A reserved range of a task's addresses, zero-filled on first touch. */
struct mem_region {
	uint32_t start;		/* page aligned */
	uint32_t npages;
	uint32_t prot;		/* MEM_PROT_READ, with or without MEM_PROT_WRITE */
};

/* A task the server serves. */
struct mem_client {
	int used;
	uint32_t task_id;	/* the kernel's id (memctl_task_id, pager_fault) */
	port_name_t task;	/* send right to its task port (dead-name request on it) */
	port_name_t port;	/* receive right: its pager port, where its requests come */
	uint32_t quota;		/* pages it may reserve */
	uint32_t reserved;	/* pages reserved: regions and stack growth */
	uint32_t resident;	/* pages with a frame */
	uint32_t recent[MEM_RECENT];	/* fault.c: two threads' faults on one page */
	uint32_t recent_next;
	uint32_t nregions;
	struct mem_region regions[MEM_REGIONS];	/* sorted by start, never overlapping */
};

extern port_name_t mem_ctl;	/* the memory control right (memctl.defs) */
extern port_name_t mem_set;	/* the port set every client port is in */
extern port_name_t mem_service;	/* where tasks that inherited init's pager say hello */
extern port_name_t mem_deaths;	/* where dead-name notifications about clients come */
extern port_name_t mem_from;	/* the port the request being served came in on */

/* client.c */
struct mem_client *mem_client_by_port(port_name_t port);
void mem_client_died(port_name_t task);
void mem_client_reap(void);

/* fault.c */
void mem_fault_forget(struct mem_client *c, uint32_t addr, uint32_t size);

/* region.c */
struct mem_region *mem_region_find(struct mem_client *c, uint32_t page);
int mem_region_range(struct mem_client *c, uint32_t addr, uint32_t size, uint32_t *index);
int mem_region_place(struct mem_client *c, uint32_t npages, uint32_t *addr);
int mem_region_insert(struct mem_client *c, uint32_t start, uint32_t npages, uint32_t prot);
int mem_region_cut(struct mem_client *c, uint32_t index, uint32_t addr, uint32_t npages,
		   uint32_t prot, int remove);

#endif /* SERVERS_MEM_MEM_H */
