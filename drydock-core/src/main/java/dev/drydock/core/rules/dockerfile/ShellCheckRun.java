package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.dockerfile.model.CommandSpec;
import dev.drydock.core.dockerfile.model.DockerfileModel;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.dockerfile.model.Step;
import dev.drydock.core.dockerfile.model.Variables;
import dev.drydock.core.dockerfile.syntax.Heredoc;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.project.DockerfileSource;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.Location;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.RuleMetadata;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.BaseImageFacts.ImageTools;
import dev.drydock.core.rules.support.InferredImageTools;
import dev.drydock.core.shell.Command;
import dev.drydock.core.shell.CommandOptions;
import dev.drydock.core.shell.Shebang;
import dev.drydock.core.shell.ShellScript;
import dev.drydock.core.shell.Word;
import dev.drydock.core.shellcheck.ShellCheck;
import dev.drydock.core.shellcheck.ShellCheckComment;
import dev.drydock.core.shellcheck.ShellCheckScript;
import dev.drydock.core.source.MappedText;
import dev.drydock.core.source.SourceFile;
import dev.drydock.core.source.Span;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

@RuleDefinition(
        id = "shellcheck",
        title = "ShellCheck finds a problem in a RUN or start script",
        severity = Severity.LOW,
        category = Category.RELIABILITY,
        checks = "When the shellcheck program is on PATH, every shell-form RUN of every stage (and the script of a"
                + " RUN <<EOF heredoc) goes to it with the dialect of the SHELL in effect (sh, bash, dash, ksh) and"
                + " with the ARG and ENV names the build defines at that point, so they do not count as unassigned;"
                + " BuildKit's platform ARGs (TARGETARCH...) and ENV set to a literal word are given a value of their"
                + " shape, so that ShellCheck does not ask to quote what cannot split (dotnet restore -a $TARGETARCH)."
                + " Each of its comments becomes a finding under ShellCheck's own code (SC2086...) at the exact line"
                + " and column in the Dockerfile: ShellCheck errors are medium, warnings low, info and style info."
                + " SC2046 is left out for a command substitution that always prints one word ($(uname -m),"
                + " $(nproc), $(dpkg --print-architecture)), which cannot split."
                + " Three kinds of comment are dropped as not applying to what runs: in a stage whose /bin/sh is"
                + " BusyBox's (Alpine, BusyBox), the bash features that shell has too (${v/a/b}, ${v:i:n}, [[ ]], =="
                + " and the like: ShellCheck 0.10's busybox dialect, done here for every version); SC2086 on"
                + " $NAME or ${NAME...} of a build variable whose value (its default or the build argument given)"
                + " has no space or glob character, such as an application name or TARGETARCH; and SC2086 on"
                + " $PHPIZE_DEPS, the php image's list of build packages, meant to split into one package name a"
                + " word (apk add --virtual .build-deps $PHPIZE_DEPS). SC2016 is left out for envsubst's"
                + " single-quoted list of variables (envsubst '$PORT' < template), and for a single-quoted"
                + " ${NAME} that sed -i writes into Apache's configuration (/etc/apache2/, /usr/local/apache2/conf/,"
                + " /etc/httpd/) when NAME is an ENV of the build or one of Debian's Apache envvars: Apache expands it"
                + " from its environment when it starts (the php image's DocumentRoot recipe). SC1010 (a keyword"
                + " such as do or done without a separator before it) is left out when ShellCheck finds no parse"
                + " error in the script: a loop or if missing that separator would be unterminated, so the word is"
                + " an argument the script means (mix do deps.get, compile; echo all done)."
                + " Exec-form RUNs, non-POSIX shells (pwsh, cmd, zsh) and heredocs with another interpreter are not"
                + " shell scripts and are skipped. The project's scripts the containers start with (the entry-point"
                + " script, those it passes the command through, the script that starts the program, the scripts"
                + " the nginx image's entrypoint runs from /docker-entrypoint.d) go to it too,"
                + " each once, in the dialect of their #! line (sh without one), with the names of the final stage's"
                + " ARG and ENV and of the container's environment, and with BusyBox's features allowed where the"
                + " image's /bin/sh is BusyBox's; their findings point into the script, and `# shellcheck"
                + " disable=SCxxxx` there silences one. So do the *.sh files compose services of the postgres, mysql,"
                + " mariadb and mongo images bind-mount into /docker-entrypoint-initdb.d: in the dialect of their #!"
                + " line when executable, as bash when not (the entrypoint sources them), with the service's"
                + " environment and the variables the entrypoint sets (POSTGRES_USER, POSTGRES_DB ...) known."
                + " Scripts with Windows line endings are left to"
                + " script-windows-line-endings. Turned off with --no-shellcheck.",
        problem = "A RUN, and the script a container starts with, is a shell script that nobody runs through a"
                + " shell linter: unquoted variables, ignored failures of cd or of a command inside a pipeline,"
                + " bashisms under /bin/sh (dash on Debian and Ubuntu images rejects `[ a == b ]`).",
        impact = "Builds that succeed while a step silently failed, containers whose start skips a step or fails,"
                + " and scripts that break on another base image whose /bin/sh is a different shell.",
        recommendation = "Follow ShellCheck's advice on its wiki page for the code; where the construct is deliberate,"
                + " write # drydock ignore=SCxxxx above the RUN.",
        references = {"https://www.shellcheck.net/wiki/", "https://github.com/koalaman/shellcheck"},
        fix = FixSafety.NONE,
        effort = "5 min",
        examples = @RuleExample(
                bad = """
                        FROM debian:12.7-slim
                        ARG RELEASE_URL
                        RUN cd /opt && tar -xzf $RELEASE_URL
                        """,
                good = """
                        FROM debian:12.7-slim
                        ARG RELEASE_URL
                        WORKDIR /opt
                        RUN tar -xzf "$RELEASE_URL"
                        """))
