package dev.drydock.core.rules.support;

import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.entrypoint.EntryPoint;
import dev.drydock.core.entrypoint.Runtime;
import dev.drydock.core.manifest.Ecosystem;
import dev.drydock.core.project.Container;
import dev.drydock.core.review.ReviewContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Queue workers and schedulers a container's command runs, which take their work from a broker and serve no HTTP:
 * a Celery worker or beat, an RQ worker, an arq worker, a Dramatiq worker; Laravel's queue:work, queue:listen, Horizon
 * and schedule:work, Symfony Messenger's messenger:consume. Celery's flower, which serves a web page, is none of them.
 */
public final class TaskWorkers {

    private TaskWorkers() {}

    /**
     * A worker or scheduler.
     *
     * @param display what it is, with its article: "a Celery worker", "Celery beat"
     * @param probe the command that checks it is alive and connected, in exec form, or empty when it has none
     * @param httpPort the port of a health page the worker serves itself (GoodJob's probe server), or null
     */
    public record TaskWorker(String display, List<String> probe, Integer httpPort) {

        public TaskWorker(String display, List<String> probe) {
            this(display, probe, null);
        }

        /** Whether the worker's own health page answers on that port. */
        public boolean answersOn(Integer port) {
            return httpPort != null && httpPort.equals(port);
        }

        /** The probe as a HEALTHCHECK instruction, or null when the worker has no probe of its own. */
        public String instruction() {
            return probe.isEmpty() ? null : "HEALTHCHECK --interval=60s --timeout=20s CMD [\""
                    + String.join("\", \"", probe) + "\"]";
        }
    }

    /** Flower's port when its command sets none. */
    public static final int FLOWER_PORT = 5555;

    private static final String SIDEKIQ = "a Sidekiq process";
    private static final String SOLID_QUEUE = "Solid Queue's supervisor";
    private static final String GOOD_JOB = "a GoodJob worker";
    private static final int SOLID_QUEUE_TIMEOUT = 5;
    private static final int SIDEKIQ_TIMEOUT = 25;
    /** What becomes of a task cut off, as a broker with late acknowledgement has it. */
    public static final String CUT_OFF = "a task still running then is cut off and its work lost (with late"
            + " acknowledgement it is delivered again and starts over)";
    private static final java.util.regex.Pattern SIDEKIQ_CONFIG_TIMEOUT = java.util.regex.Pattern.compile(
            "(?m)^\\s*:?timeout:\\s*(\\d+)\\s*$");

    /**
     * The worker a container runs, as {@link #of(EntryPoint)}, its command's or the one its start script ends with
     * ({@link WorkerCommand}); empty for a Sidekiq process whose project bundles sidekiq_alive, which serves an HTTP
     * liveness page from inside it (on port 7433 unless configured).
     */
    public static Optional<TaskWorker> of(ReviewContext context, Container c) {
        return WorkerCommand.of(context, c).flatMap(w -> of(w.entryPoint())).filter(w -> !w.display().equals(SIDEKIQ)
                || AppFacts.dependencies(c, Ecosystem.RUBYGEMS, List.of("sidekiq_alive")).isEmpty());
    }

