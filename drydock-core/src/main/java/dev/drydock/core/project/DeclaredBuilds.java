package dev.drydock.core.project;

import dev.drydock.core.discovery.FileClassifier;
import dev.drydock.core.discovery.FileType;
import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.shell.ShellWords;
import dev.drydock.core.source.SourceFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the image builds that CI and task files spell out: {@code docker build}, {@code docker buildx
 * build}, {@code podman build}, {@code buildah bud} and kaniko's executor on a command line (a workflow's
 * {@code run}, a GitLab {@code script} item, a Makefile recipe, a shell script, a package.json script),
 * and GitHub's {@code docker/build-push-action} steps (or Depot's {@code depot/build-push-action}, which takes the
 * same inputs) with their {@code context}, {@code file} and
 * {@code target}, in a workflow or in a local composite action's steps. Only what is written literally is
 * taken: a context or Dockerfile that depends on a
 * variable other than the workspace's own ({@code $GITHUB_WORKSPACE}, {@code $CI_PROJECT_DIR}) is left out,
 * except a workflow job's literal matrix: a step that refers to it gives one build a combination ({@link WorkflowMatrix}),
 * and a reusable workflow's inputs, read as each calling workflow of the project passes them ({@link WorkflowCalls}).
 */
final class DeclaredBuilds {

    private DeclaredBuilds() {}

    private static final Pattern BUILD_COMMAND = Pattern.compile(
            "(?<![\\w./-])(?:(?:docker|podman)(?:\\s+buildx|\\s+image)?\\s+build(?![\\w-])"
                    + "|buildah\\s+(?:bud|build)(?![\\w-])|/kaniko/executor(?![\\w-]))");

    private static final Pattern BUILD_PUSH_ACTION = Pattern.compile(
            "^(\\s*)(-\\s+)?uses:\\s*[\"']?(?:docker|depot)/build-push-action@");

    private static final Pattern CD_BEFORE = Pattern.compile(
            "(?:^|[;&|]\\s*|\\s)cd\\s+([\"']?)([^\\s;&|\"']+)\\1\\s*(?:&&|;)\\s*$");

    private static final Pattern STEP_KEY = Pattern.compile(
            "^\\s*(?:-\\s+)?(context|file|target|tags|build-args|labels|push|outputs):\\s*(.*)$");

    /** Options of the build commands that take no value; every other option takes one. */
    private static final Set<String> FLAGS = Set.of("--push", "--load", "--no-cache", "--pull", "--rm",
            "--force-rm", "--quiet", "-q", "--squash", "--compress", "--disable-content-trust", "--check",
            "--debug", "--no-push", "--cache", "--reproducible", "--single-snapshot", "--cleanup",
            "--use-new-run", "--skip-tls-verify", "--insecure", "--insecure-pull", "--skip-unused-stages",
            "--layers", "--tls-verify", "--no-hosts", "--omit-history", "--identity-label", "--all-platforms",
            "--compat-volumes", "--disable-compression", "-D");

    /** Variables that name the checked-out repository, the project root of a CI job. */
    private static final Pattern WORKSPACE = Pattern.compile(
            "\\$\\{\\{\\s*github\\.workspace\\s*}}|\\$\\{?(?:GITHUB_WORKSPACE|CI_PROJECT_DIR|WORKSPACE|PWD)\\b}?"
                    + "|\\$\\(pwd\\)|`pwd`");

    /** Whether a file's text may declare a build at all: a cheap test before reading it line by line. */
    static boolean mayDeclare(String text) {
        return text.contains("build") && (text.contains("docker") || text.contains("podman")
                || text.contains("buildah") || text.contains("kaniko"));
    }

    /**
     * The builds declared in one file.
     *
     * @param file the file, its path relative to the project root
     * @param cwd the folder its commands run in, relative to the project root
     * @param isDirectory whether a root-relative path is a folder of the project
     * @param isFile whether a root-relative path is a file of the project
     */
    static List<DeclaredBuild> read(SourceFile file, String cwd, Predicate<String> isDirectory,
            Predicate<String> isFile) {
        return read(file, cwd, isDirectory, isFile, new ArrayList<>());
    }

