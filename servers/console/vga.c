/*
 * vga.c - output on the VGA text screen: 80 columns, 25 rows of 16-bit
 * cells (character, colour) at the memory device_map gave us, with the
 * hardware cursor moved through the CRT controller's ports 0x3d4/0x3d5.
 */
#include "servers/console/console.h"
#include <string.h>
#include "servers/console/ioport.h"

#define VGA_COLS	80
#define VGA_ROWS	25
#define VGA_ATTR	0x0700		/* grey on black */
#define VGA_CRT_INDEX	0x3d4
#define VGA_CRT_DATA	0x3d5

static volatile uint16_t *vga;
static uint32_t vga_pos;		/* the cursor: row * VGA_COLS + column */

void
vga_cursor(void)
{
	if (vga == NULL)
		return;
	outb(VGA_CRT_INDEX, 14);
	outb(VGA_CRT_DATA, (uint8_t)(vga_pos >> 8));
	outb(VGA_CRT_INDEX, 15);
	outb(VGA_CRT_DATA, (uint8_t)vga_pos);
}

void
vga_init(volatile uint16_t *cells)
{
	vga = cells;
	vga_clear();
}

void
vga_clear(void)
{
	if (vga == NULL)
		return;
	for (uint32_t i = 0; i < VGA_COLS * VGA_ROWS; i++)
		vga[i] = VGA_ATTR | ' ';
	vga_pos = 0;
	vga_cursor();
}

/*
 * Move every row up one and blank the last. Text memory is plain memory
 * (reads and writes have no side effects), so memmove may copy it a
 * word at a time: a cell-by-cell loop made each scroll ~10,000
 * instructions, most of a console write's cost.
 */
static void
vga_scroll(void)
{
	memmove((void *)vga, (const void *)(vga + VGA_COLS),
		VGA_COLS * (VGA_ROWS - 1) * sizeof(vga[0]));
	for (uint32_t i = VGA_COLS * (VGA_ROWS - 1); i < VGA_COLS * VGA_ROWS; i++)
		vga[i] = VGA_ATTR | ' ';
	vga_pos -= VGA_COLS;
}

static void
vga_put(char c)
{
	switch (c) {
	case '\n':
		vga_pos = (vga_pos / VGA_COLS + 1) * VGA_COLS;
		break;
	case '\r':
		vga_pos -= vga_pos % VGA_COLS;
		break;
	case '\b':
		if (vga_pos % VGA_COLS != 0)
			vga_pos--;
		break;
	case '\t':
		vga_pos = (vga_pos / 8 + 1) * 8;
		break;
	default:
		if ((unsigned char)c < ' ')
			return;		/* other control bytes show nothing */
		vga[vga_pos++] = VGA_ATTR | (unsigned char)c;
		break;
	}
	if (vga_pos >= VGA_COLS * VGA_ROWS)
		vga_scroll();
}

void
vga_putc(char c)
{
	if (vga != NULL)
		vga_put(c);
}