    /** The worker a command runs, or empty when it runs something else (a server, a script, flower). */
    public static Optional<TaskWorker> of(EntryPoint ep) {
        if (ep == null || !ep.otherCommands().isEmpty()) {
            return Optional.empty();
        }
        if (ep.runtime() == Runtime.CELERY) {
            String command = ep.option("command");
            List<String> app = ep.option("app") == null ? List.of() : List.of("-A", ep.option("app"));
            if ("worker".equals(command)) {
                List<String> ping = new ArrayList<>(List.of("celery"));
                ping.addAll(app);
                ping.addAll(List.of("inspect", "ping", "--timeout", "10"));
                return Optional.of(new TaskWorker("a Celery worker", ping));
            }
            return "beat".equals(command) ? Optional.of(new TaskWorker("Celery beat", List.of())) : Optional.empty();
        }
        Optional<TaskWorker> php = PhpConsoleCommand.of(ep).flatMap(TaskWorkers::phpWorker);
        if (php.isPresent()) {
            return php;
        }
        if (solidQueue(ep)) {
            return Optional.of(new TaskWorker(SOLID_QUEUE, List.of()));
        }
        if (goodJob(ep)) {
            return Optional.of(new TaskWorker(GOOD_JOB, List.of(), goodJobProbePort(ep)));
        }
        List<String> args = ep.args();
        if (ep.runtime() != Runtime.BINARY || args.isEmpty()) {
            return Optional.empty();
        }
        String program = PathNames.fileName(args.get(0));
        if (program.equals("rq") && args.size() > 1 && args.get(1).equals("worker")) {
            return Optional.of(new TaskWorker("an RQ worker", List.of()));
        }
        if (program.equals("sidekiq")) {
            return Optional.of(new TaskWorker(SIDEKIQ, List.of()));
        }
        if (program.equals("arq") && !args.contains("--check")) {
            String settings = args.stream().skip(1).filter(a -> !a.startsWith("-")).findFirst().orElse(null);
            return Optional.of(new TaskWorker("an arq worker",
                    settings == null ? List.of() : List.of("arq", "--check", settings)));
        }
        if (program.equals("dramatiq") && !args.contains("--help") && !args.contains("--version")) {
            return Optional.of(new TaskWorker("a Dramatiq worker", List.of()));
        }
        return Optional.empty();
    }

    /**
     * Whether the command starts Solid Queue's supervisor: the {@code bin/jobs} its installer writes (whose default
     * command is start), {@code rails solid_queue:start} or {@code rake solid_queue:start}.
     */
    private static boolean solidQueue(EntryPoint ep) {
        if (ep.runtime() == Runtime.RAILS_COMMAND) {
            return "solid_queue:start".equals(ep.option("command"));
        }
        List<String> args = ep.args();
        if (ep.runtime() != Runtime.BINARY || args.isEmpty()) {
            return false;
        }
        String program = args.get(0);
        if (PathNames.fileName(program).equals("rake")) {
            return args.size() > 1 && args.get(1).equals("solid_queue:start");
        }
        String first = args.stream().skip(1).filter(a -> !a.startsWith("-")).findFirst().orElse("start");
        return (program.equals("bin/jobs") || program.endsWith("/bin/jobs")) && first.equals("start")
                && !args.contains("--help") && !args.contains("-h");
    }

    /** Whether the command runs GoodJob's worker: {@code good_job} or {@code good_job start} (start is its default). */
    private static boolean goodJob(EntryPoint ep) {
        List<String> args = ep.args();
        if (ep.runtime() != Runtime.BINARY || args.isEmpty() || !PathNames.fileName(args.get(0)).equals("good_job")) {
            return false;
        }
        String first = args.stream().skip(1).filter(a -> !a.startsWith("-")).findFirst().orElse("start");
        return first.equals("start") && !args.contains("--help") && !args.contains("-h");
    }

    /** GoodJob's probe server port: --probe-port, else GOOD_JOB_PROBE_PORT; null when neither starts it. */
    private static Integer goodJobProbePort(EntryPoint ep) {
        String value = CommandLineOptions.first(ep.args(), "--probe-port");
        if (value == null) {
            value = ep.environment().get("GOOD_JOB_PROBE_PORT");
        }
        return value != null && value.strip().matches("\\d{1,5}") ? Integer.valueOf(value.strip()) : null;
    }

    private static Optional<TaskWorker> phpWorker(PhpConsoleCommand command) {
        if (!command.laravel()) {
            return command.name().equals("messenger:consume")
                    ? Optional.of(new TaskWorker("a Symfony Messenger consumer", List.of())) : Optional.empty();
        }
        return switch (command.name()) {
            case "queue:work" -> Optional.of(new TaskWorker("a Laravel queue worker", List.of()));
            case "queue:listen" -> Optional.of(new TaskWorker("a Laravel queue listener", List.of()));
            case "horizon" -> Optional.of(new TaskWorker("Laravel Horizon",
                    List.of("php", command.console(), "horizon:status")));
            case "schedule:work" -> Optional.of(new TaskWorker("the Laravel scheduler", List.of()));
            default -> Optional.empty();
        };
    }

