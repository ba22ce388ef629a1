/*
 * host_names.h - forced into every file of Harbor's C library when it is
 * built for a host test (tests/libc/Makefrag): each name the host's own C
 * library also defines becomes hb_<name>, so the test program can call
 * Harbor's malloc as hb_malloc and still print with the host's printf.
 * Only the host tests use this file; the guest build never sees it.
 */
#ifndef TESTS_LIBC_HOST_NAMES_H
#define TESTS_LIBC_HOST_NAMES_H

#define abort                hb_abort
#define abs                  hb_abs
#define atoi                 hb_atoi
#define atol                 hb_atol
#define atoll                hb_atoll
#define bsearch              hb_bsearch
#define calloc               hb_calloc
#define clearerr             hb_clearerr
#define feof                 hb_feof
#define ferror               hb_ferror
#define fflush               hb_fflush
#define fgetc                hb_fgetc
#define fgets                hb_fgets
#define fprintf              hb_fprintf
#define fputc                hb_fputc
#define fputs                hb_fputs
#define free                 hb_free
#define fwrite               hb_fwrite
#define getc                 hb_getc
#define getchar              hb_getchar
#define isalnum              hb_isalnum
#define isalpha              hb_isalpha
#define isblank              hb_isblank
#define iscntrl              hb_iscntrl
#define isdigit              hb_isdigit
#define isgraph              hb_isgraph
#define islower              hb_islower
#define isprint              hb_isprint
#define ispunct              hb_ispunct
#define isspace              hb_isspace
#define isupper              hb_isupper
#define isxdigit             hb_isxdigit
#define labs                 hb_labs
#define llabs                hb_llabs
#define malloc               hb_malloc
#define malloc_stats         hb_malloc_stats
#define malloc_trim          hb_malloc_trim
#define malloc_usable_size   hb_malloc_usable_size
#define memchr               hb_memchr
#define memcmp               hb_memcmp
#define memcpy               hb_memcpy
#define memmove              hb_memmove
#define memset               hb_memset
#define perror               hb_perror
#define printf               hb_printf
#define putc                 hb_putc
#define putchar              hb_putchar
#define puts                 hb_puts
#define qsort                hb_qsort
#define rand                 hb_rand
#define realloc              hb_realloc
#define snprintf             hb_snprintf
#define sprintf              hb_sprintf
#define srand                hb_srand
#define stderr               hb_stderr
#define stdin                hb_stdin
#define stdout               hb_stdout
#define strcasecmp           hb_strcasecmp
#define strcat               hb_strcat
#define strchr               hb_strchr
#define strcmp               hb_strcmp
#define strcpy               hb_strcpy
#define strcspn              hb_strcspn
#define strdup               hb_strdup
#define strerror             hb_strerror
#define strlcat              hb_strlcat
#define strlcpy              hb_strlcpy
#define strlen               hb_strlen
#define strncasecmp          hb_strncasecmp
#define strncat              hb_strncat
#define strncmp              hb_strncmp
#define strncpy              hb_strncpy
#define strndup              hb_strndup
#define strnlen              hb_strnlen
#define strpbrk              hb_strpbrk
#define strrchr              hb_strrchr
#define strsep               hb_strsep
#define strspn               hb_strspn
#define strstr               hb_strstr
#define strtok               hb_strtok
#define strtok_r             hb_strtok_r
#define strtol               hb_strtol
#define strtoll              hb_strtoll
#define strtoul              hb_strtoul
#define strtoull             hb_strtoull
#define tolower              hb_tolower
#define toupper              hb_toupper
#define vfprintf             hb_vfprintf
#define vprintf              hb_vprintf
#define vsnprintf            hb_vsnprintf

#endif /* TESTS_LIBC_HOST_NAMES_H */
