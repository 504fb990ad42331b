package dev.drydock.maven;

import dev.drydock.core.report.ReportFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.maven.plugin.MojoExecutionException;

/** A report the plugin writes: its format and its file, {@code review.<extension>} in the output folder. */
record ReportFile(ReportFormat format, String name) {

    private static final Map<String, ReportFile> BY_PARAMETER = Map.of(
            "sarif", new ReportFile(ReportFormat.SARIF, "review.sarif"),
            "json", new ReportFile(ReportFormat.JSON, "review.json"),
            "markdown", new ReportFile(ReportFormat.MARKDOWN, "review.md"),
            "checkstyle", new ReportFile(ReportFormat.CHECKSTYLE, "review.checkstyle.xml"),
            "junit", new ReportFile(ReportFormat.JUNIT, "review.junit.xml"),
            "gitlab", new ReportFile(ReportFormat.GITLAB, "review.gitlab.json"));

    /** The reports named (comma-separated or one per element), in the order given; an unknown name is the user's error. */
    static List<ReportFile> parse(List<String> names) throws MojoExecutionException {
        Map<String, ReportFile> out = new LinkedHashMap<>();
        for (String name : names == null ? List.<String>of() : names) {
            for (String part : name.split(",")) {
                String id = part.strip().toLowerCase(Locale.ROOT);
                if (id.isEmpty() || id.equals("none")) {
                    continue;
                }
                ReportFile report = BY_PARAMETER.get(id);
                if (report == null) {
                    throw new MojoExecutionException("drydock: unknown report format " + part.strip()
                            + "; use sarif, json, markdown, checkstyle, junit or gitlab");
                }
                out.put(report.name(), report);
            }
        }
        return List.copyOf(out.values());
    }

    /** The plugin's version from its jar's manifest, as reports name the tool. */
    static String version() {
        String version = ReportFile.class.getPackage().getImplementationVersion();
        return version == null ? "(development build)" : version;
    }
}