    /**
     * The scheduler a command runs, which sends or runs each periodic task when it falls due and takes no lock by
     * itself, so that every copy of it runs every task: Celery beat ("Celery beat"), a Celery worker with beat embedded
     * (-B), Laravel's schedule:work or a shell loop that runs schedule:run every minute. Empty for anything else.
     */
    public static Optional<String> scheduler(EntryPoint ep) {
        if (ep == null) {
            return Optional.empty();
        }
        if (ep.runtime() == Runtime.CELERY) {
            if ("beat".equals(ep.option("command"))) {
                return Optional.of("Celery beat");
            }
            return "worker".equals(ep.option("command")) && ep.flag("beat")
                    ? Optional.of("a Celery worker with beat embedded (-B)") : Optional.empty();
        }
        if (PhpConsoleCommand.of(ep).filter(c -> c.laravel() && c.name().equals("schedule:work")).isPresent()) {
            return Optional.of("the Laravel scheduler (schedule:work)");
        }
        String script = ep.shellScript();
        return script != null && SCHEDULE_RUN_LOOP.matcher(script).find()
                ? Optional.of("the Laravel scheduler (schedule:run in a loop)") : Optional.empty();
    }

    /** A shell loop that starts artisan's schedule:run again and again (with a sleep between). */
    private static final java.util.regex.Pattern SCHEDULE_RUN_LOOP = java.util.regex.Pattern.compile(
            "\\b(?:while|until)\\b[\\s\\S]*\\bartisan\\s+schedule:run\\b");

    /** Whether the scheduler is Laravel's, whose tasks can each take a lock with onOneServer(). */
    public static boolean laravelScheduler(String display) {
        return display.startsWith("the Laravel scheduler");
    }

    /**
     * How long a worker may take to stop on docker stop's SIGTERM, which it answers by finishing the tasks it is
     * running: Celery's warm shutdown, RQ's warm shutdown (the work horse finishes its job), Dramatiq's graceful stop.
     *
     * @param display the worker, with its article
     * @param seconds the longest a running task may take, or null when nothing bounds it
     * @param bound what sets {@code seconds} ("--time-limit 300"), or null
     * @param otherwise the stop grace period to suggest when nothing bounds the tasks, with the reason in words
     * @param cutOff what becomes of a task still running when the container is killed, as a clause
     */
    public record Drain(String display, Long seconds, String bound, long otherwise, String reason, String cutOff) {

        public Drain(String display, Long seconds, String bound, long otherwise, String reason) {
            this(display, seconds, bound, otherwise, reason, CUT_OFF);
        }
    }

    /** What becomes of a Laravel job whose worker is killed: it stays reserved until retry_after, then runs again. */
    private static final String LARAVEL_CUT_OFF = "a job still running then is cut off: it stays reserved until the"
            + " connection's retry_after (90 s in config/queue.php as published) passes and then runs again from the"
            + " start";