    /**
     * @param unplaced receives where a build that puts OCI labels on its image is declared when its Dockerfile
     *     cannot be told ({@code context: ${{ matrix.context }}} with a matrix given by an expression); once a
     *     step however many of its matrix combinations stay unplaced
     */
    static List<DeclaredBuild> read(SourceFile file, String cwd, Predicate<String> isDirectory,
            Predicate<String> isFile, List<Origin> unplaced) {
        return read(file, cwd, isDirectory, isFile, unplaced, WorkflowCalls.NONE);
    }

    /** @param calls the project's calls of its reusable workflows, whose inputs a called workflow's steps refer to */
    static List<DeclaredBuild> read(SourceFile file, String cwd, Predicate<String> isDirectory,
            Predicate<String> isFile, List<Origin> unplaced, WorkflowCalls calls) {
        return read(file, cwd, isDirectory, isFile, unplaced, calls, GitLabJobs.NONE);
    }

    /** @param gitlab the project's GitLab pipeline, whose jobs may run a command written once in several */
    static List<DeclaredBuild> read(SourceFile file, String cwd, Predicate<String> isDirectory,
            Predicate<String> isFile, List<Origin> unplaced, WorkflowCalls calls, GitLabJobs gitlab) {
        String text = file.text();
        boolean pipeline = gitlab.holds(file);
        List<DeclaredBuild> out = new ArrayList<>();
        Matcher command = BUILD_COMMAND.matcher(text);
        boolean workflow = file.path().startsWith(".github/workflows/");
        boolean steps = workflow || FileClassifier.classify(file.path()).orElse(null) == FileType.GITHUB_ACTION;
        boolean jenkins = PathNames.fileName(file.path()).startsWith("Jenkinsfile");
        WorkflowMatrix matrix = workflow ? WorkflowMatrix.of(file) : null;
        WorkflowEnv env = steps ? WorkflowEnv.of(file) : WorkflowEnv.NONE;
        List<Map<String, String>> inputs = workflow ? calls.inputSets(file) : List.of();
        while (command.find()) {
            List<GitLabJobs.Run> runs = pipeline ? gitlab.runs(file, command.start(), cwd) : null;
            if (runs != null) {
                for (GitLabJobs.Run run : runs) {
                    if (run.folder() != null) {
                        commandBuild(file, command.start(), command.end(), run.folder(), false,
                                toolOf(command.group()), run.expand(), isDirectory, isFile, unplaced).ifPresent(out::add);
                    }
                }
                continue;
            }
            for (UnaryOperator<String> expand : substitutions(matrix, inputs, env, file, command.start(), true)) {
                String folder = steps ? stepWorkingDirectory(file, command.start(), cwd, expand) : cwd;
                if (folder != null && jenkins) {
                    folder = JenkinsDirs.folderAt(text, command.start(), folder);
                }
                if (folder != null) {
                    commandBuild(file, command.start(), command.end(), folder, true, toolOf(command.group()), expand,
                            isDirectory, isFile, unplaced)
                            .ifPresent(out::add);
                }
            }
        }
        if (jenkins && text.contains("docker.build")) {
            out.addAll(JenkinsDockerBuilds.read(file, cwd, isDirectory, isFile, unplaced));
        }
        if (text.contains("/build-push-action")) {
            for (int line = 1; line <= file.lineCount(); line++) {
                Matcher uses = BUILD_PUSH_ACTION.matcher(file.line(line));
                if (uses.find()) {
                    for (UnaryOperator<String> expand : substitutions(matrix, inputs, env, file, file.lineStart(line), false)) {
                        actionBuild(file, line, uses, expand, isDirectory, isFile, unplaced).ifPresent(out::add);
                    }
                }
            }
        }
        return out;
    }

