package dev.drydock.core.rules.support;

import dev.drydock.core.app.NodePackage;
import dev.drydock.core.app.SourceSet;
import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.entrypoint.EntryPoint;
import dev.drydock.core.entrypoint.Runtime;
import dev.drydock.core.project.Container;
import dev.drydock.core.project.EffectiveCommand;
import dev.drydock.core.project.Origin;
import dev.drydock.core.review.Location;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.shell.Command;
import dev.drydock.core.shell.Connector;
import dev.drydock.core.shell.Scope;
import dev.drydock.core.shell.ShellScript;
import dev.drydock.core.source.SourceFile;
import dev.drydock.core.shell.Word;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The database migrations a container applies every time it starts, without a lock ({@link MigrationCommands}):
 * commands of its entry-point scripts (the project's copies), the other commands of the {@code sh -c} script its
 * command runs before the application, and those of the package.json scripts a package manager runs (with npm's
 * pre-script), and of the scripts these run in turn by name ({@code npm run migrate}). A migration is left out when only some starts run it: inside an {@code if},
 * a {@code case} or a function, or after a test ({@code [ "$RUN_MIGRATIONS" = true ] && ...}); and so is every
 * migration of a script that takes a lock ({@code flock}, a PostgreSQL advisory lock, django-pglock). Also the EF Core
 * migrations a .NET application applies from its startup code ({@link EfCoreStartupMigrations}).
 */
public final class StartupMigrations {

    /**
     * One migration of a start path.
     *
     * @param location where it is written: the script's line, or the command's
     * @param where {@code docker-entrypoint.sh line 4}, {@code compose.yaml line 12}, for messages
     * @param command the command as written
     * @param tool the tool's migration as a message names it ("Django's migrate")
     * @param inScript whether an entry-point script of the project runs it (else the container's command)
     * @param inCode whether the application's own startup code applies it ({@link EfCoreStartupMigrations})
     */
    public record Site(Location location, String where, String command, String tool, boolean inScript,
            boolean inCode) {}

    /** Constructs whose commands run only on some starts. */
    private static final Set<Scope> CONDITIONAL = EnumSet.of(Scope.IF_BRANCH, Scope.CASE_BRANCH, Scope.FUNCTION_BODY,
            Scope.COMMAND_SUBSTITUTION, Scope.PROCESS_SUBSTITUTION);
    private static final Set<String> TESTS = Set.of("[", "[[", "test");
    /** Words of a script that serialises what it runs across containers. */
    private static final Pattern LOCKS = Pattern.compile("(?i)\\bflock\\b|advisory|pglock|\\bredlock\\b|\\blockfile\\b");

    private StartupMigrations() {}

    /** The migrations the container applies at every start, in the order found. */
    public static List<Site> of(ReviewContext context, Container c) {
        return sites(context, c, MigrationCommands::unlocked, true, true);
    }

    /**
     * The commands of the container's start path that {@code tool} names ({@code tool} gives the name a message uses):
     * of its entry-point scripts and of its command's {@code sh -c} script, on every start (none of a branch, a
     * function or a test's {@code &&}), whatever lock the script takes; no EF Core startup code. {@link Site#tool} holds
     * that name.
     */
    public static List<Site> startCommands(ReviewContext context, Container c,
            Function<List<String>, Optional<String>> tool) {
        return sites(context, c, tool, false, false);
    }

    /**
     * Whether the container applies migrations of any tool ({@link MigrationCommands#of}) at every start, before its
     * application and whatever lock it takes: it does not serve before its schema is there.
     */
    public static boolean migratesAtStart(ReviewContext context, Container c) {
        return !sites(context, c, words -> MigrationCommands.of(words).map(MigrationCommands.Migration::tool), false,
                true)
                .isEmpty();
    }

    /**
     * The migrations that {@code tool} names, in the order found; with {@code skipLocked}, none of a script that takes
     * a lock.
     */
    private static List<Site> sites(ReviewContext context, Container c, Function<List<String>, Optional<String>> tool,
            boolean skipLocked, boolean efCore) {
        EntryPoint ep = c.entryPoint();
        List<Site> sites = new ArrayList<>();
        if (c.build() == null) {
            return sites;
        }
        if (efCore) {
            sites.addAll(EfCoreStartupMigrations.of(context, c));
        }
        if (ep == null) {
            return sites;
        }
        for (String script : ep.scripts()) {
            SourceFile file = c.scripts().find(script).orElse(null);
            if (file != null && !(skipLocked && LOCKS.matcher(file.text()).find())) {
                ShellScript parsed = c.scripts().parsed(script).orElseThrow();
                for (Command command : everyStart(parsed)) {
                    String text = file.text().substring(command.span().start(), command.span().end());
                    sites.addAll(scriptRunSites(context, c, ep, values(command), tool));
                    tool.apply(values(command)).ifPresent(name -> sites.add(new Site(
                            new Location(file.path(), command.span()), file.path() + " line " + command.span().startLine(),
                            text, name, true, false)));
                }
            }
        }
        sites.addAll(packageScriptSites(context, c, ep, tool));
        if (ep.startedBy() == null && c.command() != null) {
            for (List<String> words : ep.otherCommands()) {
                sites.addAll(scriptRunSites(context, c, ep, words, tool));
                tool.apply(words).flatMap(name -> commandSite(c.command(), words, name)).ifPresent(sites::add);
            }
            if (ep.shellScript() != null && !(skipLocked && LOCKS.matcher(ep.shellScript()).find())) {
                for (Command command : everyStart(ShellScript.parse(ep.shellScript()))) {
                    List<String> words = values(command);
                    tool.apply(words).flatMap(name -> commandSite(c.command(), words, name)).ifPresent(sites::add);
                }
            }
        }
        return sites;
    }

    /**
     * What the package.json script a package manager runs ({@code npm start}, {@code yarn start}) runs at every start
     * besides its program ({@code "start": "npm ci && node server.js"}), and, under npm, its pre-script, which npm runs
     * first ({@code "prestart": "prisma migrate deploy"}) unless --ignore-scripts is given; and so on through the
     * scripts these run in turn by name ({@code "start": "npm run migrate && node server.js"}), each with its pre-script
     * under npm, and its post-script too when the script finishes before the program starts (a post-script of the
     * program's own script runs only after the server has stopped). Yarn 2 and later and pnpm by default run no pre- or
     * post-scripts. A script already followed is not followed again (a script that runs itself, or a that runs b that
     * runs a).
     */
    private static List<Site> packageScriptSites(ReviewContext context, Container c, EntryPoint ep,
            Function<List<String>, Optional<String>> tool) {
        Optional<NodePackage> main = PackageScripts.of(context, c, ep);
        if (main.isEmpty() || ep.runtime() == Runtime.DENO_TASK) {
            return List.of();
        }
        ScriptWalk walk = new ScriptWalk(SourceSet.of(context.project(), c), ep, tool);
        walk.run(new PackageScripts.Run(main.get(), PackageScripts.runsLifecycleScripts(ep)), false, 0);
        return walk.sites;
    }

    /**
     * What a package.json script run by name before the program ({@code npm run setup && exec node server.js}, in a
     * start script or an {@code sh -c} command) runs, with its pre- and post-scripts: it finishes before the program.
     */
    private static List<Site> scriptRunSites(ReviewContext context, Container c, EntryPoint ep, List<String> words,
            Function<List<String>, Optional<String>> tool) {
        if (c.build() == null) {
            return List.of();
        }
        SourceSet files = SourceSet.of(context.project(), c);
        Optional<PackageScripts.Run> run = PackageScripts.run(files, PackageScripts.baseFolder(context, c, ep), words,
                ep.environment(), ep.workdir());
        if (run.isEmpty()) {
            return List.of();
        }
        ScriptWalk walk = new ScriptWalk(files, ep, tool);
        walk.run(run.get(), true, 0);
        return walk.sites;
    }

    /** The walk through the package.json scripts a start runs, collecting the commands {@code tool} names. */
    private static final class ScriptWalk {

        /** How deep scripts may run scripts before the walk stops. */
        private static final int MAX_DEPTH = 8;

        private final SourceSet files;
        private final EntryPoint ep;
        private final Function<List<String>, Optional<String>> tool;
        private final Set<String> followed = new java.util.HashSet<>();
        private final List<Site> sites = new ArrayList<>();

        ScriptWalk(SourceSet files, EntryPoint ep, Function<List<String>, Optional<String>> tool) {
            this.files = files;
            this.ep = ep;
            this.tool = tool;
        }

        /**
         * A script run by name: its pre-script, itself, then, when it finishes before the program starts
         * ({@code finishes}), its post-script.
         */
        void run(PackageScripts.Run run, boolean finishes, int depth) {
            String name = run.script().name();
            if (run.lifecycle()) {
                lifecycle(run, "pre" + name, depth);
            }
            visit(run.script(), finishes, depth);
            if (run.lifecycle() && finishes) {
                lifecycle(run, "post" + name, depth);
            }
        }

        private void lifecycle(PackageScripts.Run run, String name, int depth) {
            NodePackage.script(files, run.folder(), name, ep.environment(), ep.workdir())
                    .ifPresent(script -> visit(script, true, depth));
        }

        /**
         * The commands of a script that run at every start: another script it runs by name is followed (it finishes
         * before the program when another command follows it, or when this script finishes before it), any other
         * command is offered to {@code tool}.
         */
        private void visit(NodePackage script, boolean finishes, int depth) {
            if (depth > MAX_DEPTH || !followed.add(script.packageFile() + "#" + script.name())) {
                return;
            }
            ShellScript parsed = ShellScript.parse(script.command());
            if (parsed.hasProblems()) {
                return;
            }
            List<Command> all = parsed.commands();
            String folder = PathNames.parent(script.packageFile());
            for (Command command : everyStart(parsed)) {
                List<String> words = values(command);
                Optional<PackageScripts.Run> inner = PackageScripts.run(files, folder, words, ep.environment(),
                        ep.workdir());
                if (inner.isPresent()) {
                    run(inner.get(), finishes || command != all.get(all.size() - 1), depth + 1);
                    continue;
                }
                String text = script.command().substring(command.span().start(), command.span().end());
                tool.apply(words).ifPresent(name -> sites.add(new Site(
                        new Location(script.packageFile(), script.span()), script.packageFile() + " line "
                                + script.span().startLine() + ", the " + script.name() + " script",
                        text, name, true, false)));
            }
        }
    }

    /** A migration of the command's own script: where the command or the entrypoint that holds it is written. */
    private static Optional<Site> commandSite(EffectiveCommand command, List<String> words, String tool) {
        String program = words.get(0);
        boolean inCmd = command.cmdOrigin() != null && command.cmd().stream().anyMatch(w -> w.contains(program));
        Origin origin = inCmd ? command.cmdOrigin() : Optional.ofNullable(command.entrypointOrigin())
                .orElse(command.origin());
        if (origin == null) {
            return Optional.empty();
        }
        return Optional.of(new Site(new Location(origin.file(), origin.span()), origin.file() + " line " + origin.line(),
                String.join(" ", words), tool, false, false));
    }

    /** The commands a script runs on every start: none of a branch, a function or a test's {@code &&}. */
    private static List<Command> everyStart(ShellScript script) {
        List<Command> commands = script.commands();
        List<Command> out = new ArrayList<>();
        for (int i = 0; i < commands.size(); i++) {
            Command command = commands.get(i);
            if (command.scopes().stream().anyMatch(CONDITIONAL::contains)) {
                continue;
            }
            boolean afterTest = i > 0 && (command.precededBy() == Connector.AND || command.precededBy() == Connector.OR)
                    && TESTS.contains(commands.get(i - 1).name());
            if (!afterTest) {
                out.add(command);
            }
        }
        return out;
    }

    private static List<String> values(Command command) {
        return command.words().stream().map(Word::value).toList();
    }
}