    /**
     * The drain of a worker command. arq is not one: unless its settings set job_completion_wait, it cancels its
     * running jobs on SIGTERM at once.
     */
    public static Optional<Drain> drain(EntryPoint ep) {
        if (ep == null || !ep.otherCommands().isEmpty()) {
            return Optional.empty();
        }
        if (ep.runtime() == Runtime.CELERY && "worker".equals(ep.option("command"))) {
            for (String option : List.of("time-limit", "soft-time-limit")) {
                Long limit = wholeSeconds(ep.option(option), 1);
                if (limit != null) {
                    return Optional.of(new Drain("a Celery worker", limit, "--" + option + " " + ep.option(option),
                            0, null));
                }
            }
            return Optional.of(new Drain("a Celery worker", null, null, 120, "Celery sets no task time limit by"
                    + " default, so 2 minutes is a starting point: raise it above the longest task, or set --time-limit"
                    + " and a grace period a few seconds above it"));
        }
        Optional<Drain> php = PhpConsoleCommand.of(ep).flatMap(TaskWorkers::phpDrain);
        if (php.isPresent()) {
            return php;
        }
        if (solidQueue(ep)) {
            return Optional.of(solidQueueDrain(SOLID_QUEUE_TIMEOUT, "Solid Queue's default shutdown_timeout of "
                    + SOLID_QUEUE_TIMEOUT + " s"));
        }
        if (goodJob(ep)) {
            String option = CommandLineOptions.first(ep.args(), "--shutdown-timeout");
            String variable = ep.environment().get("GOOD_JOB_SHUTDOWN_TIMEOUT");
            return option != null ? goodJobDrain(option, "--shutdown-timeout " + option)
                    : variable != null ? goodJobDrain(variable, "GOOD_JOB_SHUTDOWN_TIMEOUT=" + variable)
                    : Optional.of(goodJobUnbounded());
        }
        List<String> args = ep.args();
        if (ep.runtime() != Runtime.BINARY || args.isEmpty()) {
            return Optional.empty();
        }
        String program = PathNames.fileName(args.get(0));
        if (program.equals("rq") && args.size() > 1 && args.get(1).equals("worker") && !args.contains("--burst")) {
            return Optional.of(new Drain("an RQ worker", null, null, 185, "RQ gives a job 180 s by default"
                    + " (job_timeout) before it stops it, so the grace period covers that"));
        }
        if (program.equals("sidekiq")) {
            String timeout = CommandLineOptions.first(args, "-t", "--timeout");
            Long seconds = wholeSeconds(timeout, 1);
            return Optional.of(sidekiq(seconds == null ? SIDEKIQ_TIMEOUT : seconds, seconds == null
                    ? "Sidekiq's default -t " + SIDEKIQ_TIMEOUT : "-t " + timeout));
        }
        if (program.equals("dramatiq") && !args.contains("--help")) {
            String timeout = CommandLineOptions.first(args, "--worker-shutdown-timeout");
            Long ms = wholeSeconds(timeout, 1000);
            return Optional.of(ms != null
                    ? new Drain("a Dramatiq worker", ms, "--worker-shutdown-timeout " + timeout, 0, null)
                    : new Drain("a Dramatiq worker", null, null, 120, "Dramatiq waits up to 10 minutes for running"
                            + " actors by default (--worker-shutdown-timeout 600000), so 2 minutes is a starting point:"
                            + " raise it above the longest actor, or lower --worker-shutdown-timeout to match"));
        }
        return Optional.empty();
    }

    /**
     * Solid Queue's supervisor on SIGTERM passes it on to its workers, waits up to shutdown_timeout for their jobs,
     * then sends them QUIT, on which they hand their unfinished jobs back to the queue; killed before that, the jobs
     * stay claimed until the process's heartbeat expires, and are then marked failed.
     */
    private static Drain solidQueueDrain(long seconds, String bound) {
        return new Drain(SOLID_QUEUE, seconds, bound, 0, null, "a job still running then is killed before the"
                + " supervisor tells its worker to quit and hand it back to the queue, so it stays claimed until the"
                + " process's heartbeat expires (process_alive_threshold, 5 minutes by default) and is then marked"
                + " failed, to be retried by hand");
    }

    /** GoodJob's shutdown_timeout as written: seconds to wait for running jobs, -1 (or any negative) to wait forever. */
    private static Optional<Drain> goodJobDrain(String value, String bound) {
        String v = value.strip();
        if (v.matches("-\\d+(\\.\\d+)?")) {
            return Optional.of(goodJobUnbounded());
        }
        Long seconds = wholeSeconds(v, 1);
        return seconds == null ? Optional.empty()
                : Optional.of(new Drain(GOOD_JOB, seconds, bound, 0, null, GOOD_JOB_CUT_OFF));
    }

    private static Drain goodJobUnbounded() {
        return new Drain(GOOD_JOB, null, null, 120, "GoodJob waits for running jobs without a limit by default"
                + " (shutdown_timeout -1), so 2 minutes is a starting point: raise it above the longest job, or set"
                + " GOOD_JOB_SHUTDOWN_TIMEOUT and a grace period a few seconds above it", GOOD_JOB_CUT_OFF);
    }