    /**
     * One substitution of the matrix values and workflow inputs a combination of the workflow job's matrix and a set
     * of the inputs its callers pass that the step refers to, each with the step's literal {@link WorkflowEnv}
     * variables put in after them ({@code shell}: also {@code $NAME} of a {@code run} command).
     */
    private static List<UnaryOperator<String>> substitutions(WorkflowMatrix matrix, List<Map<String, String>> inputs,
            WorkflowEnv env, SourceFile file, int offset, boolean shell) {
        if (env == WorkflowEnv.NONE && matrix == null) {
            return List.of(UnaryOperator.identity());
        }
        int first = stepStart(file, file.position(offset).line());
        int last = stepEnd(file, first);
        UnaryOperator<String> variables = env.substitution(file, first, last, shell);
        if (matrix == null) {
            return List.of(variables);
        }
        List<UnaryOperator<String>> out = new ArrayList<>();
        for (UnaryOperator<String> values : matrix.substitutions(file, first, last)) {
            for (UnaryOperator<String> given : WorkflowCalls.substitutions(inputs, file, first, last)) {
                out.add(written -> variables.apply(given.apply(values.apply(written))));
            }
        }
        return out;
    }

    /** The tool a build command found by {@link #BUILD_COMMAND} runs. */
    private static BuildTool toolOf(String command) {
        if (command.startsWith("podman")) {
            return BuildTool.PODMAN;
        }
        if (command.startsWith("buildah")) {
            return BuildTool.BUILDAH;
        }
        return command.contains("kaniko") ? BuildTool.KANIKO : BuildTool.DOCKER_CLI;
    }

    /** @param beforeScript whether a GitLab job's before_script is still to be read from the text around the command */
    private static Optional<DeclaredBuild> commandBuild(SourceFile file, int start, int end, String cwd,
            boolean beforeScript, BuildTool tool, UnaryOperator<String> expand, Predicate<String> isDirectory,
            Predicate<String> isFile, List<Origin> unplaced) {
        cwd = folderAt(file, start, cwd, beforeScript);
        if (cwd == null) {
            return Optional.empty();
        }
        List<String> words = wordsAfter(file, start, end).stream().map(expand).toList();
        return commandLine(file, start, end, words, end, cwd, tool, isDirectory, isFile, unplaced);
    }

    /**
     * A build from the words of its command line: options and the context operand; {@code cursor} is where the
     * words are written in the file, to locate the build arguments.
     */
    static Optional<DeclaredBuild> commandLine(SourceFile file, int start, int end, List<String> words, int cursor,
            String cwd, BuildTool tool, Predicate<String> isDirectory, Predicate<String> isFile, List<Origin> unplaced) {
        String dockerfile = null;
        String context = null;
        String target = null;
        List<BuildArgument> arguments = new ArrayList<>();
        List<String> tags = new ArrayList<>();
        List<String> operands = new ArrayList<>();
        Map<String, String> labels = new LinkedHashMap<>();
        boolean metadataLabels = false;
        BuildOutput output = BuildOutput.IMAGE;
        boolean noPush = false;
        for (int i = 0; i < words.size();) {
            String word = words.get(i);
            if (!word.startsWith("-") || word.equals("-")) {
                operands.add(word);
                i++;
                continue;
            }
            CommandOption option = CommandOption.at(words, i, w -> !FLAGS.contains(w));
            i = option.next();
            String value = option.value();
            if (option.name().equals("--push")) {
                output = BuildOutput.SHIPPED;
            } else if (option.name().equals("--no-push")) {
                noPush = true;
            }
            if (value == null) {
                continue;
            }
            switch (option.name()) {
                case "-o", "--output" -> output = output == BuildOutput.SHIPPED ? output : BuildOutput.of(value);
                case "-f", "--file", "--dockerfile" -> dockerfile = value;
                case "--context", "-c" -> context = value.startsWith("dir://") ? value.substring(6) : value;
                case "--target" -> target = value;
                case "--label" -> {
                    if (metadataOutput(file, value, "labels")) {
                        metadataLabels = true;
                    } else {
                        label(value, labels);
                    }
                }
                case "-t", "--tag", "--destination", "-d" -> tags.add(FileVariables.expand(file.path(), file.text(), value));
                case "--build-arg" -> {
                    BuildArgument argument = argument(file, cursor, value);
                    if (argument != null) {
                        arguments.add(argument);
                        cursor = argument.origin().span().end();
                    }
                }
                default -> { }
            }
        }
        if (context == null && !operands.isEmpty()) {
            context = operands.get(operands.size() - 1);
        }
        if (tool == BuildTool.KANIKO && !tags.isEmpty()) {
            output = noPush ? BuildOutput.IMAGE : BuildOutput.SHIPPED; // the executor pushes to each --destination
        }
        return declared(file, start, end, cwd, context, dockerfile, target, arguments, tags,
                new BuildLabels(labels, metadataLabels), tool, output, isDirectory, isFile, unplaced);
    }