public final class ShellCheckRun implements Rule {

    private static final Pattern CODE = Pattern.compile("SC\\d{4}");
    private static final Pattern HEREDOC_ONLY = Pattern.compile("\\s*<<-?\\s*[\"']?[A-Za-z_][A-Za-z0-9_]*[\"']?\\s*");
    private static final Pattern SHELL_WITH_HEREDOC =
            Pattern.compile("\\s*(?:/usr)?(?:/bin/)?(sh|bash|dash|ash|ksh)\\s+<<-?\\s*[\"']?[A-Za-z_][A-Za-z0-9_]*[\"']?\\s*");
    private static final List<String> PROXY_ARGS = List.of("HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy",
            "FTP_PROXY", "ftp_proxy", "NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy");
    /**
     * A command substitution whose output is always one word ({@code $(uname -m)}, {@code $(nproc)},
     * {@code $(dpkg --print-architecture)}): ShellCheck's SC2046 asks to quote it, but nothing can split.
     */
    private static final Pattern ONE_WORD_SUBSTITUTION = Pattern.compile("\\$\\(\\s*(?:uname(?:\\s+-[mrspi])?|nproc"
            + "|arch|dpkg\\s+--print-architecture|id\\s+-[ug]|getconf\\s+_NPROCESSORS_ONLN)\\s*\\)");
    private static final Map<String, RuleMetadata> METADATA = new ConcurrentHashMap<>();
    /**
     * ShellCheck's codes for bash features (in its sh dialect) that BusyBox's sh has too: process substitution,
     * $'...', [[ ]], ==, &>, echo -e, source, SIG-prefixed trap names, ${v:i:n} and ${v/a/b}.
     */
    private static final Set<String> BUSYBOX_HAS = Set.of("SC3001", "SC3003", "SC3010", "SC3014", "SC3020", "SC3036",
            "SC3046", "SC3048", "SC3051", "SC3057", "SC3060");
    /** $NAME, or ${NAME} with an operator whose words have no space or glob ({@code ${TARGETARCH/amd64/x64}}). */
    private static final Pattern PLAIN_EXPANSION = Pattern.compile(
            "\\$(?:([A-Za-z_][A-Za-z0-9_]*)|\\{([A-Za-z_][A-Za-z0-9_]*)(?:[:#%/][^\\s*?\\[\\]{}]*)?})");
    /**
     * Variables of base images that hold a list of package names to be split into words: the php image's
     * PHPIZE_DEPS (autoconf, g++, make...), which its documentation installs as {@code apk add --virtual
     * .build-deps $PHPIZE_DEPS}; quoted, the package manager would get one name with spaces in it.
     */
    private static final Set<String> BASE_IMAGE_WORD_LISTS = Set.of("PHPIZE_DEPS");
    /** A value that an unquoted expansion passes on as one word: no space, no glob character, not empty. */
    private static final Pattern SPLIT_FREE = Pattern.compile("[A-Za-z0-9._/:@%+,=-]+");

    @Override
    public boolean runsAside() {
        return true;
    }

    @Override
    public boolean reports(String findingId) {
        return id().equals(findingId) || CODE.matcher(findingId).matches();
    }

