/**
 * Reads POSIX shell (XCU chapter 2) plus the bash extensions common in Dockerfiles: the text of
 * shell-form {@code RUN}, {@code CMD}, {@code ENTRYPOINT}, {@code HEALTHCHECK CMD} and heredoc scripts.
 *
 * <p>{@link dev.drydock.core.shell.ShellScript#parse} takes a {@link dev.drydock.core.source.MappedText}
 * and returns the syntax tree ({@link dev.drydock.core.shell.StatementList} &gt;
 * {@link dev.drydock.core.shell.AndOrList} &gt; {@link dev.drydock.core.shell.Pipeline} &gt;
 * {@link dev.drydock.core.shell.CommandNode}, with {@link dev.drydock.core.shell.Word}s), the syntax
 * problems found, and the flattened list of every simple command run
 * ({@link dev.drydock.core.shell.Command}), which is what most rules use. Every node, word and problem
 * has a {@link dev.drydock.core.source.Span} in the Dockerfile.
 *
 * <p>{@link dev.drydock.core.shell.WordEvaluator} expands a word statically from known variables and
 * positional parameters; {@link dev.drydock.core.shell.ShellWords#split} splits a string into words
 * by the quoting rules (no expansion).
 *
 * <p>Decisions worth knowing:
 * <ul>
 *   <li>Parsing never throws. Errors are recovered from (the rest of the script is still read) and
 *       reported as {@link dev.drydock.core.shell.ShellProblem}s. Constructs nested deeper than 80
 *       levels end the analysis of the text with a problem.
 *   <li>A {@link dev.drydock.core.shell.Word}'s {@code value()} has quotes removed and escapes decoded,
 *       keeps expansions as written, and is exact when {@code isLiteral()}. Globs, braces
 *       ({@code {a,b}}) and tildes stay text.
 *   <li>A command's program is seen through wrappers ({@code sudo}, {@code env}, {@code exec},
 *       {@code xargs}, ...; see {@link dev.drydock.core.shell.Command}); the wrappers stay visible.
 *   <li>The script of {@code sh -c '...'} (any of sh, bash, dash, ash, zsh, ksh, mksh, yash, posh),
 *       {@code su -c '...'}, {@code eval ...} and a heredoc or here-string fed to a shell is parsed
 *       again and its commands listed, when the text is literal or has only parameter expansions (a
 *       command substitution in it would run in the outer shell). The nested shell starts with the
 *       options of its own flags ({@code bash -eo pipefail -c}); {@code eval} shares the current state.
 *   <li>{@code set -e}/{@code -o pipefail}/{@code -u}/{@code -x} and their {@code +} forms are followed
 *       in execution order; changes inside subshells, command substitutions, background lists,
 *       multi-command pipelines and function bodies don't leak out; changes inside {@code if}/loop/case
 *       bodies do (a static approximation). Commands inside {@code $(...)} report the options of the
 *       shell around them, as POSIX shells (and bash in POSIX mode or with {@code inherit_errexit}) do.
 *   <li>bash's {@code [[ ]]} and {@code (( ))} are compound commands, not listed as commands; the
 *       command substitutions inside them are.
 *   <li>PowerShell and cmd scripts must not be given to the parser
 *       ({@link dev.drydock.core.shell.ShellOptions#isNonPosixShell}).
 * </ul>
 */
package dev.drydock.core.shell;
