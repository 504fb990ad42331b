package dev.drydock.core.entrypoint;

import dev.drydock.core.shell.ShellScript;
import java.util.List;
import java.util.Map;

/**
 * Reads the command a container runs into the application it starts ({@link EntryPoint}).
 *
 * <p>Wrappers are peeled off first, outermost first: {@code sh -c}/{@code bash -c} scripts (their
 * top-level commands; the last one that is not shell bookkeeping is the application, earlier
 * {@code cd} and {@code export} apply to it, the rest go to {@link EntryPoint#otherCommands()}; a variable assigned
 * a command's output ({@code export KEY=$(gen-key)}) holds its value as written;
 * an {@code if} or {@code case} is followed where the positional parameters and the environment decide it, functions
 * of the script where they are called, and a sourced file of the project that only assigns variables is read;
 * a final {@code if} or {@code case} that can't be decided gives {@link EntryPoint#branches()}, one before the end whose
 * ways only run setup or fail is read through (its setup commands go to {@link EntryPoint#otherCommands()});
 * scripts whose program is a command substitution, here-documents, or other control flow not followed by a final
 * {@code exec} stay whole as {@link Runtime#SHELL}), {@code exec},
 * {@code env}, init processes ({@code tini}, {@code dumb-init}, {@code catatonit}), user switchers
 * ({@code gosu}, {@code su-exec}, {@code s6-setuidgid}, {@code chpst}, {@code setpriv},
 * {@code runuser}, {@code su}, {@code sudo}), instrumentation ({@code opentelemetry-instrument},
 * {@code ddtrace-run}, {@code newrelic-admin run-program}), package runners ({@code bundle exec},
 * {@code npx}, {@code npm exec}, {@code pnpm exec|dlx}, {@code yarn exec|dlx}, {@code bunx},
 * {@code poetry run}, {@code pipenv run}, {@code pdm run}, {@code hatch run}, {@code uv run}),
 * waiters ({@code wait-for-it ... --}, {@code dockerize}), Thruster's proxy ({@code thrust}: its child gets
 * PORT set to Thruster's target port, see {@link Thruster}) and entry-point scripts
 * ({@code /docker-entrypoint.sh}: recorded in {@link EntryPoint#scripts()}; the arguments after it
 * are read as the application when they look like a command and the script runs them ({@code exec "$@"}),
 * or may ({@code "$1"}, shift) or cannot be read, on the usual {@code exec "$@"} convention, which is
 * noted; when the project's copy of the script never reads its arguments, the arguments never run and
 * the script is read as an {@code sh -c} script instead: its final program is the application). Interpreters are recognised under any path and version
 * ({@code /usr/local/bin/python3.11}); {@code python -m gunicorn} is gunicorn.
 */
public final class EntryPoints {

    private EntryPoints() {}

    public static EntryPoint interpret(Invocation invocation) {
        return interpret(invocation, ScriptFiles.NONE);
    }

    /** Reads the command with the project's copies of its entry-point scripts at hand (see {@link ScriptArguments}). */
    public static EntryPoint interpret(Invocation invocation, ScriptFiles scriptFiles) {
        return new CommandReader(invocation, scriptFiles).run(invocation.effectiveArgv());
    }

    /**
     * A project script already parsed ({@link ScriptFiles#parsed}), read as {@code sh -c} reads its text in this
     * environment and working directory, with the project's other scripts at hand.
     */
    public static EntryPoint interpretScript(ShellScript script, Map<String, String> environment, String workdir,
            ScriptFiles scriptFiles) {
        return new CommandReader(new Invocation(List.of(), false, environment, workdir), scriptFiles).runScript(script);
    }

    public static EntryPoint interpret(List<String> argv, boolean shellForm, Map<String, String> environment, String workdir) {
        return interpret(new Invocation(argv, shellForm, environment, workdir));
    }
}
