package dev.drydock.core.config;

import dev.drydock.core.project.DockerfileSource;
import dev.drydock.core.project.Project;
import dev.drydock.core.review.Finding;
import dev.drydock.core.review.ReviewSettings;
import dev.drydock.core.review.Severity;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * What the configuration and the ignore comments do to a review's findings: a finding in an excluded
 * path is dropped, one of an ignored rule (or a rule whose severity is {@code off}) or covered by an
 * ignore comment is suppressed, and the others take the configured severity of their rule.
 */
public final class Suppressor {

    private final Project project;
    private final ReviewSettings settings;
    private final Map<String, FilePragmas> pragmas = new HashMap<>();

    public Suppressor(Project project, ReviewSettings settings) {
        this.project = project;
        this.settings = settings;
    }

    /** Whether a file (relative to the project root) is excluded from the review. */
    public boolean excluded(String file) {
        return settings.excludedPaths().excludes(file, false);
    }

    /** Whether a finding is suppressed by the configuration or by an ignore comment. */
    public boolean suppressed(Finding finding) {
        if (settings.ignoredRules().contains(finding.ruleId())) {
            return true;
        }
        String file = finding.location().file();
        if (!settings.pragmas() || file == null) {
            return false;
        }
        return pragmas(file).covers(finding.location().line(), Set.of(finding.ruleId()));
    }

    /** The finding with its rule's configured severity, if one is set. */
    public Finding withConfiguredSeverity(Finding f) {
        Severity severity = settings.severities().get(f.ruleId());
        if (severity == null || severity == f.severity()) {
            return f;
        }
        return new Finding(f.rule(), severity, f.location(), f.message(), f.current(), f.recommendation(), f.implicit(),
                f.fix(), f.otherPlaces());
    }

    /** The ignore comments of a project file, read once per review. */
    public FilePragmas pragmas(String file) {
        return pragmas.computeIfAbsent(file, path -> of(project, path));
    }

    /** The ignore comments of a project file: by its parsed structure for a Dockerfile, else by its text. */
    public static FilePragmas of(Project project, String path) {
        DockerfileSource dockerfile = project.dockerfiles().get(path);
        if (dockerfile != null && dockerfile.parsed()) {
            return FilePragmas.ofDockerfile(dockerfile.syntax());
        }
        return project.source(path).map(FilePragmas::ofText).orElse(new FilePragmas(path, java.util.List.of()));
    }
}