    @Override
    public void check(ReviewContext context) {
        Optional<ShellCheck> shellcheck = ShellCheck.onPath();
        if (shellcheck.isEmpty() || !context.settings().shellcheck()) {
            return;
        }
        for (DockerfileSource dockerfile : context.dockerfiles()) {
            List<Checked> checked = scripts(dockerfile.model());
            if (checked.isEmpty()) {
                continue;
            }
            List<ShellCheckScript> scripts = checked.stream().map(Checked::script).toList();
            String file = dockerfile.file().path();
            List<List<ShellCheckComment>> results;
            try {
                results = shellcheck.get().check(scripts);
            } catch (IOException e) {
                context.finding(this, new Location(file, null), "shellcheck could not check the RUN scripts of "
                        + file + ": " + e.getMessage()).severity(Severity.INFO).add();
                continue;
            }
            report(context, checked, results, dockerfile.file(), "# drydock ignore=%s above the RUN");
        }
        startScripts(context, shellcheck.get());
    }

    /**
     * The project's scripts the containers start with (entry-point scripts, the script that starts the program),
     * each once, in the dialect of its #! line (sh without one) and with the variables the container has.
     */
    private void startScripts(ReviewContext context, ShellCheck shellcheck) {
        List<SourceFile> files = new ArrayList<>();
        List<Checked> checked = new ArrayList<>();
        for (StartScripts.Script start : StartScripts.of(context)) {
            String dialect = dialect(start.interpreter());
            if (dialect != null) {
                SourceFile file = start.file();
                files.add(file);
                checked.add(new Checked(new ShellCheckScript(MappedText.of(file, 0, file.text().length()), dialect,
                        start.variableNames()), start.busyBox() && dialect.equals("sh"), start.variables(),
                        start.parsed()));
            }
        }
        if (checked.isEmpty()) {
            return;
        }
        List<List<ShellCheckComment>> results;
        try {
            results = shellcheck.check(checked.stream().map(Checked::script).toList());
        } catch (IOException e) {
            context.finding(this, new Location(files.get(0).path(), null), "shellcheck could not check the start"
                    + " scripts: " + e.getMessage()).severity(Severity.INFO).add();
            return;
        }
        for (int i = 0; i < checked.size(); i++) {
            report(context, List.of(checked.get(i)), List.of(results.get(i)), files.get(i),
                    "# shellcheck disable=%s on the line above");
        }
    }

    private void report(ReviewContext context, List<Checked> checked, List<List<ShellCheckComment>> results,
            SourceFile source, String ignoreHint) {
        String file = source.path();
        for (int i = 0; i < checked.size(); i++) {
            ShellCheckScript script = checked.get(i).script();
            for (ShellCheckComment comment : results.get(i)) {
                if (comment.id().equals("SC2046") && ONE_WORD_SUBSTITUTION.matcher(script.excerpt(
                        comment.line(), comment.column(), comment.endLine(), comment.endColumn())).matches()) {
                    continue;
                }
                if (literalKeyword(comment, results.get(i))) {
                    continue;
                }
                Span span = script.span(comment.line(), comment.column(), comment.endLine(), comment.endColumn());
                if (span != null && !checked.get(i).moot(comment, source.text(span), span)) {
                    context.finding(metadata(comment), new Location(file, span), comment.id() + ": " + comment.message())
                            .recommendation("See https://www.shellcheck.net/wiki/" + comment.id()
                                    + "; if the construct is deliberate, write " + ignoreHint.formatted(comment.id())
                                    + ".")
                            .add();
                }
            }
        }
    }

    /**
     * Whether SC1010's keyword is a plain argument the script means ({@code mix do deps.get, compile}, Mix's task
     * runner; {@code echo all done}): a loop or if missing the separator before it leaves that construct
     * unterminated, which ShellCheck reports as a parse error; a script without any error runs as written.
     */
    private static boolean literalKeyword(ShellCheckComment comment, List<ShellCheckComment> all) {
        return comment.id().equals("SC1010") && all.stream().noneMatch(c -> c.level().equals("error"));
    }

