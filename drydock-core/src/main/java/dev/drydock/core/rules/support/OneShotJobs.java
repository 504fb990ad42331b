package dev.drydock.core.rules.support;

import dev.drydock.core.app.AppSource;
import dev.drydock.core.compose.Located;
import dev.drydock.core.compose.Service;
import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.entrypoint.EntryPoint;
import dev.drydock.core.entrypoint.Runtime;
import dev.drydock.core.project.Container;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.shell.ShellCommands;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Containers that run a short job and exit rather than a service: a compose service with {@code restart: "no"} whose
 * command is a task ({@link ComposeJobs}), an image that the project's Kubernetes manifests run only as Jobs or
 * CronJobs, a compose service that runs the test suite ({@code yarn test}, {@code pytest}), an image whose command
 * submits a batch ({@link #batchProgram}: spark-submit, a dbt command), or a Python or
 * Node script whose code drydock reads in full and that neither serves, loops nor waits for anything. Empty whenever drydock cannot tell, and for a compose service that is restarted whenever it ends.
 */
public final class OneShotJobs {

    /** Words in a script's code that say it may run for long: a loop, a wait, a server, a consumer, a scheduler. */
    private static final Pattern LONG_RUNNING = Pattern.compile("(?i)\\bwhile\\b|serve|listen|forever|sleep|schedul"
            + "|consum|subscri|poll|watch|stream|socket|asyncio|thread|daemon|worker|loop|queue|kafka|pika|celery"
            + "|websocket|setinterval|settimeout|\\binput\\s*\\(|readline|process\\.stdin|\\.on\\s*\\(|for\\s+await");
    /** Words in a script's file name that say it keeps running. */
    private static final Pattern LONG_RUNNING_NAME = Pattern.compile("(?i)bot|server|agent|listen|monitor|relay|proxy");
    private static final Set<Runtime> SCRIPTS = Set.of(Runtime.PYTHON, Runtime.NODE);
    private static final Set<Runtime> PACKAGE_MANAGERS = Set.of(Runtime.NPM, Runtime.YARN, Runtime.PNPM, Runtime.BUN);
    /** package.json scripts that run a test suite: test, test:e2e, test-unit, e2e, test:ci. */
    private static final Pattern TEST_SCRIPT = Pattern.compile("(?:test|tests|e2e)(?:[:_-][\\w:-]+)?|[\\w-]+:(?:test|e2e)");
    /** Test runners run directly, which run the suite once and exit (vitest only with run). */
    private static final Set<String> TEST_RUNNERS = Set.of("jest", "vitest", "mocha", "pytest", "phpunit", "rspec",
            "playwright");
    private static final Set<String> RESTARTED = Set.of("always", "unless-stopped");
    /** Arguments by which an image's command reads as a command-line tool: help, version, or input on stdin. */
    private static final Set<String> TOOL_ARGUMENTS = Set.of("-", "--help", "-h", "help", "--version", "version");

    /** dbt's commands that build, test or load the project's models and exit (not docs serve, not a server). */
    private static final Set<String> DBT_JOBS = Set.of("run", "build", "test", "seed", "snapshot", "deps", "compile",
            "source", "run-operation", "parse", "clone", "retry");

    private OneShotJobs() {}

    /** Why the container runs a job that ends (for messages), or empty when it may be a service or drydock cannot tell. */
    public static Optional<String> of(ReviewContext context, Container c) {
        Service s = c.service();
        if (s != null) {
            if (restarted(s)) {
                return Optional.empty();
            }
            Optional<MigrationJobs.Job> migration = MigrationJobs.of(context, s);
            if (migration.isPresent()) {
                return Optional.of(s.name() + " applies " + migration.get().tool() + " and exits");
            }
            if (s.restart() != null && "no".equals(s.restart().value()) && ComposeJobs.isOneOff(s)) {
                return Optional.of("compose runs " + s.name() + " as a task with restart: \"no\"");
            }
            Optional<String> tests = testRun(context, c);
            if (tests.isPresent()) {
                return Optional.of(s.name() + " runs the test suite (" + tests.get() + ") and exits");
            }
        } else {
            List<KubernetesRuns> runs = c.build() == null ? List.of() : KubernetesRuns.of(context, c);
            if (!runs.isEmpty() && runs.stream().allMatch(KubernetesRuns::runsToCompletion)) {
                return Optional.of("the Kubernetes manifests run it only as " + runs.get(0).workload().kind() + " "
                        + runs.get(0).workload().name() + (runs.size() > 1 ? " and other jobs" : ""));
            }
            if (!runs.isEmpty()) {
                return Optional.empty(); // a Deployment or a StatefulSet keeps it running
            }
        }
        return batchProgram(c).or(() -> endingScript(context, c));
    }

    /**
     * Why the container's command runs a batch to its end, or empty: spark-submit (exec form, or the first word of a
     * shell command), which runs one Spark application and exits when its driver does, and dbt, which runs one command
     * over the project's models (also as a bare {@code ENTRYPOINT ["dbt"]} given its command at run time), not
     * {@code dbt docs serve}.
     */
    public static Optional<String> batchProgram(Container c) {
        if (c.command() == null) {
            return Optional.empty();
        }
        List<String> argv = c.command().shellForm() && c.command().script() != null
                ? List.of(c.command().script().trim().split("\\s+")) : c.command().argv();
        if (argv.isEmpty()) {
            return Optional.empty();
        }
        String program = PathNames.fileName(argv.get(0)).toLowerCase(Locale.ROOT);
        if (program.equals("spark-submit")) {
            return Optional.of("spark-submit runs one Spark application and exits when its driver ends");
        }
        if (program.equals("dbt") && (argv.size() == 1 || DBT_JOBS.contains(argv.get(1)))) {
            return Optional.of("dbt " + (argv.size() == 1 ? "runs the command it is given" : argv.get(1))
                    + " over the project's models and exits");
        }
        return Optional.empty();
    }

    /**
     * Whether the image's command reads as a command-line tool: a program (not a shell or interpreter of the
     * project's code) given only help, version or stdin as its default arguments ({@code ENTRYPOINT ["mdcheck"]} with
     * {@code CMD ["--help"]}, {@code CMD ["/bin/hadolint", "-"]}), in an image no compose file or Kubernetes
     * manifest keeps running as a service.
     */
    public static boolean commandLineTool(ReviewContext context, Container c) {
        if (c.isComposeService() || c.command() == null || c.command().shellForm() || c.build() == null
                || !KubernetesRuns.of(context, c).stream().allMatch(KubernetesRuns::runsToCompletion)) {
            return false;
        }
        List<String> argv = c.command().argv();
        if (argv.size() < 2) {
            return false;
        }
        String program = PathNames.fileName(argv.get(0)).toLowerCase(Locale.ROOT);
        EntryPoint ep = c.entryPoint();
        if (ShellCommands.isShell(program) || ep != null && ep.runtime().language() != dev.drydock.core.discovery.Language.NONE) {
            return false;
        }
        return argv.subList(1, argv.size()).stream().allMatch(TOOL_ARGUMENTS::contains);
    }

    /**
     * Whether a compose service runs a one-off task ({@link ComposeJobs}: a migration, a seed, bucket creation) that
     * compose does not restart whenever it ends.
     */
    public static boolean composeTask(Service s) {
        return !restarted(s) && ComposeJobs.isOneOff(s);
    }

    /** Whether compose starts the service again whenever it ends: restart always or unless-stopped, or Swarm's any. */
    public static boolean restarted(Service s) {
        return s.restart() != null && RESTARTED.contains(s.restart().value()) || restartsAlways(s);
    }


    private static boolean restartsAlways(Service s) {
        Service.RestartPolicy policy = s.deploy() == null ? null : s.deploy().restartPolicy();
        if (policy == null) {
            return false;
        }
        Located<String> condition = policy.condition();
        return condition == null || "any".equals(condition.value());
    }

    /**
     * The test run a compose service's command starts, for messages ({@code `yarn test`}), or empty: a package.json
     * script named test ({@code test}, {@code test:e2e}, {@code test-unit}) run by npm, yarn, pnpm or bun, or a test
     * runner run directly (jest, vitest run, mocha, pytest, {@code go test}, {@code cargo test}, phpunit, rspec), neither
     * in watch mode. Such a run ends with the suite: nobody stops it, so nothing has to stop gracefully.
     */
    private static Optional<String> testRun(ReviewContext context, Container c) {
        EntryPoint ep = c.entryPoint();
        if (ep == null || c.command() == null) {
            return Optional.empty();
        }
        List<String> words = ep.args();
        String joined = String.join(" ", words);
        if (words.isEmpty() || joined.contains("--watch") || joined.contains("watch")) {
            return Optional.empty();
        }
        if (PACKAGE_MANAGERS.contains(ep.runtime()) && ep.target().kind() == dev.drydock.core.entrypoint.Target.Kind.SCRIPT) {
            String script = ep.target().value();
            if (!TEST_SCRIPT.matcher(script).matches()) {
                return Optional.empty();
            }
            dev.drydock.core.app.SourceSet files = dev.drydock.core.app.SourceSet.of(context.project(), c);
            String folder = PackageScripts.folder(context, c, ep);
            boolean watches = dev.drydock.core.app.NodePackage.script(files, folder, script, ep.environment(), ep.workdir())
                    .map(p -> p.command().contains("watch") || p.entryPoint().development()).orElse(false);
            return watches ? Optional.empty() : Optional.of("`" + joined + "`");
        }
        String program = PathNames.fileName(words.get(0));
        List<String> rest = words.subList(1, words.size());
        boolean runner = TEST_RUNNERS.contains(program) && !(program.equals("vitest") && !rest.contains("run"))
                || (program.equals("go") || program.equals("cargo")) && !rest.isEmpty() && rest.get(0).equals("test")
                || SCRIPTS.contains(ep.runtime()) && rest.size() >= 2 && rest.get(0).equals("-m")
                        && rest.get(1).equals("pytest");
        return runner ? Optional.of("`" + joined + "`") : Optional.empty();
    }

    /** A Python or Node script that serves nothing and whose code, all of it read, neither loops nor waits. */
    private static Optional<String> endingScript(ReviewContext context, Container c) {
        EntryPoint ep = c.entryPoint();
        if (ep == null || !SCRIPTS.contains(ep.runtime()) || !ep.wrappers().isEmpty()
                || c.supervision() != null || WorkerCommand.of(context, c).isPresent()) {
            return Optional.empty();
        }
        AppSource app = Apps.of(context, c);
        if (app.files().isEmpty() || !app.serverCalls().isEmpty() || app.app().isPresent()
                || AppFacts.servesEvidence(context, c, app) != null) {
            return Optional.empty();
        }
        for (String file : app.files()) {
            if (LONG_RUNNING.matcher(file).find() || LONG_RUNNING_NAME.matcher(PathNames.fileName(file)).find()) {
                return Optional.empty(); // send_queue.py, bot.py: the name says it keeps running
            }
            String text = context.project().source(file).map(f -> f.text()).orElse(null);
            if (text == null || LONG_RUNNING.matcher(withoutComments(text)).find()) {
                return Optional.empty();
            }
        }
        return Optional.of(app.files().get(0) + " runs to its end: it serves nothing, and neither loops nor waits");
    }

    private static String withoutComments(String text) {
        return text.replaceAll("(?m)^\\s*(#|//).*$", "");
    }
}
