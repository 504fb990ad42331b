package dev.drydock.cli;

import dev.drydock.core.config.DrydockConfig;
import dev.drydock.core.json.VerifyJson;
import dev.drydock.core.report.VerifyText;
import dev.drydock.core.verify.ContainerEngine;
import dev.drydock.core.verify.EngineDetector;
import dev.drydock.core.verify.Verifier;
import dev.drydock.core.verify.VerifyOptions;
import dev.drydock.core.verify.VerifyReport;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/** {@code drydock verify PATH}: builds and runs the project's images before and after the fixes, and checks them. */
final class VerifyCommand implements Callable<Integer> {

    enum Format { text, json }

    enum Engine { docker, podman }

    Path path;
    Engine engine;
    Format format;
    boolean keep;
    long timeoutSeconds;
    Path config;

    final CommandSpec spec = Specs.exitCodes(Specs.command(this, "verify",
                    "Build the project's images as they are and as `drydock fix --unsafe` would leave them (in a",
                    "temporary copy: your files are not touched), run them, and check the build, size and layers,",
                    "the runtime user, the healthcheck, PID 1, the stop on SIGTERM and the files the user needs."),
            "0:every image after the fixes passes every check",
            "1:an image after the fixes fails a check",
            "2:a usage or input error, or no container engine")
            .addPositional(Specs.path(v -> path = v))
            .addOption(Specs.option(Engine.class, v -> engine = v, "ENGINE",
                    "docker or podman (default: the first of them that answers).", "--engine").build())
            .addOption(Specs.option(Format.class, v -> format = v, "FORMAT", "text (default) or json.",
                    "-f", "--format").defaultValue("text").build())
            .addOption(Specs.flag(v -> keep = v,
                    "Keep the temporary copy, images and containers (to look into a failure).", "--keep").build())
            .addOption(Specs.option(long.class, v -> timeoutSeconds = v, "SECONDS",
                    "The longest one image build may take (default 600).", "--timeout").defaultValue("600").build())
            .addOption(Specs.option(Path.class, v -> config = v, "FILE", "The configuration file (default: the"
                    + " nearest .drydock.yaml, else .hadolint.yaml; see review); the fixes verified leave out what it"
                    + " suppresses.", "--config").build());

    private final Invocation invocation;

    VerifyCommand(Invocation invocation) {
        this.invocation = invocation;
    }

    @Override
    public Integer call() {
        invocation.requireOwnProcess();
        PrintWriter err = spec.commandLine().getErr();
        if (!Files.exists(path)) {
            err.println("drydock: " + path + ": no such file or folder");
            return Main.INPUT_ERROR;
        }
        DrydockConfig configured = Configs.load(config, path);
        Optional<ContainerEngine> found = findEngine(engine);
        if (found.isEmpty()) {
            err.println("drydock: " + EngineDetector.NO_ENGINE);
            err.flush();
            return Main.INPUT_ERROR;
        }
        VerifyReport report = verify(found.get(), path, timeoutSeconds, keep, configured);
        PrintWriter out = spec.commandLine().getOut();
        if (format == Format.json) {
            VerifyJson.write(report, Version.number(), out);
        } else {
            VerifyText.text(out).print(report);
        }
        out.flush();
        return report.passed() ? 0 : 1;
    }

    static Optional<ContainerEngine> findEngine(Engine forced) {
        return new EngineDetector().find(forced == null ? null : forced.name());
    }

    static VerifyReport verify(ContainerEngine engine, Path path, long timeoutSeconds, boolean keep,
            DrydockConfig config) {
        VerifyOptions options = VerifyOptions.defaults().withBuildTimeout(Duration.ofSeconds(timeoutSeconds)).keeping(keep);
        return new Verifier(engine, options, config).verify(path);
    }
}