    private static List<Checked> scripts(DockerfileModel model) {
        List<Checked> scripts = new ArrayList<>();
        for (Stage stage : model.stages()) {
            boolean busyBoxStage = InferredImageTools.of(model, stage).map(ImageTools::busyBox).orElse(false);
            for (CommandSpec run : stage.runs()) {
                if (model.script(run).isEmpty()) {
                    continue;
                }
                String program = program(run.shell().get(0));
                String dialect = dialect(run.shell().get(0));
                MappedText text = run.script();
                if (!run.instruction().heredocs().isEmpty()) {
                    Heredoc first = run.instruction().heredocs().get(0);
                    String shellText = run.shellText();
                    Matcher withShell = SHELL_WITH_HEREDOC.matcher(shellText);
                    if (HEREDOC_ONLY.matcher(shellText).matches() || withShell.matches()) {
                        text = first.content();
                        if (withShell.matches()) {
                            program = withShell.group(1);
                            dialect = dialect(program);
                        }
                        String interpreter = Shebang.of(text.text()).map(Shebang::interpreter).orElse("");
                        if (dialect(interpreter) != null) {
                            program = interpreter;
                            dialect = dialect(program);
                        }
                    }
                }
                if (dialect != null) {
                    boolean busyBox = busyBoxStage && (program.equals("sh") || program.equals("ash"));
                    Variables variables = model.step(run.instruction()).map(Step::variables).orElse(Variables.empty());
                    scripts.add(new Checked(new ShellCheckScript(text, dialect, variables(model, run), words(model, run)), busyBox,
                            variables, ShellScript.parse(text)));
                }
            }
        }
        return scripts;
    }

    private static Set<String> variables(DockerfileModel model, CommandSpec run) {
        Set<String> names = new HashSet<>(PROXY_ARGS);
        // an ARG without a default counts too: --build-arg may set it
        model.step(run.instruction()).ifPresent(step -> step.variables().inOrder().forEach(d -> names.add(d.name())));
        return names;
    }

    /**
     * A script with what ShellCheck cannot know about it: whether BusyBox's sh runs it (the /bin/sh of Alpine
     * images, which has several of bash's features ShellCheck's sh dialect reports), and the build's variables.
     */
    private record Checked(ShellCheckScript script, boolean busyBox, Variables variables, ShellScript parsed) {

        /**
         * Whether a comment does not apply to what runs: a bash feature BusyBox's sh has, an unquoted
         * expansion (SC2086) of a build variable whose value has nothing to split or glob, or a single-quoted
         * ${NAME} (SC2016) that sed writes into Apache's configuration for Apache to expand.
         */
        boolean moot(ShellCheckComment comment, String flagged, Span span) {
            if (busyBox && BUSYBOX_HAS.contains(comment.id())) {
                return true;
            }
            if (comment.id().equals("SC2016")) {
                return envsubstFormat(span) || apacheVariables(flagged, span);
            }
            if (!comment.id().equals("SC2086")) {
                return false;
            }
            Matcher expansion = PLAIN_EXPANSION.matcher(flagged);
            if (!expansion.matches()) {
                return false;
            }
            String name = expansion.group(1) != null ? expansion.group(1) : expansion.group(2);
            if (expansion.group(1) != null && BASE_IMAGE_WORD_LISTS.contains(name)) {
                return true;
            }
            Variables.Definition d = variables.definition(name);
            return d != null && d.value() != null && SPLIT_FREE.matcher(d.value()).matches()
                    && !Pattern.compile("(^|[^A-Za-z0-9_])" + name + "=|\\b(read|for)\\b[^;\\n]*\\b" + name + "\\b")
                            .matcher(script.content()).find(); // the script sets it itself
        }

        /**
         * Whether SC2016's single-quoted text is envsubst's SHELL-FORMAT argument, the list of the variables it may
         * replace ({@code envsubst '$PORT $HOST' < template}): written in single quotes so that the shell leaves it.
         */
        private boolean envsubstFormat(Span span) {
            for (Command envsubst : parsed.commands("envsubst")) {
                if (envsubst.arguments().stream().anyMatch(w -> w.span() != null && w.span().contains(span.start()))) {
                    return true;
                }
            }
            return false;
        }

        /**
         * Whether SC2016's single-quoted ${NAME} is one sed writes into Apache's configuration for Apache to expand:
         * Apache replaces ${NAME} in its configuration files with the environment variable when it starts, which is
         * how the php image's documentation moves the DocumentRoot ({@code sed -ri -e
         * 's!/var/www/html!${APACHE_DOCUMENT_ROOT}!g' /etc/apache2/sites-available/*.conf}). Every name must reach
         * Apache's environment: an ENV of the build, or one of the variables Debian's /etc/apache2/envvars sets.
         */
        private boolean apacheVariables(String flagged, Span span) {
            Matcher names = APACHE_REFERENCE.matcher(flagged);
            boolean any = false;
            while (names.find()) {
                Variables.Definition d = variables.definition(names.group(1));
                if (!APACHE_ENVVARS.contains(names.group(1)) && (d == null || d.kind() != Variables.Kind.ENV)) {
                    return false;
                }
                any = true;
            }
            if (!any || APACHE_REFERENCE.matcher(flagged).replaceAll("").contains("$")) {
                return false;
            }
            for (Command sed : parsed.commands("sed")) {
                if (sed.arguments().stream().noneMatch(w -> w.span() != null && w.span().contains(span.start()))) {
                    continue;
                }
                CommandOptions options = sed.options("-e", "--expression", "-f", "--file");
                List<Word> operands = options.operands();
                if (!options.has("-e", "--expression", "-f", "--file") && !operands.isEmpty()) {
                    operands = operands.subList(1, operands.size()); // the first operand is the script
                }
                return options.has("-i", "--in-place") && !operands.isEmpty() && operands.stream()
                        .allMatch(w -> APACHE_CONFIG_DIRS.stream().anyMatch(dir -> w.value().startsWith(dir)));
            }
            return false;
        }
    }

