package dev.drydock.core.rules.app;

import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.dockerfile.model.CopyCommand;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.dockerfile.model.Step;
import dev.drydock.core.dockerfile.syntax.InstructionKind;
import dev.drydock.core.dockerfile.syntax.Word;
import dev.drydock.core.edit.Fix;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.edit.TextEdit;
import dev.drydock.core.entrypoint.EntryPoint;
import dev.drydock.core.entrypoint.Runtime;
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
import dev.drydock.core.rules.support.CopySources;
import dev.drydock.core.rules.support.Processes;
import dev.drydock.core.source.SourceFile;
import java.util.ArrayList;
import java.util.List;

@RuleDefinition(
        id = "next-static-assets-not-copied",
        title = "Next.js standalone image without .next/static or public",
        severity = Severity.HIGH,
        category = Category.BUILD,
        checks = "Images that run Next's standalone server (`node server.js` with a COPY of .next/standalone): fires"
                + " at that COPY when no COPY of the image brings .next/static beside server.js, or when the build"
                + " context has a public folder and no COPY brings one there (a COPY of .next/static to ./ spills"
                + " its chunks and css into the server's folder instead). Quiet when a RUN of the Dockerfile handles"
                + " .next/standalone or .next/static itself (a cp into the standalone folder before it is copied),"
                + " and when next.config sets assetPrefix (the assets are served from elsewhere). The fix adds the COPY lines"
                + " after the standalone one, with its --from and --chown, into the folder that holds server.js, or"
                + " rewrites the destination of a COPY that puts the folder elsewhere.",
        problem = "`next build` with output: 'standalone' writes the server and the files it traces into"
                + " .next/standalone, but not .next/static (the compiled JavaScript and CSS) nor public: the server"
                + " serves them only when they sit beside server.js, at .next/static and public.",
        impact = "The pages render from the server but every /_next/static/ script and stylesheet and every public"
                + " file answers 404: the site shows without styles, client-side code never runs, images and the"
                + " favicon are missing.",
        recommendation = "Copy both beside server.js: COPY --from=builder /app/.next/static ./.next/static and"
                + " COPY --from=builder /app/public ./public, with the --chown of the standalone COPY.",
        references = {
                "https://nextjs.org/docs/app/api-reference/config/next-config-js/output",
                "https://github.com/vercel/next.js/tree/canary/examples/with-docker"},
        fix = FixSafety.SAFE,
        effort = "2 min",
        examples = @RuleExample(
                bad = """
                        FROM node:22.11-alpine AS builder
                        WORKDIR /app
                        COPY . .
                        RUN npm ci && npm run build

                        FROM node:22.11-alpine
                        WORKDIR /app
                        COPY --from=builder /app/.next/standalone ./
                        ENV HOSTNAME=0.0.0.0
                        CMD ["node", "server.js"]
                        """,
                good = """
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
                        """,
                alongside = @ExampleFile(name = "next.config.js", content = """
                        module.exports = { output: 'standalone' };
                        """)))
public final class NextStaticAssetsNotCopied implements Rule {

    private static final String STANDALONE = ".next/standalone";
    private static final String STATIC = ".next/static";

    @Override
    public void check(ReviewContext context) {
        for (BuiltImage image : BuiltImage.of(context)) {
            Container c = image.containers().get(0);
            EntryPoint ep = Processes.serving(c);
            if (ep == null || ep.runtime() != Runtime.NEXT_STANDALONE || handledByRun(image)
                    || assetPrefix(context, c)) {
                continue;
            }
            List<CopyCommand> copies = image.imageStages().stream().flatMap(s -> s.copies().stream()).toList();
            CopyCommand standalone = copies.stream().filter(copy -> copy.sources().stream()
                    .anyMatch(s -> s.contains(STANDALONE))).findFirst().orElse(null);
            if (standalone == null || standalone.sources().size() != 1 || standalone.containerPath() == null) {
                continue;
            }
            String root = trimSlash(standalone.sources().get(0).substring(0, standalone.sources().get(0).indexOf(STANDALONE)));
            String serverDir = serverDir(standalone, ep);
            boolean hasStatic = copies.stream().anyMatch(copy -> copy != standalone && copy.sources().stream()
                    .anyMatch(s -> landsAt(copy, s, root, serverDir, STATIC, ".next")));
            boolean needsPublic = publicFolder(context, c) && copies.stream().noneMatch(copy -> copy != standalone
                    && copy.sources().stream().anyMatch(s -> landsAt(copy, s, root, serverDir, "public", null)));
            if (hasStatic && !needsPublic) {
                continue;
            }
            report(context, standalone, ep, copies, hasStatic ? null : STATIC, needsPublic ? "public" : null);
        }
    }

