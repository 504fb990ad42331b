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
 *   <li>The {@code sh -c} scripts containers run are parsed by the shell package and read as their
 *       top-level commands, words evaluated against the environment; a script with substitutions,
 *       here-documents, or control flow not followed by a final {@code exec} is kept whole.
 *   <li>{@link dev.drydock.core.entrypoint.ContextPaths} maps container paths to build-context
 *       paths and back through {@link dev.drydock.core.entrypoint.Copy} records, and through other
 *       stages' paths for {@code COPY --from} (its layers are built from a Dockerfile by
 *       {@code project.ImagePaths}).
 * </ul>
 *
 * <p>Decisions: exec-form arguments are never expanded (Docker does not expand them either: a
 * literal {@code $PORT} stays); a shell script that can't be followed statically falls back to
 * {@link dev.drydock.core.entrypoint.Runtime#SHELL} with the raw text; an entry-point
 * script's arguments are read as the application only when they look like a command and the
 * project's copy of the script runs them ({@code exec "$@"}), may, or can't be read (the
 * {@code exec "$@"} convention, noted); a script that never reads them
 * ({@link dev.drydock.core.entrypoint.ScriptArguments}) is read for the program it starts itself.
 */
package dev.drydock.core.entrypoint;
