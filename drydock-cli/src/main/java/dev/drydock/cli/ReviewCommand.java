package dev.drydock.cli;

import dev.drydock.core.config.DrydockConfig;
import dev.drydock.core.json.ReviewSarif;
import dev.drydock.core.project.Project;
import dev.drydock.core.report.ReportFormat;
import dev.drydock.core.review.Review;
import dev.drydock.core.review.Severity;
import dev.drydock.core.verify.EngineDetector;
import dev.drydock.core.verify.VerifyReport;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/** {@code drydock review PATH}: the review of a project's container setup. */
final class ReviewCommand implements Callable<Integer> {

    enum Format { text, json, markdown, sarif, checkstyle, junit, gitlab, github, jsonl }

    enum Threshold { critical, high, medium, low, info, none }

    enum Color { auto, always, never }

    Path path;
    Format format;
    Path output;
    Threshold failOn;
    Path config;
    Color color;
    boolean verify;
    VerifyCommand.Engine engine;
    List<Path> morePaths = new ArrayList<>();
    boolean batch;
    Boolean shellcheck;
    boolean verbose;
    private Invocation invocation; // set by the constructor, read by the converters of the spec below

    ReviewCommand(Invocation invocation) {
        this.invocation = invocation;
    }

    final CommandSpec spec = Specs.exitCodes(Specs.command(this, "review",
                    "Review a project's container setup: every problem with its location and a concrete",
                    "recommendation, and the good practices already in place."),
            "0:no finding at or above --fail-on",
            "1:a finding at or above --fail-on (with --batch, in any project; with --verify, also an image after"
                    + " the fixes that fails a check)",
            "2:a usage or input error (missing path ...), or --verify without a container engine; with --batch,"
                    + " a project that could not be read when no finding reaches --fail-on")
            .addPositional(Specs.path(v -> path = v))
            .addOption(Specs.option(Format.class, v -> format = v, "FORMAT",
                    "text (compact, for a terminal; the default), markdown (the full written review; the default"
                    + " when --output names a .md file), json (the stable contract for other tools; the default for a"
                    + " .json file), sarif (SARIF 2.1.0 for code scanning; the default for a .sarif file), checkstyle or"
                    + " junit (XML for CI test and lint reports), gitlab (GitLab Code Quality JSON) or github (GitHub"
                    + " Actions annotations).", "-f", "--format").build())
            .addOption(Specs.option(Path.class, v -> output = v, "FILE",
                    "Write the review to FILE instead of standard output.", "-o", "--output")
                    .converters(value -> this.invocation.resolve(Path.of(value))).build())
            .addOption(Specs.option(Threshold.class, v -> failOn = v, "SEVERITY",
                    "Exit with 1 when a finding reaches this severity: critical, high, medium, low, info, none"
                    + " (default: fail-on of the configuration, else high).", "--fail-on").build())
            .addOption(Specs.option(Path.class, v -> config = v, "FILE",
                    "The configuration file (.drydock.yaml, or a .hadolint.yaml); by default the nearest"
                    + " .drydock.yaml in the project folder or a parent up to the repository root, else the nearest"
                    + " .hadolint.yaml.", "--config").converters(value -> this.invocation.resolve(Path.of(value))).build())
            .addOption(Specs.option(Color.class, v -> color = v, "WHEN", "auto (default), always or never.", "--color")
                    .defaultValue("auto").build())
            .addOption(Specs.flag(v -> verify = v, "Also build and run the images before and after the fixes, and"
                    + " append the verification (see drydock verify).", "--verify").build())
            .addOption(Specs.option(VerifyCommand.Engine.class, v -> engine = v, "ENGINE",
                    "With --verify: docker or podman (default: detected).", "--engine").build())
            .addPositional(Specs.paths(v -> morePaths = v))
            .addOption(Specs.flag(v -> batch = v, "Review every project found under the PATHs (a folder holding a"
                    + " Dockerfile or compose file owns its subtree) in one process on all cores, streaming each"
                    + " project's results as it finishes; --format jsonl (the default when the output is not a"
                    + " terminal), text, github or sarif.", "--batch").build())
            .addOption(Specs.negatable(v -> shellcheck = v, "Pass the RUN scripts to shellcheck when it is on"
                    + " PATH (the default for a single review), or not (--no-shellcheck; the default with --batch,"
                    + " where one shellcheck process per Dockerfile would cost more than the whole review).",
                    "--shellcheck").build())
            .addOption(Specs.flag(v -> verbose = v,
                    "Also say, on standard error, which optional tools ran (shellcheck).", "-v", "--verbose").build());

