// GNU readline (Debian libreadline-dev) for the interactive `loupe` shell. GPL-3: linked only by
// the executable, never by a library product. Swift 6 cannot touch C global variables directly,
// so the few globals the shell sets are wrapped in inline functions.
#include <stdio.h>
#include <stdlib.h>
#include <readline/readline.h>
#include <readline/history.h>

/// Installs the tab-completion hook and the characters that separate words.
static inline void loupe_rl_set_completion(rl_completion_func_t *function, const char *breaks) {
    rl_attempted_completion_function = function;
    rl_completer_word_break_characters = (char *)breaks;
}

/// Stops readline from falling back to file-name completion when no keyword matches.
static inline void loupe_rl_disable_default_completion(void) {
    rl_attempted_completion_over = 1;
}

/// Names the program for ~/.inputrc conditionals.
static inline void loupe_rl_set_name(const char *name) {
    rl_readline_name = name;
}
