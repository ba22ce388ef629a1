/*
 * ctype.h - classifying and converting characters (C's <ctype.h>), for
 * ASCII: characters 128 to 255 belong to no class.
 *
 * Each function takes an int holding an unsigned char value or EOF (-1),
 * as C says; any other value belongs to no class and converts to itself.
 * The classifiers return nonzero for yes, 0 for no; none can fail.
 */
#ifndef USER_LIB_INCLUDE_CTYPE_H
#define USER_LIB_INCLUDE_CTYPE_H

int isalnum(int c);	/* letter or digit */
int isalpha(int c);	/* A-Z a-z */
int isblank(int c);	/* space or tab */
int iscntrl(int c);	/* 0-31 and 127 */
int isdigit(int c);	/* 0-9 */
int isgraph(int c);	/* printable, not space: 33-126 */
int islower(int c);	/* a-z */
int isprint(int c);	/* 32-126 */
int ispunct(int c);	/* printable, not space, letter or digit */
int isspace(int c);	/* space \t \n \v \f \r */
int isupper(int c);	/* A-Z */
int isxdigit(int c);	/* 0-9 A-F a-f */

/* tolower, toupper - c in the other case if it is a letter, else c. */
int tolower(int c);
int toupper(int c);

#endif /* USER_LIB_INCLUDE_CTYPE_H */
