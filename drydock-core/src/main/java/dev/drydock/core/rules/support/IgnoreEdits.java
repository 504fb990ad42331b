package dev.drydock.core.rules.support;

import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.dockerfile.model.Step;
import dev.drydock.core.dockerfile.syntax.InstructionKind;
import dev.drydock.core.edit.SourceEdits;
import dev.drydock.core.edit.TextEdit;
import dev.drydock.core.ignore.DockerIgnore;
import dev.drydock.core.ignore.DockerIgnorePattern;
import dev.drydock.core.project.BuildLink;
import dev.drydock.core.project.Project;
import dev.drydock.core.rules.support.BuildContexts.ContextCopy;
import dev.drydock.core.source.SourceFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Edits that keep paths out of a build context: patterns appended to the ignore file in effect, or a
 * new .dockerignore at the context root. A pattern the file already has is not written again, and
 * neither is one that would exclude something the build uses: what a COPY or ADD names, a path a RUN, CMD or
 * ENTRYPOINT gives ({@code cp .env.example .env}, {@code java -jar build/libs/app.jar}), .git when a RUN asks
 * git about the checkout. A wildcard pattern stays, followed by an exception for the path it would take, and
 * for an env file template ({@code .env.example}) at the context root.
 */
public final class IgnoreEdits {

    private static final Pattern WILDCARD = Pattern.compile("[*?\\[]");
    private static final Pattern PATH_WORD = Pattern.compile("[A-Za-z0-9_@+./-]*[./][A-Za-z0-9_@+./-]*");
    private static final Pattern COMMAND_SEPARATORS = Pattern.compile("[\\s\\[\\]\",]+");
    /**
     * Env file templates, which hold no secrets and which a build or an entry point may copy to .env: a wildcard
     * such as {@code **}{@code /.env.*} is followed by an exception for those in the context.
     */
    private static final List<String> ENV_TEMPLATES = List.of(".env.example", ".env.sample", ".env.template",
            ".env.dist", ".env.defaults");

    private IgnoreEdits() {}

    /**
     * The patterns appended to the build's ignore file under {@code # comment}, after a blank line;
     * null when the build has no ignore file or every pattern is there already or needed by a COPY.
     */
    public static TextEdit append(Project project, BuildLink build, List<String> patterns, String comment) {
        SourceFile file = build.ignore().file();
        if (build.dockerignore() == null || file == null || !file.path().equals(build.dockerignore())) {
            return null;
        }
        List<String> missing = usable(project, build, patterns);
        if (missing.isEmpty()) {
            return null;
        }
        String text = file.text().substring(file.contentStart());
        boolean separate = !text.isBlank() && !text.endsWith("\n\n") && !text.endsWith("\n\r\n");
        return SourceEdits.appendLines(file, (separate ? "\n" : "") + "# " + comment + "\n" + String.join("\n", missing));
    }

    /**
     * A new .dockerignore at the root of the build context with the groups of patterns, each under its
     * comment; null when the build has an ignore file already or nothing is left to write.
     */
    public static TextEdit create(Project project, BuildLink build, Map<String, List<String>> groups) {
        if (build.dockerignore() != null) {
            return null;
        }
        Set<String> written = new LinkedHashSet<>();
        List<String> blocks = new ArrayList<>();
        for (var group : groups.entrySet()) {
            List<String> patterns = new ArrayList<>(usable(project, build, group.getValue()));
            patterns.removeIf(p -> !written.add(key(p)));
            if (!patterns.isEmpty()) {
                blocks.add("# " + group.getKey() + "\n" + String.join("\n", patterns) + "\n");
            }
        }
        if (blocks.isEmpty()) {
            return null;
        }
        return TextEdit.create(PathNames.join(build.context(), ".dockerignore"), String.join("\n", blocks));
    }

