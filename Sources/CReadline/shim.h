// GNU readline (Debian libreadline-dev) for the interactive `loupe` shell. GPL-3: linked only by
// the executable, never by a library product.
#include <stdio.h>
#include <stdlib.h>
#include <readline/readline.h>
#include <readline/history.h>