    private static final String GOOD_JOB_CUT_OFF = "a job still running then is cut off mid-way and runs again"
            + " from the start once GoodJob finds its lock released";

    /**
     * The configuration files of a Rails application that may set the shutdown timeout of its Solid Queue or GoodJob
     * worker ({@code config.solid_queue.shutdown_timeout}, {@code config.good_job.shutdown_timeout}); empty for other
     * commands, and for a GoodJob command that sets its timeout, which wins over the files.
     */
    public static List<String> railsConfigFiles(EntryPoint ep) {
        if (ep == null || !ep.otherCommands().isEmpty()) {
            return List.of();
        }
        boolean goodJobSet = goodJob(ep) && (CommandLineOptions.first(ep.args(), "--shutdown-timeout") != null
                || ep.environment().containsKey("GOOD_JOB_SHUTDOWN_TIMEOUT"));
        return solidQueue(ep) || goodJob(ep) && !goodJobSet ? List.of("config/application.rb",
                "config/environments/production.rb", "config/initializers/solid_queue.rb",
                "config/initializers/good_job.rb") : List.of();
    }

    private static final java.util.regex.Pattern RAILS_SHUTDOWN_TIMEOUT = java.util.regex.Pattern.compile(
            "(?m)^\\s*(?:config\\.(solid_queue|good_job)\\.|(SolidQueue|GoodJob)\\.)shutdown_timeout\\s*=\\s*(.+?)\\s*(?:#.*)?$");
    private static final java.util.regex.Pattern SECONDS_LITERAL = java.util.regex.Pattern.compile(
            "(-?\\d+)(?:\\.(?:seconds?|minutes?))?");

    /**
     * The drain a Rails configuration file sets for the worker when it writes the shutdown timeout as a number
     * ({@code 30}, {@code 30.seconds}, {@code 2.minutes}); {@link #unreadable(Drain)} when it writes another value
     * ({@code ENV.fetch(...)}); empty when the file does not set it.
     */
    public static Optional<Drain> railsConfigured(EntryPoint ep, String file, String text) {
        boolean solid = solidQueue(ep);
        java.util.regex.Matcher m = RAILS_SHUTDOWN_TIMEOUT.matcher(text);
        while (m.find()) {
            String owner = m.group(1) != null ? m.group(1) : m.group(2);
            if (solid != (owner.equals("solid_queue") || owner.equals("SolidQueue"))) {
                continue;
            }
            String written = m.group(3);
            java.util.regex.Matcher literal = SECONDS_LITERAL.matcher(written);
            if (!literal.matches()) {
                return Optional.of(UNREADABLE);
            }
            long number = Long.parseLong(literal.group(1));
            long seconds = written.contains("minute") ? number * 60 : number;
            String bound = "shutdown_timeout = " + written + " in " + file;
            if (solid) {
                return Optional.of(solidQueueDrain(seconds, bound));
            }
            return seconds < 0 ? Optional.of(goodJobUnbounded())
                    : Optional.of(new Drain(GOOD_JOB, seconds, bound, 0, null, GOOD_JOB_CUT_OFF));
        }
        return Optional.empty();
    }

    private static final Drain UNREADABLE = new Drain("", null, null, 0, null, "");

    /** Whether a configured drain is one whose value drydock could not read: nothing is known of the wait. */
    public static boolean unreadable(Drain drain) {
        return drain == UNREADABLE;
    }