    /**
     * The patterns worth writing: not already in the ignore file (compared without leading {@code /} or
     * {@code ./} and trailing {@code /}), not repeated, and excluding nothing the build uses. A wildcard
     * pattern that would exclude a used path is kept with an exception ({@code !.env.example}) after it.
     */
    static List<String> usable(Project project, BuildLink build, List<String> patterns) {
        Set<String> present = new LinkedHashSet<>();
        for (DockerIgnorePattern p : build.ignore().patterns()) {
            if (!p.exception()) {
                present.add(key(p.text()));
            }
        }
        List<String> used = new ArrayList<>(namedSources(build));
        givenPaths(build).stream().filter(p -> project.files().exists(BuildContexts.inProject(build, p)))
                .forEach(used::add);
        ENV_TEMPLATES.stream().filter(p -> project.files().exists(BuildContexts.inProject(build, p))).forEach(used::add);
        boolean asksGit = CheckoutReaders.of(project, build).isPresent();
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String pattern : patterns) {
            String key = key(pattern);
            if (key.isEmpty() || present.contains(key) || out.containsKey(key) || key.equals(".git") && asksGit) {
                continue;
            }
            List<String> taken = excluded(pattern, used);
            if (taken.isEmpty()) {
                out.put(key, List.of(pattern));
            } else if (WILDCARD.matcher(key).find()) {
                List<String> lines = new ArrayList<>(List.of(pattern));
                taken.forEach(t -> lines.add("!" + t));
                out.put(key, lines);
            }
        }
        return out.values().stream().flatMap(List::stream).toList();
    }

    private static String key(String pattern) {
        String p = pattern.strip();
        while (p.startsWith("./") || p.startsWith("/")) {
            p = p.substring(p.startsWith("/") ? 1 : 2);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }

    /** The context paths the Dockerfile's COPY and ADD instructions name, in every stage. */
    private static List<String> namedSources(BuildLink build) {
        List<String> out = new ArrayList<>();
        for (ContextCopy copy : BuildContexts.copies(build)) {
            for (String source : copy.sources()) {
                String n = PathNames.normalizeRelative(source);
                if (n != null && !n.isEmpty() && !n.equals(".")) {
                    out.add(n);
                }
            }
        }
        return out;
    }

    /** The used paths the pattern alone would leave out of the context. */
    private static List<String> excluded(String pattern, List<String> used) {
        DockerIgnore alone = DockerIgnore.parse(SourceFile.of(".dockerignore", pattern + "\n"));
        return used.stream().filter(alone::matches).distinct().toList();
    }

    /**
     * The context paths that RUN, CMD and ENTRYPOINT arguments may give: relative words that look like paths
     * (with a dot or a slash), and container paths under a folder the whole context was copied to. Only those
     * the context holds count (the .env of {@code cp .env.example .env} is written by the build).
     */
    private static List<String> givenPaths(BuildLink build) {
        if (build.model() == null || build.stage() == null) {
            return List.of();
        }
        List<String> words = new ArrayList<>();
        for (RunStep run : RunStep.of(build.model(), Stages.needed(build.model(), build.stage()))) {
            run.calls().forEach(call -> call.args().forEach(arg -> words.add(arg.value())));
        }
        for (Stage stage : Stages.lineage(build.model(), build.stage())) {
            for (Step step : stage.steps()) {
                InstructionKind kind = step.instruction().kind();
                if (kind == InstructionKind.CMD || kind == InstructionKind.ENTRYPOINT) {
                    String text = step.instruction().logicalText().text();
                    words.addAll(List.of(COMMAND_SEPARATORS.split(text)));
                }
            }
        }
        List<String> roots = BuildContexts.copies(build).stream().filter(ContextCopy::wholeContext)
                .map(c -> c.copy().containerPath()).filter(p -> p != null && p.startsWith("/"))
                .map(p -> p.endsWith("/") ? p : p + "/").toList();
        List<String> out = new ArrayList<>();
        for (String word : words) {
            if (!PATH_WORD.matcher(word).matches()) {
                continue;
            }
            if (word.startsWith("/")) {
                roots.stream().filter(r -> word.startsWith(r) && word.length() > r.length())
                        .forEach(r -> out.add(word.substring(r.length())));
            } else {
                String n = PathNames.normalizeRelative(word);
                if (n != null && !n.isEmpty() && !n.startsWith("..")) {
                    out.add(n);
                }
            }
        }
        return out;
    }
}