    private void report(ReviewContext context, CopyCommand standalone, EntryPoint ep, List<CopyCommand> copies,
            String staticFolder, String publicFolder) {
        String source = standalone.sources().get(0);
        String root = source.substring(0, source.indexOf(STANDALONE));
        String into = destination(standalone, ep);
        String serverDir = serverDir(standalone, ep);
        SourceFile file = standalone.instruction().file();
        List<String> added = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        List<String> misplaced = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        List<String> advice = new ArrayList<>();
        List<TextEdit> edits = new ArrayList<>();
        boolean fixable = true;
        List<String> folders = new ArrayList<>();
        for (String folder : new String[] {staticFolder, publicFolder}) {
            if (folder == null) {
                continue;
            }
            folders.add(folder);
            CopyCommand wrong = copies.stream().filter(copy -> copy != standalone && copy.sources().size() == 1
                    && isFolder(copy.sources().get(0), folder)).findFirst().orElse(null);
            Word written = wrong == null || wrong.instruction().isJsonForm() ? null
                    : CopySources.destination(wrong.instruction());
            if (wrong != null) {
                misplaced.add(folder + " into " + trimSlash(wrong.containerPath()) + " (line "
                        + wrong.instruction().startLine() + ")");
                expected.add(PathNames.join(serverDir, folder));
                advice.add("write the destination of line " + wrong.instruction().startLine() + " as `" + into
                        + folder + "`");
                fixable &= written != null && wrong.instruction().file().equals(file)
                        && written.value().equals(wrong.destination());
                if (fixable) {
                    edits.add(TextEdit.replace(file.path(), written.span(), into + folder));
                }
                continue;
            }
            missing.add(folder);
            String line = "COPY" + (standalone.from() == null ? "" : " --from=" + standalone.from())
                    + (standalone.chown() == null ? "" : " --chown=" + standalone.chown()) + " " + root + folder
                    + " " + into + folder;
            added.add(line);
            advice.add("add after this line `" + line + "`");
        }
        if (!added.isEmpty()) {
            edits.add(TextEdit.insert(file.path(), file.lineEnd(standalone.instruction().endLine()),
                    "\n" + String.join("\n", added)));
        }
        List<String> problems = new ArrayList<>();
        if (!missing.isEmpty()) {
            problems.add("not " + String.join(" and ", missing) + ", which the standalone build leaves out");
        }
        if (!misplaced.isEmpty()) {
            problems.add("copies " + String.join(" and ", misplaced) + ", not to " + String.join(" and ", expected)
                    + " beside server.js, where the server looks (a COPY of a folder writes its contents into the"
                    + " destination)");
        }
        context.finding(this, new Location(file.path(), standalone.instruction().span()), "the image copies Next's"
                        + " standalone output (" + source + ") but " + String.join("; it ", problems)
                        + ": the server answers 404 for " + (staticFolder != null
                                ? "every /_next/static/ script and stylesheet, so pages load without CSS and JavaScript"
                                : "every file of public"))
                .recommendation(Character.toUpperCase(advice.get(0).charAt(0))
                        + String.join("; ", advice).substring(1) + ".")
                .fix(fixable ? Fix.of("put " + String.join(" and ", folders) + " beside server.js", FixSafety.SAFE,
                        edits) : null)
                .add();
    }

