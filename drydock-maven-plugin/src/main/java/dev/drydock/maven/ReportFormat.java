package dev.drydock.maven;

import dev.drydock.core.config.DrydockConfig;
import dev.drydock.core.fix.FixOptions;
import dev.drydock.core.json.ReviewGitlab;
import dev.drydock.core.json.ReviewJson;
import dev.drydock.core.json.ReviewSarif;
import dev.drydock.core.report.ReviewCheckstyle;
import dev.drydock.core.report.ReviewGithub;
import dev.drydock.core.report.ReviewJunit;
import dev.drydock.core.report.ReviewMarkdown;
import dev.drydock.core.review.Review;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.maven.plugin.MojoExecutionException;

/** The reports the plugin writes, each to {@code review.<extension>} in its output folder. */
enum ReportFormat {
    SARIF("sarif"), JSON("json"), MARKDOWN("md"), CHECKSTYLE("checkstyle.xml"), JUNIT("junit.xml"), GITLAB("gitlab.json");

    private final String extension;

    ReportFormat(String extension) {
        this.extension = extension;
    }

    /** The formats named, by file extension, in the order given; an unknown name is the user's error. */
    static Map<String, ReportFormat> parse(List<String> names) throws MojoExecutionException {
        Map<String, ReportFormat> out = new LinkedHashMap<>();
        for (String name : names == null ? List.<String>of() : names) {
            for (String part : name.split(",")) {
                String id = part.strip().toUpperCase(Locale.ROOT);
                if (id.isEmpty() || id.equals("NONE")) {
                    continue;
                }
                try {
                    ReportFormat format = valueOf(id);
                    out.put(format.extension, format);
                } catch (IllegalArgumentException e) {
                    throw new MojoExecutionException("drydock: unknown report format " + part.strip()
                            + "; use sarif, json, markdown, checkstyle, junit or gitlab");
                }
            }
        }
        return out;
    }

    void write(Review review, DrydockConfig config, Path project, Writer writer) {
        String version = version();
        String prefix = ReviewGithub.pathPrefix(project);
        switch (this) {
            case SARIF -> ReviewSarif.write(review, version, writer);
            case JSON -> ReviewJson.write(review, project.toString(), version, writer);
            case CHECKSTYLE -> ReviewCheckstyle.write(review, prefix, writer);
            case JUNIT -> ReviewJunit.write(review, prefix, writer);
            case GITLAB -> ReviewGitlab.write(review, prefix, writer);
            case MARKDOWN -> {
                PrintWriter out = new PrintWriter(writer);
                new ReviewMarkdown(out).print(review, config.fixEngine().fix(review.project(), review, FixOptions.withUnsafe()));
                out.flush();
            }
        }
    }

    /** The plugin's version from its jar's manifest, as reports name the tool. */
    static String version() {
        String version = ReportFormat.class.getPackage().getImplementationVersion();
        return version == null ? "(development build)" : version;
    }
}