    /**
     * The folder a command that starts at {@code start} runs in: {@code cwd}, or the folder a {@code cd DIR &&}
     * just before it on its line moves to; null when that folder is unknown or outside the project.
     */
    static String folderAt(SourceFile file, int start, String cwd) {
        return folderAt(file, start, cwd, true);
    }

    private static String folderAt(SourceFile file, int start, String cwd, boolean beforeScript) {
        if (YamlScripts.isYaml(file.path())) {
            if (beforeScript && !file.path().startsWith(".github/")) {
                cwd = YamlScripts.folderAfterBeforeScript(file, file.position(start).line(), cwd);
            }
            cwd = cwd == null ? null : YamlScripts.folderAfterCds(file.text(), start, cwd);
            if (cwd == null) {
                return null;
            }
        }
        return folderAt(file.text(), start, cwd);
    }

    private static String folderAt(String text, int start, String cwd) {
        int lineStart = text.lastIndexOf('\n', start - 1) + 1;
        Matcher cd = CD_BEFORE.matcher(text.substring(lineStart, start));
        return cd.find() ? resolve(cwd, cd.group(2)) : cwd;
    }

    /**
     * The words of a command after its name (which ends at {@code end}), to the end of the command: see
     * {@link #commandText}; a command inside a quoted string ends at its closing quote.
     */
    static List<String> wordsAfter(SourceFile file, int start, int end) {
        String text = file.text();
        char quote = start == 0 ? 0 : text.charAt(start - 1);
        int foldIndent = YamlScripts.isYaml(file.path()) ? YamlScripts.continuationIndent(text, start) : -1;
        String rest = oneWordExpressions(commandText(text, end, quote == '"' || quote == '\'' ? quote : 0, foldIndent));
        return ShellWords.split(rest);
    }

    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{\\{(.*?)}}");

    /**
     * GitHub expressions written with blanks inside ({@code ${{ github.sha }}}) made one word each
     * ({@code ${{github.sha}}}), as the runner substitutes them before the shell splits the line.
     */
    private static String oneWordExpressions(String command) {
        return EXPRESSION.matcher(command).replaceAll(m -> Matcher.quoteReplacement(
                "${{" + m.group(1).replaceAll("\\s+", "") + "}}"));
    }

