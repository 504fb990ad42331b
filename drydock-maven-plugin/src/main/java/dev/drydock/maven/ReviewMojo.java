package dev.drydock.maven;

import dev.drydock.core.config.ConfigFiles;
import dev.drydock.core.config.DrydockConfig;
import dev.drydock.core.project.Project;
import dev.drydock.core.report.FindingPlaces;
import dev.drydock.core.report.ReportFormat;
import dev.drydock.core.review.Finding;
import dev.drydock.core.review.Location;
import dev.drydock.core.review.Review;
import dev.drydock.core.review.Severity;
import dev.drydock.core.source.AtomicTextFile;
import dev.drydock.core.source.SourceException;
import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * {@code drydock:review}: reviews the container setup under the module's folder (Dockerfiles, compose files,
 * .dockerignore, the manifests and the application they run), logs the findings, writes the reports asked
 * for, and fails the build when a finding reaches {@code failOn}. A module with no Dockerfile or compose
 * file is skipped with a note.
 */
@Mojo(name = "review", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true, requiresProject = false)
public class ReviewMojo extends AbstractMojo {

    /** The folder (or single Dockerfile or compose file) to review. */
    @Parameter(property = "drydock.directory", defaultValue = "${project.basedir}")
    File directory;

    /**
     * The severity from which the build fails: critical, high, medium, low, info or none. Default: the
     * configuration's fail-on, else high.
     */
    @Parameter(property = "drydock.failOn")
    String failOn;

    /** The configuration file; by default the nearest .drydock.yaml (else .hadolint.yaml) found for the folder. */
    @Parameter(property = "drydock.config")
    File config;

    /** The reports to write into {@code outputDirectory}: sarif, json, markdown, checkstyle, junit, gitlab. */
    @Parameter(property = "drydock.formats", defaultValue = "sarif")
    List<String> formats;

    @Parameter(property = "drydock.outputDirectory", defaultValue = "${project.build.directory}/drydock")
    File outputDirectory;

    /** Whether RUN scripts go to shellcheck when it is on PATH. */
    @Parameter(property = "drydock.shellcheck", defaultValue = "true")
    boolean shellcheck;

    @Parameter(property = "drydock.skip", defaultValue = "false")
    boolean skip;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        Log log = getLog();
        if (skip) {
            log.info("drydock: skipped");
            return;
        }
        Optional<Severity> threshold = threshold(failOn);
        List<ReportFile> reports = ReportFile.parse(formats);
        Path path = directory.toPath();
        Review review;
        try {
            DrydockConfig configured = (config != null ? ConfigFiles.read(config.toPath(), path)
                    : ConfigFiles.forProject(path)).withShellCheck(shellcheck);
            Project project = configured.loader().load(path);
            if (project.dockerfiles().isEmpty() && project.composeProjects().isEmpty()) {
                log.info("drydock: no Dockerfile or compose file under " + path + ", nothing to review");
                return;
            }
            Review reviewed = configured.reviewer().review(project);
            review = reviewed;
            if (threshold == null) {
                threshold = configured.failOn() != null ? Optional.ofNullable(configured.failOn().severity())
                        : Optional.of(Severity.HIGH);
            }
            ReportFormat.Context context = ReportFormat.Context.of(path, ReportFile.version(), configured);
            for (ReportFile report : reports) {
                Path file = outputDirectory.toPath().resolve(report.name());
                StringWriter text = new StringWriter();
                report.format().write(reviewed, context, text);
                try {
                    AtomicTextFile.write(file, text.toString());
                } catch (IOException e) {
                    throw SourceException.ofFile(file.toString(), "cannot be written: " + e.getMessage());
                }
                log.info("drydock: " + report.format().name().toLowerCase(Locale.ROOT) + " report written to " + file);
            }
        } catch (SourceException e) {
            throw new MojoFailureException("drydock: " + e.getMessage(), e);
        }
        logFindings(log, review, threshold.orElse(null));
        Severity reached = threshold.orElse(null);
        if (reached != null && review.reaches(reached)) {
            long count = review.findings().stream().filter(f -> f.severity().atLeast(reached)).count();
            throw new MojoFailureException("drydock: " + count + " finding(s) at or above " + reached.id()
                    + " in the container setup of " + path + " (see the log above; failOn=none reports without failing)");
        }
    }

    /** The parameter's threshold: empty for none, null when not given (the configuration then decides). */
    static Optional<Severity> threshold(String value) throws MojoExecutionException {
        if (value == null || value.isBlank()) {
            return null;
        }
        String id = value.strip().toLowerCase(Locale.ROOT);
        if (id.equals("none")) {
            return Optional.empty();
        }
        for (Severity s : Severity.values()) {
            if (s.id().equals(id)) {
                return Optional.of(s);
            }
        }
        throw new MojoExecutionException("drydock: failOn is " + value + "; use critical, high, medium, low, info or none");
    }

    private static void logFindings(Log log, Review review, Severity threshold) {
        for (Finding f : review.findings()) {
            String message = FindingPlaces.message(f, "");
            for (Location place : f.places()) {
                String line = where(place) + ": " + f.severity().id() + ": " + f.rule().title() + " [" + f.ruleId()
                        + "]: " + message;
                if (threshold != null && f.severity().atLeast(threshold)) {
                    log.error(line);
                } else {
                    log.warn(line);
                }
            }
        }
        Map<Severity, Integer> counts = review.summary();
        log.info("drydock: " + review.findings().size() + " finding(s): " + counts.get(Severity.CRITICAL) + " critical, "
                + counts.get(Severity.HIGH) + " high, " + counts.get(Severity.MEDIUM) + " medium, "
                + counts.get(Severity.LOW) + " low, " + counts.get(Severity.INFO) + " info; "
                + review.strengths().size() + " good practice(s)");
    }

    /** A place as FILE:LINE:COLUMN, which IDEs link from the build log. */
    private static String where(Location l) {
        if (l.file() == null) {
            return "(project)";
        }
        return l.span() == null ? l.file() : l.file() + ":" + l.line() + ":" + l.span().startColumn();
    }
}
