/*
 * kbd.c - the PS/2 keyboard: scancodes (set 1, as the controller
 * translates them) from port 0x60 into bytes. Shift and Ctrl are kept
 * track of; keys with no byte (arrows, function keys, releases) give
 * none. Only port 0x60 is ours: the controller's command port 0x64 stays
 * the kernel's (kernel/device.c), and an IRQ says a byte is there.
 */
#include "servers/console/console.h"
#include "servers/console/ioport.h"

#define KBD_DATA	0x60
#define SC_RELEASE	0x80
#define SC_LSHIFT	0x2a
#define SC_RSHIFT	0x36
#define SC_CTRL		0x1d
#define SC_EXTENDED	0xe0

/* Scancode -> byte, without and with shift; 0: no byte. */
static const char kbd_plain[0x3a] = {
	[0x01] = 27, '1', '2', '3', '4', '5', '6', '7', '8', '9', '0', '-', '=', '\b',
	'\t', 'q', 'w', 'e', 'r', 't', 'y', 'u', 'i', 'o', 'p', '[', ']', '\n',
	[0x1e] = 'a', 's', 'd', 'f', 'g', 'h', 'j', 'k', 'l', ';', '\'', '`',
	[0x2b] = '\\', 'z', 'x', 'c', 'v', 'b', 'n', 'm', ',', '.', '/',
	[0x37] = '*', [0x39] = ' ',
};
static const char kbd_shift[0x3a] = {
	[0x01] = 27, '!', '@', '#', '$', '%', '^', '&', '*', '(', ')', '_', '+', '\b',
	'\t', 'Q', 'W', 'E', 'R', 'T', 'Y', 'U', 'I', 'O', 'P', '{', '}', '\n',
	[0x1e] = 'A', 'S', 'D', 'F', 'G', 'H', 'J', 'K', 'L', ':', '"', '~',
	[0x2b] = '|', 'Z', 'X', 'C', 'V', 'B', 'N', 'M', '<', '>', '?',
	[0x37] = '*', [0x39] = ' ',
};

static int kbd_shifted, kbd_ctrl, kbd_extended;

int
kbd_getc(void)
{
	uint8_t sc = inb(KBD_DATA);
	int release = sc & SC_RELEASE, extended = kbd_extended;
	char c;

	if (sc == SC_EXTENDED) {
		kbd_extended = 1;
		return -1;
	}
	kbd_extended = 0;
	sc &= ~SC_RELEASE;
	if (sc == SC_LSHIFT || sc == SC_RSHIFT) {
		kbd_shifted = !release;
		return -1;
	}
	if (sc == SC_CTRL) {
		kbd_ctrl = !release;	/* left, or right (extended) */
		return -1;
	}
	if (release || extended || sc >= sizeof(kbd_plain))
		return -1;
	c = kbd_shifted ? kbd_shift[sc] : kbd_plain[sc];
	if (c == 0)
		return -1;
	if (kbd_ctrl && c >= '@')
		return KEY_CTRL(c);
	return (unsigned char)c;
}
