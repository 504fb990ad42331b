package dev.drydock.core.entrypoint;

import java.util.List;
import java.util.Map;

/**
 * The application a container command starts, as {@link EntryPoints#interpret} reads it.
 *
 * @param runtime the program that serves or runs the application
 * @param target what it runs (file, module:attribute, npm script, jar, main class, ...)
 * @param options the program's own options that matter later, by canonical name: the long option
 *     without dashes ({@code workers}, {@code bind}, {@code timeout}, {@code graceful-timeout},
 *     {@code host}, {@code port}, {@code reload}, {@code debug}, {@code worker-class},
 *     {@code config}, ...); flags are "true" ("false" for {@code --no-x}); repeated options are
 *     joined with ','. Values the program reads from the environment are included
 *     ({@code WEB_CONCURRENCY}, {@code GUNICORN_CMD_ARGS}, {@code FLASK_DEBUG},
 *     {@code FLASK_RUN_PORT}, {@code UVICORN_*}) below the command line. Sub-commands are in
 *     {@code command} (manage.py, flask, rails, artisan, celery), Maven goals in {@code goals},
 *     Gradle tasks in {@code tasks}; Java application arguments ({@code --server.port=8080})
 *     appear without dashes too
 * @param interpreterOptions flags of the interpreter itself, keys as written with their dashes:
 *     Python ({@code -u}, {@code -O}, {@code -X}), Node ({@code --max-old-space-size},
 *     {@code --watch}, {@code -r}), the JVM ({@code -Xmx} = "512m",
 *     {@code -XX:MaxRAMPercentage} = "75.0", {@code -XX:+UseG1GC} = "true",
 *     {@code -Dspring.profiles.active} = "prod"; {@code JAVA_TOOL_OPTIONS} counted below the
 *     command line)
 * @param args the argv of the recognised program itself, after every wrapper
 * @param searchPath Python only: the container folders modules are imported from, in order (the
 *     working directory or {@code --chdir}, {@code --pythonpath}/{@code --app-dir},
 *     {@code PYTHONPATH}); empty for other runtimes
 * @param targetFiles container paths where the target's code may be, in lookup order (the script;
 *     or {@code dir/pkg/mod.py} and {@code dir/pkg/mod/__init__.py} for each search folder)
 * @param workdir the working directory the program starts in (after {@code cd} in a script)
 * @param environment the variables in effect for the program (after {@code env X=1},
 *     {@code export}, assignments)
 * @param user the user a privilege-dropping wrapper switches to ({@code gosu app}), or null
 * @param wrappers what was seen through, outermost first
 * @param scripts entry-point scripts passed through ({@code /docker-entrypoint.sh}), as container paths
 * @param otherCommands the other commands of a shell script, in order (migrations before the
 *     server, background processes)
 * @param shellScript the raw script when it could not be split ({@link Runtime#SHELL}), else null
 * @param unresolved variable references that had no value (e.g. {@code $JAVA_OPTS}) or a value drydock can't know
 *     ({@code $KEY} after {@code KEY=$(gen-key)}), and command substitutions kept as written inside a quoted argument
 * @param notes assumptions made, in words (an entry-point script assumed to end in {@code exec "$@"}), and
 *     what was read otherwise (the arguments an entry-point script never reads)
 * @param commandIgnoredBy the entry-point script (container path) that never reads the arguments it is given (the CMD
 *     or compose {@code command}), so that the program it starts itself is this application; null when the
 *     arguments are the application or there are none ({@link ScriptArguments})
 * @param startedBy the project's shell script (container path) whose own program this is: one that never reads the
 *     arguments it is given ({@code commandIgnoredBy}) or is given none ({@code CMD ["/start.sh"]}); null when the
 *     program is the command itself
 * @param branches the programs the start script runs instead, one per way through its final {@code if} or {@code case}
 *     that drydock cannot choose between (the condition reads a variable the image does not set); empty when the way is
 *     known. The entry point itself is then the script ({@link Runtime#SHELL} or {@link Runtime#SCRIPT})
 */