    /**
     * The drain of a long-running PHP worker, which with the pcntl extension answers SIGTERM by finishing its current
     * job: Laravel's queue:work (its --timeout, 60 s by default, bounds a job; 0 removes the bound), Horizon (the
     * supervisors' timeout in config/horizon.php, 60 s as published), Symfony's messenger:consume (no bound).
     * queue:work --once and --stop-when-empty end by themselves, and queue:listen hands each job to a child of its own.
     */
    private static Optional<Drain> phpDrain(PhpConsoleCommand command) {
        if (!command.laravel()) {
            return command.name().equals("messenger:consume")
                    ? Optional.of(new Drain("a Symfony Messenger consumer", null, null, 120, "Messenger puts no time"
                            + " limit on a handler, so 2 minutes is a starting point: raise it above the longest one"))
                    : Optional.empty();
        }
        if (command.name().equals("horizon")) {
            return Optional.of(new Drain(HORIZON, null, null, 65, "Horizon's supervisors give a job 60 s"
                    + " as config/horizon.php is published ('timeout'), so the grace period covers that; raise both"
                    + " together", LARAVEL_CUT_OFF));
        }
        if (!command.name().equals("queue:work") || command.options().contains("--once")
                || command.options().contains("--stop-when-empty")) {
            return Optional.empty();
        }
        String timeout = command.value("timeout");
        if (timeout == null) {
            return Optional.of(new Drain("a Laravel queue worker", 60L, "queue:work's default --timeout=60", 0, null,
                    LARAVEL_CUT_OFF));
        }
        Long limit = wholeSeconds(timeout, 1);
        if (limit == null) {
            return Optional.empty();
        }
        return Optional.of(limit == 0
                ? new Drain("a Laravel queue worker", null, null, 120, "--timeout=0 lifts the time limit of a job, so"
                        + " 2 minutes is a starting point: raise it above the longest job, or set --timeout and a grace"
                        + " period a few seconds above it", LARAVEL_CUT_OFF)
                : new Drain("a Laravel queue worker", limit, "--timeout=" + timeout, 0, null, LARAVEL_CUT_OFF));
    }

    private static final String HORIZON = "Laravel Horizon";

    /** The configuration file of Horizon's supervisors, relative to the application's folder. */
    public static final String HORIZON_CONFIG = "config/horizon.php";

    /** Whether the drain is Horizon's, whose supervisors' timeout config/horizon.php sets. */
    public static boolean horizon(Drain drain) {
        return drain.display().equals(HORIZON);
    }

    /**
     * A supervisor's {@code 'timeout' => 90} in config/horizon.php, also as the default of an environment variable
     * ({@code env('HORIZON_TIMEOUT', 90)}, cast or not); the largest one counts, since Horizon's master process waits
     * for every supervisor's workers to finish their jobs.
     */
    private static final java.util.regex.Pattern HORIZON_TIMEOUT = java.util.regex.Pattern.compile(
            "['\"]timeout['\"]\\s*=>\\s*(?:\\(int\\)\\s*|intval\\(\\s*)?(?:(\\d+)|env\\(\\s*['\"](\\w+)['\"]\\s*,\\s*(\\d+)\\s*\\))");
    private static final java.util.regex.Pattern HORIZON_ANY_TIMEOUT = java.util.regex.Pattern.compile(
            "['\"]timeout['\"]\\s*=>");

    /**
     * The drain config/horizon.php sets for Horizon: the largest of its supervisors' timeouts (each worker's
     * --timeout, the longest a job may run); empty when the file sets none, or one drydock cannot read.
     */
    public static Optional<Drain> horizonConfigured(String file, String text) {
        String code = text.replaceAll("(?m)^\\s*(//|#|\\*).*$", "");
        int all = 0;
        java.util.regex.Matcher any = HORIZON_ANY_TIMEOUT.matcher(code);
        while (any.find()) {
            all++;
        }
        long longest = -1;
        String bound = null;
        int read = 0;
        java.util.regex.Matcher m = HORIZON_TIMEOUT.matcher(code);
        while (m.find()) {
            read++;
            long seconds = Long.parseLong(m.group(1) != null ? m.group(1) : m.group(3));
            if (seconds > longest) {
                longest = seconds;
                bound = m.group(1) != null ? "'timeout' => " + seconds + " in " + file
                        : "'timeout' => " + seconds + " in " + file + ", the default of " + m.group(2);
            }
        }
        if (read == 0 || read < all) {
            return Optional.empty();
        }
        return Optional.of(longest == 0
                ? new Drain(HORIZON, null, null, 120, "a supervisor's 'timeout' => 0 in " + file + " lifts the time"
                        + " limit of its jobs, so 2 minutes is a starting point: raise it above the longest job",
                        LARAVEL_CUT_OFF)
                : new Drain(HORIZON, longest, bound, 0, null, LARAVEL_CUT_OFF));
    }

