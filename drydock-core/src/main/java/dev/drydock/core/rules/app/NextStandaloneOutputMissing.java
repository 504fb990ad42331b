package dev.drydock.core.rules.app;

import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.dockerfile.model.CopyCommand;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.dockerfile.model.Step;
import dev.drydock.core.dockerfile.syntax.InstructionKind;
import dev.drydock.core.edit.Fix;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.edit.TextEdit;
import dev.drydock.core.manifest.PackageJson;
import dev.drydock.core.project.Container;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ExampleFile;
import dev.drydock.core.review.Location;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.BuiltImage;
import dev.drydock.core.source.SourceFile;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

@RuleDefinition(
        id = "next-standalone-output-missing",
        title = "Next.js standalone output copied but never built",
        severity = Severity.HIGH,
        category = Category.BUILD,
        checks = "COPY instructions whose source is a Next.js standalone build (.next/standalone) of an application"
                + " in the build context: the folder before .next/standalone is matched to the context folder whose"
                + " package.json depends on next. Fires when that folder's next.config (.js, .mjs, .cjs, .ts, .mts)"
                + " does not set output: 'standalone', or when it has no next.config at all. Quiet when the config"
                + " sets output from an expression or imports a local module (drydock cannot tell its value), when a"
                + " RUN, ENV or ARG of the Dockerfile or the package.json mentions standalone (a build that turns it"
                + " on itself), and when the application folder cannot be found. The fix adds output: 'standalone'"
                + " to the config object, or writes a next.config.mjs when there is none.",
        problem = "`next build` writes .next/standalone (server.js and the files it needs) only when next.config sets"
                + " output: 'standalone'; without it there is no such folder.",
        impact = "The image cannot be built: the COPY of .next/standalone stops the build with `not found`, so no"
                + " image ships until the configuration is fixed.",
        recommendation = "Set output: 'standalone' in next.config (module.exports = { output: 'standalone' }), or copy"
                + " the whole application and run next start instead of node server.js.",
        references = {
                "https://nextjs.org/docs/app/api-reference/config/next-config-js/output",
                "https://github.com/vercel/next.js/tree/canary/examples/with-docker"},
        fix = FixSafety.SAFE,
        effort = "2 min",
        examples = @RuleExample(
                file = "next.config.js",
                bad = """
                        module.exports = {
                          reactStrictMode: true,
                        };
                        """,
                good = """
                        module.exports = {
                          output: 'standalone',
                          reactStrictMode: true,
                        };
                        """,
                alongside = {
                        @ExampleFile(name = "Dockerfile", content = """
                                FROM node:22.11-alpine AS builder
                                WORKDIR /app
                                COPY . .
                                RUN npm ci && npm run build

                                FROM node:22.11-alpine
                                WORKDIR /app
                                COPY --from=builder /app/.next/standalone ./
                                COPY --from=builder /app/.next/static ./.next/static
                                ENV HOSTNAME=0.0.0.0
                                CMD ["node", "server.js"]
                                """),
                        @ExampleFile(name = "package.json", content = """
                                {"dependencies": {"next": "15.1.0", "react": "19.0.0", "react-dom": "19.0.0"}}
                                """)}))
public final class NextStandaloneOutputMissing implements Rule {

    private static final String STANDALONE = ".next/standalone";
    /** {@code output:} or {@code output =} written in the config: its value is read by {@link #LITERAL_OUTPUT}. */
    private static final Pattern OUTPUT_KEY = Pattern.compile("\\boutput\\b\\s*[:=,}]");
    private static final Pattern LITERAL_OUTPUT = Pattern.compile("\\boutput\\s*:\\s*(['\"`])(\\w+)\\1");
    private static final Pattern LOCAL_IMPORT = Pattern.compile("(?:require\\s*\\(|from\\s+|import\\s*\\()\\s*['\"]\\.\\.?/");
    private static final Pattern CONFIG_OBJECT = Pattern.compile(
            "(?:module\\.exports\\s*=|export\\s+default|const\\s+\\w+(?:\\s*:\\s*[\\w.]+)?\\s*=)\\s*\\{");

    @Override
    public void check(ReviewContext context) {
        Set<String> reported = new HashSet<>();
        for (BuiltImage image : BuiltImage.of(context)) {
            if (turnedOnInDockerfile(image)) {
                continue;
            }
            Container c = image.container();
            for (Stage stage : image.neededStages()) {
                for (CopyCommand copy : stage.copies()) {
                    String source = copy.sources().stream().filter(s -> s.contains(STANDALONE)).findFirst().orElse(null);
                    if (source == null || copy.from() != null && copy.fromStage() < 0) {
                        continue;
                    }
                    String app = applicationFolder(context, c.build().context(), source);
                    if (app != null && reported.add(copy.instruction().file().path() + ":" + copy.instruction().startLine())) {
                        check(context, copy, source, app);
                    }
                }
            }
        }
    }