public record EntryPoint(
        Runtime runtime,
        Target target,
        Map<String, String> options,
        Map<String, String> interpreterOptions,
        List<String> args,
        List<String> searchPath,
        List<String> targetFiles,
        String workdir,
        Map<String, String> environment,
        String user,
        List<Wrapper> wrappers,
        List<String> scripts,
        List<List<String>> otherCommands,
        String shellScript,
        List<String> unresolved,
        List<String> notes,
        String commandIgnoredBy,
        String startedBy,
        List<Branch> branches) {

    /**
     * A program a start script may run, and when.
     *
     * @param when what must hold, in words ({@code `$ROLE` is `web`}, {@code `[ "$ENV" = dev ]` succeeds})
     * @param development the condition chooses a development mode ({@code FLASK_DEBUG}, {@code development})
     */
    public record Branch(String when, boolean development, EntryPoint entryPoint) {}

    public EntryPoint {
        options = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(options));
        interpreterOptions = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(interpreterOptions));
        args = List.copyOf(args);
        searchPath = List.copyOf(searchPath);
        targetFiles = List.copyOf(targetFiles);
        environment = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(environment));
        wrappers = List.copyOf(wrappers);
        scripts = List.copyOf(scripts);
        otherCommands = otherCommands.stream().map(List::copyOf).toList();
        unresolved = List.copyOf(unresolved);
        notes = List.copyOf(notes);
        branches = branches == null ? List.of() : List.copyOf(branches);
    }

    /**
     * Whether s6-overlay's {@code /init} runs this command as the container's main program ({@code ENTRYPOINT
     * ["/init"]} with a CMD), beside the services it supervises.
     */
    public boolean underS6OverlayInit() {
        return wrappers.stream().anyMatch(w -> w.name().equals(CommandReader.S6_OVERLAY_INIT));
    }

    /**
     * The same command read as another runtime with more options, for a program whose meaning the build shows
     * (a {@code server.js} Next's standalone output put in the image).
     */
    public EntryPoint as(Runtime other, Target otherTarget, Map<String, String> moreOptions) {
        Map<String, String> merged = new java.util.LinkedHashMap<>(options);
        merged.putAll(moreOptions);
        return new EntryPoint(other, otherTarget, merged, interpreterOptions, args, searchPath, targetFiles, workdir,
                environment, user, wrappers, scripts, otherCommands, shellScript, unresolved, notes, commandIgnoredBy,
                startedBy, branches);
    }

    /**
     * The same program without the script's other commands: as a start script's final program, once the setup
     * steps before it have run.
     */
    public EntryPoint withoutOtherCommands() {
        return new EntryPoint(runtime, target, options, interpreterOptions, args, searchPath, targetFiles, workdir,
                environment, user, wrappers, scripts, List.of(), shellScript, unresolved, notes, commandIgnoredBy,
                startedBy, branches);
    }

    /** An option's value, or null. */
    public String option(String name) {
        return options.get(name);
    }

    /** Whether an option is set to "true" (a flag given, {@code --reload}). */
    public boolean flag(String name) {
        return "true".equals(options.get(name));
    }

    /**
     * Whether this runs in a development mode: a development server by design, or a server with
     * {@code reload}, {@code debug} or Node's {@code --watch} on.
     */
    public boolean development() {
        return runtime.developmentServer() || flag("reload") || flag("debug")
                || "true".equals(interpreterOptions.get("--watch"));
    }

    /** The container paths of the project's scripts the start runs: the entry-point scripts, then {@link #startedBy}. */
    public List<String> startScripts() {
        if (startedBy == null || scripts.contains(startedBy)) {
            return scripts;
        }
        List<String> all = new java.util.ArrayList<>(scripts);
        all.add(startedBy);
        return List.copyOf(all);
    }

    /** Whether a wrapper of that name ({@code tini}, {@code gosu}, {@code sh -c}, ...) was seen through. */
    public boolean wrappedBy(String name) {
        return wrappers.stream().anyMatch(w -> w.name().equals(name));
    }
}
