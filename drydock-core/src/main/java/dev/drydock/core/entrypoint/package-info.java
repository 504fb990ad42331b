/**
 * What application a container command starts, and where its files come from in the build
 * context.
 *
 * <ul>
 *   <li>{@link dev.drydock.core.entrypoint.EntryPoints#interpret} reads an
 *       {@link dev.drydock.core.entrypoint.Invocation} (argv, shell form, environment, working
 *       directory) into an {@link dev.drydock.core.entrypoint.EntryPoint}: the
 *       {@link dev.drydock.core.entrypoint.Runtime}, the {@link dev.drydock.core.entrypoint.Target},
 *       the options that matter, the wrappers seen through.
 *   <li>{@link dev.drydock.core.entrypoint.ShellWords} splits the simple {@code sh -c} scripts
 *       containers run; anything with control flow or substitutions is kept whole.
 *   <li>{@link dev.drydock.core.entrypoint.ContextPaths} maps container paths to build-context
 *       paths and back through {@link dev.drydock.core.entrypoint.Copy} records.
 * </ul>
 *
 * <p>Decisions: exec-form arguments are never expanded (Docker does not expand them either: a
 * literal {@code $PORT} stays); shell scripts are split here with a deliberately small reader and
 * fall back to {@link dev.drydock.core.entrypoint.Runtime#SHELL} with the raw text, so the
 * project's full shell parser can take over later without changing this API; an entry-point
 * script's arguments are read as the application only when they look like a command (the
 * {@code exec "$@"} convention), and that assumption is noted.
 */
package dev.drydock.core.entrypoint;