    private void check(ReviewContext context, CopyCommand copy, String source, String app) {
        SourceFile config = NextConfig.in(context, app).orElse(null);
        String text = config == null ? "" : config.text();
        Matcher literal = LITERAL_OUTPUT.matcher(text);
        String output = literal.find() ? literal.group(2) : null;
        if (text.contains("standalone") || output == null && OUTPUT_KEY.matcher(text).find()
                || LOCAL_IMPORT.matcher(text).find()) {
            return;
        }
        String where = config == null ? folderName(app) + " has no next.config"
                : config.path() + (output == null ? " does not set output" : " sets output: '" + output + "'");
        Fix fix = config == null ? Fix.of("add next.config.mjs with output: 'standalone'", FixSafety.SAFE,
                TextEdit.create(PathNames.join(app, "next.config.mjs"), "export default { output: 'standalone' };\n"))
                : addOutput(config, output);
        var finding = context.finding(this, new Location(copy.instruction().file().path(), copy.instruction().span()),
                        "`" + copy.instruction().rawText().strip() + "` copies Next's standalone build, but " + where
                        + ": `next build` writes no .next/standalone, so the build stops at this COPY with `"
                        + source + "`: not found")
                .recommendation(config == null
                        ? "Add " + PathNames.join(app, "next.config.mjs") + " with `export default { output: 'standalone' };`."
                        : output == null ? "Add `output: 'standalone'` to the configuration object in " + config.path() + "."
                        : "Set `output: 'standalone'` in " + config.path() + " instead of '" + output + "'.");
        if (fix != null) {
            finding.fix(fix);
        }
        finding.add();
    }

    /** The edit that adds output: 'standalone' first in the exported object, when drydock finds that object once. */
    private static Fix addOutput(SourceFile config, String output) {
        String text = config.text();
        if (output != null) {
            Matcher m = LITERAL_OUTPUT.matcher(text);
            m.find();
            return Fix.of("set output: 'standalone' in " + config.path(), FixSafety.SAFE,
                    TextEdit.replace(config.path(), m.start(2), m.end(2), "standalone"));
        }
        Matcher m = CONFIG_OBJECT.matcher(text);
        List<Integer> braces = new ArrayList<>();
        while (m.find()) {
            braces.add(m.end());
        }
        if (braces.size() != 1) {
            return null;
        }
        int brace = braces.get(0);
        String insert = text.startsWith("}", brace) ? " output: 'standalone' " : "\n  output: 'standalone',";
        return Fix.of("add output: 'standalone' to " + config.path(), FixSafety.SAFE,
                TextEdit.insert(config.path(), brace, insert));
    }

    /**
     * The context folder (project path) of the application whose build the COPY takes: the longest tail of the path
     * before .next/standalone that names a context folder whose package.json depends on next; null when none does.
     */
    static String applicationFolder(ReviewContext context, String buildContext, String source) {
        String before = source.substring(0, source.indexOf(STANDALONE));
        List<String> parts = new ArrayList<>();
        for (String part : before.split("/")) {
            if (!part.isEmpty() && !part.equals(".")) {
                parts.add(part);
            }
        }
        for (int skip = 0; skip <= parts.size(); skip++) {
            String relative = String.join("/", parts.subList(skip, parts.size()));
            String dir = relative.isEmpty() ? buildContext : PathNames.join(buildContext, relative);
            Optional<SourceFile> pkg = context.project().source(PathNames.join(dir, "package.json"));
            if (pkg.isPresent()) {
                return dependsOnNext(pkg.get()) ? dir : null;
            }
        }
        return null;
    }

    private static boolean dependsOnNext(SourceFile file) {
        try {
            PackageJson pkg = PackageJson.of(file);
            return pkg.dependency("next").isPresent() && !file.text().contains("standalone");
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Whether a RUN, ENV or ARG of the Dockerfile speaks of standalone: the build turns it on some other way. */
    private static boolean turnedOnInDockerfile(BuiltImage image) {
        for (Stage stage : image.model().stages()) {
            for (Step step : stage.steps()) {
                InstructionKind kind = step.instruction().kind();
                if ((kind == InstructionKind.RUN || kind == InstructionKind.ENV || kind == InstructionKind.ARG)
                        && step.instruction().rawText().toLowerCase(java.util.Locale.ROOT).contains("standalone")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String folderName(String dir) {
        return dir.isEmpty() || dir.equals(".") ? "the build context" : dir + "/";
    }
}