    /** ${NAME}: Apache's syntax for an environment variable in its configuration files. */
    private static final Pattern APACHE_REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");
    /** The variables Debian's /etc/apache2/envvars exports for apache2ctl (the php and httpd-on-Debian images). */
    private static final Set<String> APACHE_ENVVARS = Set.of("APACHE_RUN_USER", "APACHE_RUN_GROUP", "APACHE_PID_FILE",
            "APACHE_RUN_DIR", "APACHE_LOCK_DIR", "APACHE_LOG_DIR");
    /** Where Apache's configuration lives: Debian's apache2, the httpd image's, the Red Hat family's. */
    private static final List<String> APACHE_CONFIG_DIRS = List.of("/etc/apache2/", "/usr/local/apache2/conf/",
            "/etc/httpd/");

    /** The program name of a shell path ({@code /bin/sh} is {@code sh}). */
    private static String program(String shell) {
        return shell.substring(shell.lastIndexOf('/') + 1);
    }

    /** BuildKit's automatic platform ARGs: their values are single words (amd64, linux/arm64, v8). */
    private static final Map<String, String> PLATFORM_ARGS = Map.of("TARGETPLATFORM", "linux/amd64", "TARGETOS", "linux",
            "TARGETARCH", "amd64", "TARGETVARIANT", "v8", "BUILDPLATFORM", "linux/amd64", "BUILDOS", "linux",
            "BUILDARCH", "amd64", "BUILDVARIANT", "v8");

    /**
     * The variables whose value at the RUN is one plain word whatever the build is given: the platform ARGs,
     * and ENV set to a literal word (an ARG's default may be replaced by --build-arg, so it does not count).
     */
    private static Map<String, String> words(DockerfileModel model, CommandSpec run) {
        Map<String, String> out = new HashMap<>();
        model.step(run.instruction()).ifPresent(step -> step.variables().inOrder().forEach(d -> {
            if (PLATFORM_ARGS.containsKey(d.name()) && d.kind() == Variables.Kind.ARG) {
                out.put(d.name(), PLATFORM_ARGS.get(d.name()));
            } else if (d.kind() == Variables.Kind.ENV && d.value() != null && d.instruction() != null
                    && !d.instruction().rawText().contains("$")) {
                out.put(d.name(), d.value());
            } else {
                out.remove(d.name());
            }
        }));
        return out;
    }

    /** ShellCheck's dialect for a shell program, or null for a shell it does not check. */
    private static String dialect(String shell) {
        String name = program(shell);
        return switch (name) {
            case "sh", "ash", "busybox" -> "sh";
            case "bash", "dash", "ksh" -> name;
            case "mksh", "pdksh" -> "ksh";
            default -> null;
        };
    }

    /** The metadata of one ShellCheck code at one level, made once. */
    private RuleMetadata metadata(ShellCheckComment comment) {
        Severity severity = switch (comment.level()) {
            case "error" -> Severity.MEDIUM;
            case "warning" -> Severity.LOW;
            default -> Severity.INFO;
        };
        return METADATA.computeIfAbsent(comment.id() + "/" + comment.level(), key -> {
            RuleMetadata umbrella = metadata();
            return new RuleMetadata(comment.id(), "ShellCheck " + comment.id() + " in a shell script", severity,
                    severity == Severity.INFO ? Category.MAINTAINABILITY : Category.RELIABILITY,
                    "ShellCheck's check " + comment.id() + " on the shell scripts of RUN instructions and the"
                            + " scripts containers start with.",
                    umbrella.problem(), umbrella.impact(), umbrella.recommendation(),
                    List.of("https://www.shellcheck.net/wiki/" + comment.id()), List.of(), FixSafety.NONE,
                    umbrella.effort(), "", List.of());
        });
    }
}