    /** Whether a COPY source is {@code folder} itself (.next/static, public) of the application folder. */
    private static boolean isFolder(String source, String folder) {
        String path = trimSlash(source);
        return path.equals(folder) || path.endsWith("/" + folder);
    }

    /**
     * Where the folders go, as the COPY of the standalone output writes its destination: the folder of server.js
     * ({@code ./} when that is where the standalone output went relative to WORKDIR, else its absolute path).
     */
    private static String destination(CopyCommand standalone, EntryPoint ep) {
        String serverDir = serverDir(standalone, ep);
        if (serverDir.equals(trimSlash(standalone.containerPath())) && !standalone.destination().startsWith("/")) {
            String written = trimSlash(standalone.destination());
            return written.equals(".") || written.isEmpty() ? "./" : written + "/";
        }
        return serverDir.equals("/") ? "/" : serverDir + "/";
    }

    /** The absolute folder of server.js: where the standalone output went, or the folder below it that holds it. */
    private static String serverDir(CopyCommand standalone, EntryPoint ep) {
        String into = trimSlash(standalone.containerPath());
        String server = ep.target() == null ? null : ep.target().path();
        String serverDir = server == null || !server.startsWith("/") ? into : PathNames.parent(server);
        return PathNames.isUnder(serverDir, into) ? serverDir : into;
    }

    /**
     * Whether {@code source} of {@code copy} puts {@code folder} (.next/static or public) beside server.js: a COPY of
     * a folder writes its contents into the destination, so .next/static must go to {@code <server dir>/.next/static}
     * (a deeper source to the matching deeper path), the application folder's {@code parent} (.next) to
     * {@code <server dir>/.next}, and the whole application folder to the server's folder.
     */
    private static boolean landsAt(CopyCommand copy, String source, String root, String serverDir, String folder,
            String parent) {
        if (copy.containerPath() == null) {
            return true;
        }
        String path = trimSlash(source);
        String into = trimSlash(copy.containerPath());
        int at = path.indexOf(folder);
        if (at >= 0 && (at == 0 || path.charAt(at - 1) == '/')
                && (path.length() == at + folder.length() || path.charAt(at + folder.length()) == '/')) {
            return into.equals(PathNames.join(serverDir, path.substring(at)));
        }
        if (wholeFolder(source, root, parent)) {
            return into.equals(parent == null ? serverDir : PathNames.join(serverDir, parent));
        }
        return parent != null && wholeFolder(source, root, null) && into.equals(serverDir);
    }

    /** Whether a RUN puts .next/static or public into the standalone folder itself (cp -r .next/static ...). */
    private static boolean handledByRun(BuiltImage image) {
        for (Stage stage : image.model().stages()) {
            for (Step step : stage.steps()) {
                String text = step.instruction().rawText();
                if (step.instruction().kind() == InstructionKind.RUN
                        && (text.contains(STANDALONE) || text.contains(STATIC))) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Whether a COPY source is the application folder the standalone output was built in (which holds .next/static
     * and public), or its {@code child} folder ({@code /app/.next}).
     */
    private static boolean wholeFolder(String source, String root, String child) {
        String path = trimSlash(source);
        String app = root.isEmpty() ? "." : root;
        return path.equals(app) || app.equals(".") && path.isEmpty()
                || child != null && path.equals(root.isEmpty() ? child : PathNames.join(root, child));
    }

    private static boolean publicFolder(ReviewContext context, Container c) {
        return context.project().files().isDirectory(PathNames.join(c.build().context(), "public"));
    }

    /** Whether next.config serves the assets from a CDN (assetPrefix): then the image need not hold them. */
    private static boolean assetPrefix(ReviewContext context, Container c) {
        return NextConfig.in(context, c.build().context()).map(f -> f.text().contains("assetPrefix")).orElse(false);
    }

    private static String trimSlash(String path) {
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