    /**
     * Celery's task time limit as the application's configuration sets it: task_time_limit (or the soft limit, when
     * only that is set), written as an assignment, a conf.update keyword or a dictionary entry, also with Django's
     * CELERY_ prefix or the old CELERYD_ names; empty when the text sets none.
     */
    public static Optional<Drain> configuredTimeLimit(String file, String text) {
        Drain soft = null;
        java.util.regex.Matcher m = CELERY_TIME_LIMIT.matcher(text);
        while (m.find()) {
            Long limit = wholeSeconds(m.group(3), 1);
            if (limit == null) {
                continue;
            }
            Drain found = new Drain("a Celery worker", limit, m.group(1) + " = " + m.group(3) + " in " + file, 0, null);
            if (m.group(2) == null) {
                return Optional.of(found);
            }
            soft = soft == null ? found : soft;
        }
        return Optional.ofNullable(soft);
    }

    private static final java.util.regex.Pattern CELERY_TIME_LIMIT = java.util.regex.Pattern.compile(
            "\\b((?:CELERYD?_)?TASK_(SOFT_)?TIME_LIMIT)[\"']?\\s*[=:]\\s*(\\d+(?:\\.\\d+)?)\\b",
            java.util.regex.Pattern.CASE_INSENSITIVE);

    /**
     * The configuration file a Sidekiq command reads, relative to its working directory: -C's, else the
     * config/sidekiq.yml Sidekiq looks for; null when the command sets -t, which wins over the file.
     */
    public static String sidekiqConfig(EntryPoint ep) {
        List<String> args = ep == null ? List.of() : ep.args();
        if (drain(ep).filter(d -> d.display().equals(SIDEKIQ)).isEmpty() || CommandLineOptions.first(args, "-t", "--timeout") != null) {
            return null;
        }
        String config = CommandLineOptions.first(args, "-C", "--config");
        return config == null ? "config/sidekiq.yml" : config;
    }

    /** The shutdown timeout a Sidekiq configuration file sets ({@code :timeout: 60}), if any. */
    public static Optional<Drain> sidekiqConfigured(String file, String text) {
        java.util.regex.Matcher m = SIDEKIQ_CONFIG_TIMEOUT.matcher(text);
        return m.find() ? Optional.of(sidekiq(Long.parseLong(m.group(1)), ":timeout: " + m.group(1) + " in " + file))
                : Optional.empty();
    }

    /**
     * Sidekiq on SIGTERM stops fetching, waits up to its timeout for running jobs, then pushes the unfinished ones
     * back to Redis; killed before that, its basic fetch has already taken them off the queue.
     */
    private static Drain sidekiq(long seconds, String bound) {
        return new Drain(SIDEKIQ, seconds, bound, 0, null, "a job still running then is killed before Sidekiq"
                + " pushes it back to Redis, which it does only when its own timeout ends, so the job is lost (Sidekiq's"
                + " basic fetch has taken it off the queue)");
    }

    /** A number of {@code unit}s (1 for seconds, 1000 for milliseconds) in whole seconds, rounded up; null if none. */
    private static Long wholeSeconds(String value, int unit) {
        if (value == null || !value.matches("\\d+(\\.\\d+)?")) {
            return null;
        }
        return (long) Math.ceil(Double.parseDouble(value) / unit);
    }

    /**
     * Whether the command runs Celery's flower, the web monitor, which listens on --port or 5555: {@code celery
     * flower}, and Airflow's {@code airflow celery flower}, which starts the same Flower on the same default port.
     */
    public static boolean flower(EntryPoint ep) {
        if (ep == null) {
            return false;
        }
        if (ep.runtime() == Runtime.CELERY && "flower".equals(ep.option("command"))) {
            return true;
        }
        List<String> args = ep.args();
        int airflow = args.stream().map(PathNames::fileName).toList().indexOf("airflow");
        return airflow >= 0 && airflow + 2 < args.size() && args.get(airflow + 1).equals("celery")
                && args.get(airflow + 2).equals("flower");
    }
}
