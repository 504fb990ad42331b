/**
 * BuildKit's variable expansion ("word processing") for Dockerfile instruction arguments.
 *
 * <h2>Which instructions expand, and how</h2>
 *
 * <p>BuildKit expands each argument word separately with the current stage's variables (its ARGs
 * and ENVs; for FROM, the global ARGs declared before the first FROM):
 *
 * <ul>
 *   <li><b>single word</b> ({@link dev.drydock.core.dockerfile.expand.Expansion#value()}, BuildKit's
 *       {@code ProcessWord}): ENV (keys and values), ARG (names and defaults), LABEL (keys and
 *       values), WORKDIR, USER, VOLUME (each path), STOPSIGNAL, COPY and ADD (each source, the
 *       destination, {@code --chown}, ADD's {@code --checksum}), RUN {@code --mount} options (but not
 *       {@code from=}), and FROM (the image name and {@code --platform}, against the global ARGs
 *       only). {@code COPY --from} is not expanded: recent BuildKit rejects a value that would change
 *       under expansion ("variable expansion is not supported for --from");</li>
 *   <li><b>word list</b> ({@link dev.drydock.core.dockerfile.expand.Expansion#words()}, BuildKit's
 *       {@code ProcessWords}): EXPOSE only, so that {@code EXPOSE $PORTS} with
 *       {@code PORTS="80 443"} exposes two ports;</li>
 *   <li><b>here-documents</b> of COPY/ADD with an unquoted delimiter: single word with
 *       {@link dev.drydock.core.dockerfile.expand.WordExpander#heredoc()} (quotes are ordinary
 *       characters, escapes are always backslashes);</li>
 *   <li><b>not expanded</b>: RUN, CMD, ENTRYPOINT, SHELL, HEALTHCHECK commands (the shell does it at
 *       run time), ONBUILD (expanded when the trigger runs), MAINTAINER.</li>
 * </ul>
 *
 * <h2>How BuildKit differs from a POSIX shell</h2>
 *
 * <ul>
 *   <li>Outside quotes the escape character ({@code \}, or {@code `} after {@code # escape=`})
 *       escapes any character and is removed: {@code a\tb} gives {@code atb}; an escape at the very
 *       end of the word is dropped. With {@code `} as escape, {@code \} is an ordinary character
 *       ({@code C:\dir} stays as is).</li>
 *   <li>Inside double quotes the escape only escapes {@code "}, {@code $} and itself; before any
 *       other character it stays. Single quotes keep everything literally.</li>
 *   <li>There is no command substitution, arithmetic, tilde or glob expansion: {@code `} and
 *       {@code $(} are ordinary characters.</li>
 *   <li>{@code $$}, {@code $1}, {@code $@} and the other special parameters are looked up as
 *       variables named {@code $}, {@code 1}, {@code @} ..., which are never set, so they expand to
 *       nothing (and count as undefined). {@code $} before any other character stays a literal
 *       {@code $}.</li>
 *   <li>{@code ${VAR:=word}}, {@code ${#VAR}}, {@code ${VAR:offset}}, {@code ${!VAR}} and
 *       {@code ${VAR:#pat}} are errors ("unsupported modifier"); {@code ${}} and {@code ${:...}} are
 *       "bad substitution".</li>
 *   <li>The word of {@code ${VAR:-word}} is always expanded (its variables are looked up) even when
 *       {@code VAR} is set; {@code ${VAR#pat}} and {@code ${VAR%pat}} decide between shortest and
 *       longest after expanding the pattern; {@code ${VAR//pat/repl}} treats {@code $0} in the
 *       replacement as the match (Go's replace template), the single-replacement form does not.</li>
 *   <li>In word-list form, white space from a variable's value or unquoted in the word separates
 *       words; quoted or escaped white space does not; empty words disappear. The whole result of a
 *       {@code ${...}} is split, quotes inside its word included: {@code ${X:-"a b"}} gives two
 *       words.</li>
 * </ul>
 */
package dev.drydock.core.dockerfile.expand;