    /** Whether the RUN scripts go to shellcheck: as asked, else for a single review but not for a batch. */
    boolean shellcheckOn() {
        return shellcheck != null ? shellcheck : !(batch || !morePaths.isEmpty() || format == Format.jsonl);
    }

    @Override
    public Integer call() {
        if (verify || verbose) {
            // a verification runs for minutes, --verbose counts the process's shellcheck runs
            invocation.requireOwnProcess();
        }
        if (batch || !morePaths.isEmpty() || format == Format.jsonl) {
            return new BatchReview(this, invocation).run();
        }
        if (format == null) {
            format = formatOf(output);
            if (format == null) {
                spec.commandLine().getErr().println("drydock: " + output + ": an .xml file can be checkstyle or junit;"
                        + " say which with --format");
                spec.commandLine().getErr().flush();
                return Main.INPUT_ERROR;
            }
        }
        if (output != null) {
            OutputFile.check(output); // a missing folder is reported before the review, not after it
        }
        if (format == Format.sarif) {
            ReviewSarif.warmUpFingerprints();
        }
        long shellCheckBaseline = verbose ? ShellCheckStatus.baseline() : 0;
        Path at = invocation.resolve(path);
        DrydockConfig configured = Configs.load(config, at, invocation).withShellCheck(shellcheckOn());
        Project project = configured.loader().load(at);
        if (output != null) {
            OutputFile.refuseProjectFile(output, project);
        }
        Review review = configured.reviewer().review(project);
        if (verbose) {
            ShellCheckStatus.print(spec.commandLine().getErr(), shellcheckOn(), shellCheckBaseline);
        }
        VerifyReport verification = null;
        if (verify) {
            var found = VerifyCommand.findEngine(engine);
            if (found.isEmpty()) {
                spec.commandLine().getErr().println("drydock: " + EngineDetector.NO_ENGINE);
                spec.commandLine().getErr().flush();
                return Main.INPUT_ERROR;
            }
            verification = VerifyCommand.verify(found.get(), path, 600, false, configured);
        }
        if (format == Format.jsonl) {
            throw new IllegalStateException("jsonl is written by the batch review");
        }
        StringWriter text = new StringWriter();
        ReportFormat.valueOf(format.name().toUpperCase(java.util.Locale.ROOT)).write(review,
                new ReportFormat.Context(path, Version.number(), configured, verification, useColor(), at), text);
        emit(text.toString());
        if (verification != null && !verification.passed()) {
            return 1;
        }
        return Configs.threshold(failOn, configured).map(review::reaches).orElse(false) ? 1 : 0;
    }

    /** The format an output file's name implies: text when there is none; null when the name is ambiguous. */
    static Format formatOf(Path output) {
        String name = output == null ? "" : output.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (name.endsWith(".xml")) {
            return null;
        }
        return name.endsWith(".md") ? Format.markdown : name.endsWith(".sarif") ? Format.sarif
                : name.endsWith(".json") ? Format.json : Format.text;
    }

    private void emit(String text) {
        if (output == null) {
            PrintWriter out = spec.commandLine().getOut();
            out.print(text);
            out.flush();
            return;
        }
        OutputFile.write(output, text);
    }

    private boolean useColor() {
        return switch (color) {
            case always -> true;
            case never -> false;
            case auto -> output == null && invocation.colorByDefault();
        };
    }
}
