package dev.drydock.core.verify;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Docker or Podman through its command-line client. The two agree on most commands; they differ in
 * how a build is run (Podman: Docker image format so HEALTHCHECK is kept, chroot isolation and the
 * host network, which work without a daemon or user namespaces) and in health probing (Podman without
 * systemd runs probes only when asked with {@code healthcheck run}).
 */
public final class CliEngine implements ContainerEngine {

    public enum Kind { DOCKER, PODMAN }

    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);

    private final Kind kind;
    private final String program;
    private final ProcessRunner runner;

    public CliEngine(Kind kind) {
        this(kind, kind == Kind.DOCKER ? "docker" : "podman",
                new ProcessRunner(kind == Kind.DOCKER ? Map.of("DOCKER_BUILDKIT", "1") : Map.of()));
    }

    public CliEngine(Kind kind, String program, ProcessRunner runner) {
        this.kind = kind;
        this.program = program;
        this.runner = runner;
    }

    public Kind kind() {
        return kind;
    }

    @Override
    public String name() {
        return kind == Kind.DOCKER ? "docker" : "podman";
    }

    /** Whether the engine answers: {@code version} succeeds (a Docker CLI without a daemon does not). */
    public boolean answers() {
        return call(Duration.ofSeconds(15), "version").ok();
    }

    @Override
    public CommandResult build(BuildRequest request, Duration timeout) {
        return runner.run(buildArgv(request), timeout);
    }

    List<String> buildArgv(BuildRequest request) {
        List<String> argv = new ArrayList<>(List.of(program, "build"));
        if (kind == Kind.PODMAN) {
            argv.addAll(List.of("--format", "docker", "--isolation", "chroot", "--network", "host"));
        }
        argv.addAll(List.of("-t", request.tag(), "-f", request.dockerfile().toString()));
        if (request.target() != null) {
            argv.addAll(List.of("--target", request.target()));
        }
        request.args().forEach((name, value) -> argv.addAll(List.of("--build-arg", name + "=" + value)));
        argv.add(request.context().toString());
        return argv;
    }

    @Override
    public ImageInfo inspectImage(String tag) {
        CommandResult result = call(COMMAND_TIMEOUT, "image", "inspect", tag);
        if (!result.ok()) {
            throw new EngineException("cannot inspect image " + tag + ": " + result.failure());
        }
        return ImageInfo.parse(result.stdout());
    }

    @Override
    public String run(RunSpec spec) {
        CommandResult result = runner.run(runArgv(spec), COMMAND_TIMEOUT);
        if (!result.ok()) {
            throw new EngineException("the container did not start: " + result.failure());
        }
        List<String> lines = result.stdout().lines().filter(l -> !l.isBlank()).toList();
        return lines.isEmpty() ? spec.name() : lines.get(lines.size() - 1).strip();
    }

    List<String> runArgv(RunSpec spec) {
        List<String> argv = new ArrayList<>(List.of(program, "run", "-d", "--name", spec.name()));
        if (spec.init()) {
            argv.add("--init");
        }
        if (spec.user() != null) {
            argv.addAll(List.of("--user", spec.user()));
        }
        spec.env().forEach((name, value) -> argv.addAll(List.of("-e", name + "=" + value)));
        if (spec.healthTest() != null) {
            argv.add("--health-cmd=" + healthCommand(spec.healthTest()));
        }
        if (spec.healthInterval() != null) {
            argv.add("--health-interval=" + seconds(spec.healthInterval()));
            if (spec.healthTimeout() != null) {
                argv.add("--health-timeout=" + seconds(spec.healthTimeout()));
            }
            if (spec.healthRetries() != null) {
                argv.add("--health-retries=" + spec.healthRetries());
            }
            if (spec.healthStartPeriod() != null) {
                argv.add("--health-start-period=" + seconds(spec.healthStartPeriod()));
            }
        }
        argv.add("--stop-timeout=" + spec.stopTimeout().toSeconds());
        List<String> args = new ArrayList<>();
        if (spec.entrypoint() != null) {
            argv.add("--entrypoint=" + (spec.entrypoint().isEmpty() ? "" : spec.entrypoint().get(0)));
            if (!spec.entrypoint().isEmpty()) {
                args.addAll(spec.entrypoint().subList(1, spec.entrypoint().size()));
            }
        }
        argv.add(spec.image());
        args.addAll(spec.command() == null ? List.of() : spec.command());
        argv.addAll(args);
        return argv;
    }

    /**
     * The {@code --health-cmd} value: Podman takes an exec-form test as a JSON array; Docker runs any
     * value with the shell, so an exec-form test becomes its words shell-quoted.
     */
    String healthCommand(List<String> test) {
        List<String> args = test.subList(1, test.size());
        if (test.get(0).equals("CMD-SHELL")) {
            return String.join(" ", args);
        }
        if (kind == Kind.PODMAN) {
            StringBuilder json = new StringBuilder("[");
            for (int i = 0; i < args.size(); i++) {
                json.append(i == 0 ? "" : ", ").append('"')
                        .append(args.get(i).replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            }
            return json.append(']').toString();
        }
        return String.join(" ", args.stream().map(CliEngine::shellQuote).toList());
    }

    static String shellQuote(String word) {
        return word.matches("[A-Za-z0-9_./:=@%+,-]+") ? word : "'" + word.replace("'", "'\\''") + "'";
    }

    private static String seconds(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }

    @Override
    public CommandResult exec(String container, String user, List<String> command) {
        List<String> argv = new ArrayList<>(List.of(program, "exec"));
        if (user != null) {
            argv.addAll(List.of("--user", user));
        }
        argv.add(container);
        argv.addAll(command);
        return runner.run(argv, COMMAND_TIMEOUT);
    }

    @Override
    public ContainerState state(String container) {
        CommandResult result = call(COMMAND_TIMEOUT, "container", "inspect", container);
        if (!result.ok()) {
            throw new EngineException("cannot inspect container " + container + ": " + result.failure());
        }
        return ContainerState.parse(result.stdout());
    }

    @Override
    public ContainerState probeHealth(String container) {
        if (kind == Kind.PODMAN) {
            call(COMMAND_TIMEOUT, "healthcheck", "run", container);
        }
        return state(container);
    }

    @Override
    public CommandResult stop(String container, Duration grace) {
        return call(grace.plus(COMMAND_TIMEOUT), "stop", "-t", Long.toString(grace.toSeconds()), container);
    }

    @Override
    public List<String> logs(String container, int lines) {
        return call(COMMAND_TIMEOUT, "logs", "--tail", Integer.toString(lines), container).tail(lines);
    }

    @Override
    public void removeContainer(String container) {
        call(COMMAND_TIMEOUT, "rm", "-f", container);
    }

    @Override
    public void removeImage(String tag) {
        call(COMMAND_TIMEOUT, "rmi", "-f", tag);
    }

    private CommandResult call(Duration timeout, String... args) {
        List<String> argv = new ArrayList<>(List.of(program));
        argv.addAll(List.of(args));
        return runner.run(argv, timeout);
    }
}