    /**
     * The command's text from {@code from} to the end of the command: continued lines joined, cut at an
     * unquoted operator or comment, and at the quote that opened it when the command sits in a quoted
     * string ({@code "docker build ."} in YAML or JSON).
     */
    private static String commandText(String text, int from, char enclosingQuote, int foldIndent) {
        StringBuilder out = new StringBuilder();
        char quote = 0;
        int depth = 0;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote == 0 && c == enclosingQuote) {
                break;
            }
            if (c == '\\' && i + 1 < text.length()) {
                char next = text.charAt(i + 1);
                if (next == '\n' || next == '\r') {
                    i += next == '\r' && i + 2 < text.length() && text.charAt(i + 2) == '\n' ? 2 : 1;
                    out.append(' ');
                    continue;
                }
                if (quote != '\'') {
                    out.append(c).append(next);
                    i++;
                    continue;
                }
            }
            if (quote == 0) {
                if (c == '$' && i + 1 < text.length() && text.charAt(i + 1) == '(') {
                    depth++;
                } else if (c == ')' && depth > 0) {
                    depth--;
                } else if (c == '&' && redirection(text, i)) {
                    out.append(c);
                    continue;
                } else if ((c == '\n' || c == '\r') && YamlScripts.continuation(text, i, foldIndent) >= 0) {
                    out.append(' ');
                    i = YamlScripts.continuation(text, i, foldIndent) - 1;
                    continue;
                } else if (c == '\n' || c == '\r' || c == ';' || c == '|' || c == '&' || c == ')'
                        || c == '#' && out.length() > 0 && Character.isWhitespace(out.charAt(out.length() - 1))) {
                    break;
                }
                if (c == '"' || c == '\'') {
                    quote = c;
                }
            } else if (c == quote) {
                quote = 0;
            }
            out.append(c);
        }
        return out.toString();
    }

    /** Whether the {@code &} at {@code i} belongs to a redirection ({@code 2>&1}, {@code &>log}), not an operator. */
    private static boolean redirection(String text, int i) {
        char before = i > 0 ? text.charAt(i - 1) : 0;
        char after = i + 1 < text.length() ? text.charAt(i + 1) : 0;
        return before == '>' || before == '<' || after == '>' && (i + 2 >= text.length() || text.charAt(i + 2) != '&');
    }

    /**
     * A {@code docker/build-push-action} or {@code depot/build-push-action} step: its {@code with:} keys, in the lines
     * of the same step.
     */
    private static Optional<DeclaredBuild> actionBuild(SourceFile file, int usesLine, Matcher uses,
            UnaryOperator<String> expand, Predicate<String> isDirectory, Predicate<String> isFile, List<Origin> unplaced) {
        int first = stepStart(file, usesLine);
        String context = null;
        String dockerfile = null;
        String target = null;
        List<String> tags = new ArrayList<>();
        List<BuildArgument> arguments = new ArrayList<>();
        Map<String, String> labels = new LinkedHashMap<>();
        boolean metadataLabels = false;
        BuildOutput output = BuildOutput.IMAGE;
        int last = stepEnd(file, first);
        for (int line = first; line <= last; line++) {
            String text = file.line(line);
            Matcher key = STEP_KEY.matcher(text);
            if (key.find()) {
                String value = expand.apply(scalar(key.group(2)));
                switch (key.group(1)) {
                    case "context" -> context = value;
                    case "file" -> dockerfile = value;
                    case "tags" -> listValue(file, line, key.group(2)).stream().map(expand).forEach(tags::add);
                    case "build-args" -> buildArgs(file, line, key.group(2), expand, arguments);
                    case "labels" -> {
                        for (String entry : lines(file, line, key.group(2)).stream().map(expand).toList()) {
                            if (metadataOutput(file, entry, "labels")) {
                                metadataLabels = true;
                            } else {
                                label(entry, labels);
                            }
                        }
                    }
                    case "push" -> output = value.equals("true") ? BuildOutput.SHIPPED : output;
                    case "outputs" -> {
                        for (String entry : lines(file, line, key.group(2)).stream().map(expand).toList()) {
                            output = output == BuildOutput.SHIPPED ? output : BuildOutput.of(entry);
                        }
                    }
                    default -> target = value;
                }
            }
        }
        if (tags.stream().anyMatch(t -> t.contains("outputs.tags"))) {
            tags.addAll(metadataImages(file));
        }
        int start = file.lineStart(usesLine) + uses.group(1).length();
        return declared(file, start, file.lineEnd(usesLine), "", context == null ? "." : context, dockerfile, target,
                arguments, tags, new BuildLabels(labels, metadataLabels), BuildTool.BUILD_PUSH_ACTION, output,
                isDirectory, isFile, unplaced);
    }

    /**
     * The entries of an action input that holds one entry a line (a block scalar or a sequence below the key), or one
     * written on the key's line.
     */
    private static List<String> lines(SourceFile file, int keyLine, String inline) {
        String value = inline.strip();
        return value.isEmpty() || value.startsWith("|") || value.startsWith(">")
                ? listValue(file, keyLine, inline) : List.of(scalar(value));
    }

    /** A label written {@code key=value} (or a bare key, an empty label), added to {@code labels}. */
    private static void label(String written, Map<String, String> labels) {
        int sep = written.indexOf('=');
        String key = (sep < 0 ? written : written.substring(0, sep)).strip();
        if (!key.isEmpty() && !key.contains("$")) {
            labels.put(key, sep < 0 ? "" : written.substring(sep + 1).strip());
        }
    }

    private static final Pattern STEP_OUTPUT = Pattern.compile(
            "\\$\\{\\{\\s*steps\\.([\\w-]+)\\.outputs\\.([\\w-]+)\\s*}}");

    private static final Pattern STEP_ID = Pattern.compile("^\\s*(?:-\\s+)?id:\\s*[\"']?([\\w-]+)[\"']?\\s*(?:#.*)?$");

    /**
     * Whether {@code written} is the {@code output} of a docker/metadata-action step of the same file
     * ({@code ${{ steps.meta.outputs.labels }}}).
     */
    private static boolean metadataOutput(SourceFile file, String written, String output) {
        Matcher reference = STEP_OUTPUT.matcher(written);
        if (!reference.find() || !reference.group(2).equals(output)) {
            return false;
        }
        for (int line = 1; line <= file.lineCount(); line++) {
            Matcher id = STEP_ID.matcher(file.line(line));
            if (id.find() && id.group(1).equals(reference.group(1))) {
                int first = stepStart(file, line);
                for (int n = first; n <= stepEnd(file, first); n++) {
                    if (file.line(n).contains("docker/metadata-action@")) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** The action's {@code build-args}: one NAME=value an entry. */
    private static void buildArgs(SourceFile file, int keyLine, String inline, UnaryOperator<String> expand,
            List<BuildArgument> arguments) {
        List<String> entries = lines(file, keyLine, inline).stream().map(expand).toList();
        int cursor = file.lineStart(keyLine) + file.line(keyLine).indexOf("build-args") + "build-args".length();
        for (String entry : entries) {
            BuildArgument argument = argument(file, cursor, entry);
            if (argument != null) {
                arguments.add(argument);
                cursor = argument.origin().span().end();
            }
        }
    }

    /**
     * {@code NAME=value}, or a bare {@code NAME} whose value the builder takes from the environment, located at
     * the first {@code NAME} written from {@code from} on; null without a name.
     */
    private static BuildArgument argument(SourceFile file, int from, String written) {
        int sep = written.indexOf('=');
        String name = (sep < 0 ? written : written.substring(0, sep)).strip();
        if (name.isEmpty()) {
            return null;
        }
        String value = sep < 0 ? "$" + name : oneWordExpressions(written.substring(sep + 1));
        int at = file.text().indexOf(name, from);
        int start = at < 0 ? from : at;
        return new BuildArgument(name, value, new Origin(file.path(), file.span(start, start + name.length())));
    }

    private static final Pattern METADATA_IMAGES = Pattern.compile("^\\s*(?:-\\s+)?images:\\s*(.*)$");

    /** The {@code images} of the file's docker/metadata-action steps, whose tags a build step takes. */
    private static List<String> metadataImages(SourceFile file) {
        List<String> out = new ArrayList<>();
        if (!file.text().contains("docker/metadata-action")) {
            return out;
        }
        for (int line = 1; line <= file.lineCount(); line++) {
            Matcher images = METADATA_IMAGES.matcher(file.line(line));
            if (images.find()) {
                for (String image : listValue(file, line, images.group(1))) {
                    int comma = image.indexOf(',');
                    out.add(comma > 0 ? image.substring(0, comma) : image); // "name=ghcr.io/org/app,enable=..."
                }
            }
        }
        return out.stream().map(i -> i.startsWith("name=") ? i.substring(5) : i).toList();
    }

    /**
     * A YAML value that holds a list of names: inline and comma-separated ({@code tags: a,b}), or a block
     * scalar or sequence on the lines below the key ({@code tags: |} then one name per line).
     */
    static List<String> listValue(SourceFile file, int keyLine, String inline) {
        List<String> out = new ArrayList<>();
        String value = inline.strip();
        if (!value.isEmpty() && !value.startsWith("|") && !value.startsWith(">")) {
            for (String part : scalar(value).split(",")) {
                if (!part.isBlank()) {
                    out.add(part.strip());
                }
            }
            return out;
        }
        int keyIndent = SourceFile.spaceIndent(file.line(keyLine));
        for (int line = keyLine + 1; line <= file.lineCount(); line++) {
            String text = file.line(line);
            if (text.isBlank()) {
                continue;
            }
            if (SourceFile.spaceIndent(text) <= keyIndent) {
                break;
            }
            String item = text.strip();
            item = scalar(item.startsWith("- ") ? item.substring(2) : item);
            if (!item.isEmpty() && !item.startsWith("#")) {
                out.add(item);
            }
        }
        return out;
    }

    private static final Pattern WORKING_DIRECTORY = Pattern.compile("^\\s*(?:-\\s+)?working-directory:\\s*(.*)$");

    /**
     * The {@code working-directory} of the workflow step a command is written in, relative to the root: null
     * when it cannot be known, {@code cwd} when the step has none.
     */
    static String stepWorkingDirectory(SourceFile file, int offset, String cwd, UnaryOperator<String> expand) {
        int first = stepStart(file, file.position(offset).line());
        int stepIndent = SourceFile.spaceIndent(file.line(first));
        int last = stepEnd(file, first);
        for (int n = first; n <= last; n++) {
            String text = file.line(n);
            Matcher key = WORKING_DIRECTORY.matcher(text);
            if (key.find() && SourceFile.spaceIndent(text) <= stepIndent + 2) {
                return resolve("", expand.apply(scalar(key.group(1))));
            }
        }
        String defaults = defaultWorkingDirectory(file, first);
        return defaults == null ? cwd : resolve("", expand.apply(defaults));
    }

    private static final Pattern STEPS_KEY = Pattern.compile("^( *)steps:\\s*(?:#.*)?$");

    /**
     * The {@code defaults: run: working-directory} of the job that holds the step at {@code stepLine}, or of the
     * workflow; null when neither sets one.
     */
    private static String defaultWorkingDirectory(SourceFile file, int stepLine) {
        int jobIndent = -1;
        for (int n = stepLine - 1; n >= 1; n--) {
            Matcher steps = STEPS_KEY.matcher(file.line(n));
            if (steps.find() && SourceFile.spaceIndent(file.line(n)) < SourceFile.spaceIndent(file.line(stepLine))) {
                jobIndent = steps.group(1).length();
                int jobStart = n;
                while (jobStart > 1 && (file.line(jobStart - 1).isBlank()
                        || SourceFile.spaceIndent(file.line(jobStart - 1)) >= jobIndent)) {
                    jobStart--;
                }
                String found = defaultsIn(file, jobStart, jobIndent);
                if (found != null) {
                    return found;
                }
                break;
            }
        }
        return jobIndent < 0 ? null : defaultsIn(file, 1, 0);
    }

    /** The working-directory under a {@code defaults: run:} key written at {@code indent}, from {@code from} on. */
    private static String defaultsIn(SourceFile file, int from, int indent) {
        for (int n = from; n <= file.lineCount(); n++) {
            String text = file.line(n);
            if (text.isBlank() || text.strip().startsWith("#")) {
                continue;
            }
            int own = SourceFile.spaceIndent(text);
            if (own < indent) {
                return null;
            }
            if (own == indent && text.strip().startsWith("defaults:")) {
                for (int m = n + 1; m <= file.lineCount(); m++) {
                    String inner = file.line(m);
                    if (inner.isBlank()) {
                        continue;
                    }
                    if (SourceFile.spaceIndent(inner) <= indent) {
                        return null;
                    }
                    Matcher key = WORKING_DIRECTORY.matcher(inner);
                    if (key.find()) {
                        return scalar(key.group(1));
                    }
                }
                return null;
            }
        }
        return null;
    }

    /** The line of the workflow step (a sequence item, {@code - name: ...}) that holds {@code line}. */
    static int stepStart(SourceFile file, int line) {
        String own = file.line(line);
        if (own.strip().startsWith("- ")) {
            return line;
        }
        for (int n = line - 1; n >= 1; n--) {
            String text = file.line(n);
            if (text.strip().startsWith("-") && SourceFile.spaceIndent(text) < SourceFile.spaceIndent(own)) {
                return n;
            }
        }
        return line;
    }

    /** The last line of the step that starts at {@code start}: before the next line no deeper than its dash. */
    static int stepEnd(SourceFile file, int start) {
        int stepIndent = SourceFile.spaceIndent(file.line(start));
        for (int n = start + 1; n <= file.lineCount(); n++) {
            String text = file.line(n);
            if (!text.isBlank() && !text.strip().startsWith("#") && SourceFile.spaceIndent(text) <= stepIndent) {
                return n - 1;
            }
        }
        return file.lineCount();
    }


    /** A plain or quoted YAML scalar written on one line, its comment left out. */
    static String scalar(String written) {
        String value = written.strip();
        if (value.length() >= 2 && (value.charAt(0) == '"' || value.charAt(0) == '\'')) {
            int close = value.indexOf(value.charAt(0), 1);
            return close > 0 ? value.substring(1, close) : value;
        }
        int comment = value.indexOf(" #");
        return (comment >= 0 ? value.substring(0, comment) : value).strip();
    }

    private static Optional<DeclaredBuild> declared(SourceFile file, int start, int end, String cwd,
            String contextWord, String dockerfileWord, String target, List<BuildArgument> arguments, List<String> tags,
            BuildLabels labels, BuildTool tool, BuildOutput output, Predicate<String> isDirectory,
            Predicate<String> isFile, List<Origin> unplaced) {
        Optional<DeclaredBuild> build = placed(file, start, end, cwd, contextWord, dockerfileWord, target, arguments,
                tags, labels, tool, output, isDirectory, isFile);
        Origin origin = new Origin(file.path(), file.span(start, end));
        if (build.isEmpty() && labels.oci() && !unplaced.contains(origin)) {
            unplaced.add(origin);
        }
        return build;
    }

    /** The build when its context and Dockerfile are files of the project. */
    private static Optional<DeclaredBuild> placed(SourceFile file, int start, int end, String cwd,
            String contextWord, String dockerfileWord, String target, List<BuildArgument> arguments, List<String> tags,
            BuildLabels labels, BuildTool tool, BuildOutput output, Predicate<String> isDirectory,
            Predicate<String> isFile) {
        String context = contextWord == null ? null : resolve(cwd, contextWord);
        if (context == null || !context.isEmpty() && !isDirectory.test(context)) {
            return Optional.empty();
        }
        String dockerfile;
        if (dockerfileWord == null) {
            dockerfile = DefaultDockerfile.resolve(PathNames.join(context, "Dockerfile"), isFile);
        } else {
            dockerfile = resolve(cwd, dockerfileWord);
        }
        if (dockerfile == null || !isFile.test(dockerfile)) {
            return Optional.empty();
        }
        if (target != null && (target.isEmpty() || target.contains("$"))) {
            target = null;
        }
        Origin origin = new Origin(file.path(), file.span(start, end));
        Map<String, String> args = new LinkedHashMap<>();
        for (BuildArgument argument : arguments) {
            if (argument.literal()) {
                args.put(argument.name(), argument.value());
            }
        }
        return Optional.of(new DeclaredBuild(dockerfile, context, target, args, arguments, tags, origin, tool, labels,
                output));
    }

    /** A path written in a command run in {@code cwd}, relative to the project root; null when unknown or outside. */
    static String resolve(String cwd, String written) {
        String path = WORKSPACE.matcher(written).replaceAll(".");
        if (path.isEmpty() || path.equals("-") || path.contains("$") || path.contains("`") || path.contains("://")
                || path.startsWith("git@") || path.startsWith("~") || PathNames.isAbsolute(path)) {
            return null;
        }
        return PathNames.normalizeRelative(PathNames.join(cwd, path));
    }
}
