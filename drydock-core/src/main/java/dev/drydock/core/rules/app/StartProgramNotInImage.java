package dev.drydock.core.rules.app;

import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.dockerfile.model.BaseImage;
import dev.drydock.core.dockerfile.model.CopyCommand;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.dockerfile.model.Step;
import dev.drydock.core.dockerfile.syntax.Instruction;
import dev.drydock.core.dockerfile.syntax.InstructionKind;
import dev.drydock.core.entrypoint.EntryPoint;
import dev.drydock.core.image.JavaEntrypointImages;
import dev.drydock.core.entrypoint.ScriptArguments;
import dev.drydock.core.entrypoint.ScriptRuns;
import dev.drydock.core.entrypoint.Wrapper;
import dev.drydock.core.project.Container;
import dev.drydock.core.project.EffectiveCommand;
import dev.drydock.core.project.Origin;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ExampleFile;
import dev.drydock.core.review.Location;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.BaseImageFacts;
import dev.drydock.core.rules.support.ContainerStart;
import dev.drydock.core.rules.support.FinalUser;
import dev.drydock.core.rules.support.ImageContents;
import dev.drydock.core.rules.support.ImageTags;
import dev.drydock.core.rules.support.ShortText;
import dev.drydock.core.rules.support.StartScriptPaths;
import dev.drydock.core.rules.support.Stages;
import dev.drydock.core.rules.support.StartWaits;
import dev.drydock.core.shell.Command;
import dev.drydock.core.shell.Connector;
import dev.drydock.core.shell.Shebang;
import dev.drydock.core.shell.ShellScript;
import dev.drydock.core.source.SourceFile;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

@RuleDefinition(
        id = "start-program-not-in-image",
        title = "The container's start runs a program its image does not have",
        severity = Severity.HIGH,
        category = Category.RELIABILITY,
        checks = "The containers of images built here whose base image drydock knows the programs of (the official"
                + " language and system images, distroless, and what the Dockerfile installs in the final stage's"
                + " lineage). Fires when the container's command (the compose command or entrypoint over the"
                + " image's, after an init such as tini --) starts bash, sh, python, python3, node, java, ruby, php,"
                + " go, bun, deno, curl, wget or nc by name or from /bin, /usr/bin or /usr/local/bin and the image"
                + " has none, also when an entry-point script that runs the command it is given (exec \"$@\")"
                + " passes it the CMD; when a shell-form command needs /bin/sh in an image without a shell; when the start"
                + " script the container runs directly names such an interpreter on its #! line (#!/bin/bash on"
                + " Alpine or BusyBox, #!/usr/bin/env python3 on a Node.js image); and when a start script, an"
                + " entry-point script it passes through or an `sh -c` command runs such a program: high when the"
                + " command is the test of a loop (a wait loop on `nc -z` never ends) or stops the script under set"
                + " -e or runs under exec, medium when it fails on each pass of a loop body, only makes a condition"
                + " false or makes a step fail. Quiet when the script looks the"
                + " program up first (command -v, which, type, hash) or defines a function of that name, for a"
                + " command followed by a fallback (`|| ...`) outside a loop, when the image keeps the program off"
                + " its PATH or under another name, when a RUN, COPY or ADD of the image's stages names the program,"
                + " for a language runtime also when the Dockerfile sets PATH, copies from a stage or an image into"
                + " /opt, /usr or a bin folder, ADDs anything or unpacks or runs an installer, when the base image"
                + " is an Alpine variant of an image whose runtime drydock does not know (gradle, maven), and when"
                + " the base image is one drydock does not know. A shell-form CMD that becomes the arguments of"
                + " distroless Java's `java -jar` is cmd-repeats-base-entrypoint's.",
        problem = "A program named by the container's command, a script's #! line or a command of its start script"
                + " is looked up in the image's folders; the slim, Alpine and distroless images leave most tools out"
                + " (python:3.12-slim has no nc, curl or wget; Alpine has no bash; node images have no Python), and a"
                + " script written on a full machine or another base image names them anyway.",
        impact = "The container does not start (exec: \"bash\": executable file not found in $PATH, or 'no such file"
                + " or directory' for a #! interpreter), waits forever in a loop whose test can never succeed, or"
                + " skips a start step with 'not found' in its log.",
        recommendation = "Install the program in the final stage with the image's package manager, or use what the"
                + " image has: #!/bin/sh and POSIX syntax instead of bash on Alpine, compose's depends_on with"
                + " condition: service_healthy instead of a wait loop on nc.",
        references = {"https://docs.docker.com/reference/dockerfile/#entrypoint",
                "https://github.com/docker-library/docs/tree/master/alpine#readme",
                "https://github.com/GoogleContainerTools/distroless#why-should-i-use-distroless-images"},
        effort = "10 min",
        examples = @RuleExample(
                bad = """
                        FROM python:3.12.8-alpine3.21
                        WORKDIR /app
                        COPY . .
                        RUN pip install --no-cache-dir -r requirements.txt
                        USER 1000
                        ENTRYPOINT ["./docker-entrypoint.sh"]
                        CMD ["gunicorn", "-b", "0.0.0.0:8000", "app:app"]
                        """,
                good = """
                        FROM python:3.12.8-alpine3.21
                        RUN apk add --no-cache bash
                        WORKDIR /app
                        COPY . .
                        RUN pip install --no-cache-dir -r requirements.txt
                        USER 1000
                        ENTRYPOINT ["./docker-entrypoint.sh"]
                        CMD ["gunicorn", "-b", "0.0.0.0:8000", "app:app"]
                        """,
                alongside = {
                        @ExampleFile(name = "docker-entrypoint.sh", content = """
                                #!/bin/bash
                                set -euo pipefail
                                exec "$@"
                                """),
                        @ExampleFile(name = "requirements.txt", content = "flask==3.1.0\\ngunicorn==23.0.0\\n"),
                        @ExampleFile(name = "app.py", content = """
                                from flask import Flask
                                app = Flask(__name__)
                                """)}))
public final class StartProgramNotInImage implements Rule {

    private static final Set<String> BIN_FOLDERS = Set.of("/bin", "/usr/bin", "/usr/local/bin", "/sbin", "/usr/sbin");
    /**
     * The package that installs a program under the same name on Debian, Ubuntu and Alpine; the other programs are
     * runtimes a base image brings.
     */
    private static final Map<String, String> PACKAGES = Map.of("bash", "bash", "curl", "curl", "wget", "wget",
            "nc", "netcat-openbsd", "python3", "python3", "python", "python3");

    @Override
    public void check(ReviewContext context) {
        for (Container c : context.project().containers()) {
            if (c.build() == null || c.build().stage() == null || c.command() == null || c.command().isEmpty()) {
                continue;
            }
            ImageContents image = ImageContents.of(c);
            if (image == null || image.base().isEmpty()) {
                continue;
            }
            String started = program(context, c, image);
            scripts(context, c, image, started);
        }
    }

    /** The program the command starts, or the interpreter of the script it starts; returns what was reported. */
    private String program(ReviewContext context, Container c, ImageContents image) {
        EffectiveCommand command = c.command();
        if (command.inheritsEntrypoint()) {
            return null; // the base image's own entrypoint starts the command
        }
        if (command.shellForm() && command.entrypoint().isEmpty() && JavaEntrypointImages.entrypoint(
                Stages.rootBase(c.build().model(), c.build().stage())).isPresent()) {
            return null; // the shell form becomes the arguments of the image's java -jar (cmd-repeats-base-entrypoint)
        }
        if (command.shellForm()) {
            if (image.has("sh").equals(Optional.of(false))) {
                report(context, c, image, "sh", at(command.origin()), "the " + which(c) + " is in shell form,"
                        + " which runs /bin/sh -c, and " + image.baseImage() + " has no shell: the container does not"
                        + " start", Severity.HIGH, "Write the command in exec form ([\"program\", \"arg\"]), which"
                        + " needs no shell.");
                return "sh";
            }
            return null;
        }
        List<String> argv = ContainerStart.withoutInit(command.argv());
        if (argv.isEmpty() || argv.get(0).contains("$")) {
            return null;
        }
        String word = argv.get(0);
        String name = PathNames.fileName(word);
        boolean inBin = !word.contains("/") || BIN_FOLDERS.contains(PathNames.parent(word));
        if (inBin && missing(c, image, name)) {
            report(context, c, image, name, at(command.originOf(word)), "the " + which(c) + " starts " + word
                    + ", which " + image.baseImage() + " does not contain and the Dockerfile does not install: the"
                    + " container does not start (exec: \"" + word + "\": executable file not found in $PATH)",
                    Severity.HIGH, null);
            return name;
        }
        SourceFile script = startedScript(c, word).orElse(null);
        Optional<Shebang> shebang = script == null ? Optional.empty() : Shebang.of(script.text());
        if (shebang.isPresent() && missing(c, image, shebang.get().interpreter())) {
            String interpreter = shebang.get().interpreter();
            String first = script.text().lines().findFirst().orElse("").strip();
            report(context, c, image, interpreter, new Location(script.path(), script.lines(1, 1)), "the "
                            + which(c) + " runs " + word + (PathNames.fileName(word).equals(script.path()) ? ""
                                    : " (" + script.path() + ")") + " directly, and its first line, `"
                            + first + "`, has it run by " + interpreter + ", which " + image.baseImage() + " does not"
                            + " contain and the Dockerfile does not install: the container does not start (exec "
                            + word + ": no such file or directory)", Severity.HIGH,
                    interpreter.equals("bash") ? "Or, if the script needs nothing of bash, start it with #!/bin/sh"
                            + " (the image's shell) and keep to POSIX syntax." : null);
            return interpreter;
        }
        return script == null ? null : passedCommand(context, c, image, script, argv);
    }

    /**
     * The program of the command an entry-point script runs with {@code exec "$@"} ({@code ENTRYPOINT
     * ["./entrypoint.sh"]} with {@code CMD ["node", "server.js"]}), when the image lacks it.
     */
    private String passedCommand(ReviewContext context, Container c, ImageContents image, SourceFile script,
            List<String> argv) {
        EffectiveCommand command = c.command();
        ShellScript parsed = c.entryPoint() == null ? null : c.entryPoint().startScripts().stream()
                .filter(p -> PathNames.fileName(p).equals(PathNames.fileName(script.path())))
                .findFirst().flatMap(p -> c.scripts().parsed(p)).orElse(null);
        if (parsed == null || argv.size() < 2 || command.cmd().isEmpty() || !argv.get(1).equals(command.cmd().get(0))
                || !ScriptArguments.runsCommandArguments(parsed)) {
            return null;
        }
        String word = argv.get(1);
        String name = PathNames.fileName(word);
        if (word.contains("$") || word.contains("/") && !BIN_FOLDERS.contains(PathNames.parent(word))
                || !missing(c, image, name)) {
            return null;
        }
        report(context, c, image, name, at(command.originOf(word)), "the " + which(c) + "'s entry-point script "
                + script.path() + " runs the command it is given, and that command starts " + word + ", which "
                + image.baseImage() + " does not contain and the Dockerfile does not install: the container does not"
                + " start (exec: " + word + ": not found)", Severity.HIGH, null);
        return name;
    }

    /** The commands of the container's start scripts and sh -c commands that run a program the image lacks. */
    private void scripts(ReviewContext context, Container c, ImageContents image, String reported) {
        EntryPoint ep = c.entryPoint();
        Set<String> done = new HashSet<>();
        if (reported != null) {
            done.add(reported);
        }
        for (String path : StartScriptPaths.of(c)) {
            Optional<SourceFile> file = c.scripts().find(path);
            Optional<ShellScript> parsed = c.scripts().parsed(path);
            if (file.isPresent() && parsed.isPresent()) {
                commands(context, c, image, parsed.get(), file.get().text(),
                        command -> new Location(file.get().path(), command.span()), file.get().path(), false, done);
            }
        }
        if (ep == null) {
            return;
        }
        Origin origin = c.command().origin();
        List<String> inline = new ArrayList<>();
        for (Wrapper wrapper : ep.wrappers()) {
            if (wrapper.name().endsWith(" -c") && !wrapper.args().isEmpty()) {
                inline.add(wrapper.args().get(0));
            }
        }
        if (c.command().shellForm() && c.command().script() != null) {
            inline.add(c.command().script());
        }
        for (String text : inline) {
            if (origin != null) {
                commands(context, c, image, ShellScript.parse(text), text, command -> at(origin),
                        "the " + which(c), true, done);
            }
        }
    }

    private void commands(ReviewContext context, Container c, ImageContents image, ShellScript script, String text,
            java.util.function.Function<Command, Location> locate, String where, boolean inline, Set<String> done) {
        for (Command command : ScriptRuns.commands(script)) {
            String name = PathNames.fileName(command.name());
            if (name.equals("sh") || !missing(c, image, name) || done.contains(name) || looksUp(text, name)) {
                continue;
            }
            boolean repeated = StartWaits.repeated(command, script);
            if (command.followedBy() == Connector.OR && !repeated) {
                continue; // a fallback follows
            }
            done.add(name);
            String line = ShortText.of(text.substring(command.span().start(), command.span().end()).strip(), 60);
            String effect;
            Severity severity = Severity.HIGH;
            if (repeated && command.inCondition()) {
                effect = "the loop tests it again and again, it never succeeds, and the container never gets past"
                        + " the loop";
            } else if (repeated) {
                effect = "it fails on every pass of the loop";
                severity = Severity.MEDIUM;
            } else if (command.wrappers().stream().anyMatch(w -> w.value().equals("exec"))) {
                effect = "exec fails with 'not found', which ends the script, and the container exits";
            } else if (command.errexitApplies()) {
                effect = "set -e stops the script there, and the container exits";
            } else if (command.inCondition()) {
                effect = "the condition is always false";
                severity = Severity.MEDIUM;
            } else {
                effect = "that step fails with '" + name + ": not found' at every start, and the script goes on"
                        + " without it";
                severity = Severity.MEDIUM;
            }
            String lineNote = inline ? "" : " (line " + command.span().startLine() + ")";
            report(context, c, image, name, locate.apply(command), where + lineNote + " runs `" + line + "` at"
                    + " start, and " + image.baseImage() + " has no " + name + " (the Dockerfile does not install"
                    + " it): " + effect, severity, name.equals("nc") && repeated ? "Or let the container wait"
                    + " without it: depends_on with condition: service_healthy on the service it waits for, which"
                    + " needs a healthcheck there." : null);
        }
    }

    private void report(ReviewContext context, Container c, ImageContents image, String program, Location at,
            String message, Severity severity, String alternative) {
        if (at == null) {
            return;
        }
        context.finding(this, at, message)
                .severity(severity)
                .recommendation(install(c, image, program) + (alternative == null ? "" : " " + alternative))
                .add();
    }

    private static String install(Container c, ImageContents image, String program) {
        String pm = image.base().map(BaseImageFacts.ImageTools::packageManager).orElse(null);
        String pkg = "apk".equals(pm) || "apt-get".equals(pm) || "apt".equals(pm) ? PACKAGES.get(program) : null;
        if (program.equals("sh")) {
            return "The image has no shell: start programs in exec form, and keep scripts out of it (or build on"
                    + " a variant with a shell, such as distroless's :debug tags, for troubleshooting only).";
        }
        if (pkg == null) {
            return "Build the final stage FROM an image that has " + program + ", or copy " + program + " into it"
                    + " from a stage that has it, or start the container with what " + image.baseImage() + " has.";
        }
        return "Install " + pkg + " in the final stage: " + FinalUser.installRun(c, pm, pkg) + ".";
    }

    private static boolean missing(Container c, ImageContents image, String program) {
        return BaseImageFacts.ASKED.contains(program) && image.has(program).equals(Optional.of(false))
                && image.offPath(program).isEmpty() && image.renamed(program).isEmpty()
                && image.removedAt(program).isEmpty() && !mayBring(c, image, program);
    }

    /**
     * Whether the image's stages may bring the program other than by a package install drydock reads: an
     * instruction with a word that begins like the program or one of its packages ({@link #ALIASES}), and for a
     * language runtime (which comes as a folder of its own) a PATH set by the Dockerfile, a copy from
     * a stage or an image or an ADD into a folder such a runtime lives in, or a RUN that unpacks or runs an
     * installer.
     */
    private static boolean mayBring(Container c, ImageContents image, String program) {
        var model = c.build().model();
        Pattern named = Pattern.compile("(?i)(?<![\\w.-])(?:" + String.join("|", ALIASES.getOrDefault(program,
                List.of(Pattern.quote(program)))) + ")");
        boolean runtime = RUNTIMES.contains(program);
        if (runtime && !knowsRuntimes(c, image)) {
            return true;
        }
        for (Stage stage : Stages.inImage(model, c.build().stage())) {
            for (Step step : stage.steps()) {
                Instruction instruction = step.instruction();
                InstructionKind kind = instruction.kind();
                if ((kind == InstructionKind.RUN || kind == InstructionKind.COPY || kind == InstructionKind.ADD)
                        && named.matcher(instruction.rawText()).find()) {
                    return true;
                }
                if (!runtime) {
                    continue;
                }
                String text = instruction.rawText();
                if (kind == InstructionKind.ENV && text.matches("(?s).*\\bPATH\\s*[= ].*")
                        || kind == InstructionKind.ADD
                        || kind == InstructionKind.RUN && UNPACKS.matcher(text).find()) {
                    return true;
                }
            }
            for (CopyCommand copy : stage.copies()) {
                if (copy.from() != null && (copy.containerPath().startsWith("/opt") || copy.containerPath()
                        .startsWith("/usr") || copy.containerPath().equals("/") || BIN_FOLDERS.stream()
                        .anyMatch(f -> copy.containerPath().startsWith(f)))) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Whether drydock knows every language runtime the base image has: a language image (its runtime is known), one
     * without a shell (scratch, distroless), or a base system (debian, ubuntu, alpine, busybox). The Alpine variants
     * of other official images (gradle, maven) are known for BusyBox's tools only.
     */
    private static boolean knowsRuntimes(Container c, ImageContents image) {
        BaseImageFacts.ImageTools tools = image.base().orElse(null);
        if (tools == null) {
            return false;
        }
        if (tools.runtime() != null || !tools.shell()) {
            return true;
        }
        var base = Stages.rootBase(c.build().model(), c.build().stage());
        return base instanceof BaseImage.External external && external.reference() != null
                && BASE_SYSTEMS.contains(ImageTags.officialName(external.reference()));
    }

    /** The official images that are a system with no language runtime: their runtimes are all known (none). */
    private static final Set<String> BASE_SYSTEMS = Set.of("debian", "ubuntu", "alpine", "busybox", "bash");

    /**
     * Word beginnings that name the program, its packages (php8.2-cli, openjdk17-jre, ruby-full, py3-pip) or what
     * installs it (nvm, pyenv, sdkman): a RUN, COPY or ADD with one of them may bring the program.
     */
    private static final Map<String, List<String>> ALIASES = Map.ofEntries(
            Map.entry("java", List.of("java", "jdk", "jre", "openjdk", "temurin", "corretto", "zulu", "graalvm",
                    "semeru", "liberica", "sdkman", "msopenjdk")),
            Map.entry("node", List.of("node", "nvm", "volta", "fnm", "n ")),
            Map.entry("python", List.of("python", "py2-", "py3-", "py-", "pyenv", "conda", "miniconda", "mamba",
                    "micromamba", "uv python")),
            Map.entry("python3", List.of("python", "py3-", "pyenv", "conda", "miniconda", "mamba", "micromamba",
                    "uv python")),
            Map.entry("ruby", List.of("ruby", "rbenv", "rvm")),
            Map.entry("php", List.of("php")),
            Map.entry("go", List.of("go")),
            Map.entry("bun", List.of("bun")),
            Map.entry("deno", List.of("deno")),
            Map.entry("bash", List.of("bash")),
            Map.entry("curl", List.of("curl")),
            Map.entry("wget", List.of("wget")),
            Map.entry("nc", List.of("nc\\b", "netcat", "ncat", "nmap")),
            Map.entry("sh", List.of("sh\\b", "busybox", "bash", "dash")));

    private static final Set<String> RUNTIMES = Set.of("python", "python3", "node", "java", "ruby", "php", "go",
            "bun", "deno");
    private static final Pattern UNPACKS = Pattern.compile("\\b(?:tar|unzip|sdk|nvm|asdf|pyenv|conda|mamba|micromamba"
            + "|volta|fnm|n|install\\.sh)\\b|\\|\\s*(?:ba)?sh\\b");

    /** Whether the script checks for the program before using it, or defines a function of its name. */
    private static boolean looksUp(String text, String name) {
        String quoted = Pattern.quote(name);
        return Pattern.compile("\\b(?:command\\s+-[vV]|which|type|hash)\\s+(?:-\\S+\\s+)*['\"]?" + quoted + "\\b")
                .matcher(text).find()
                || Pattern.compile("(?m)^\\s*(?:function\\s+" + quoted + "\\b|" + quoted + "\\s*\\(\\s*\\))")
                        .matcher(text).find();
    }

    /** The project file of the script the command starts directly, by its name. */
    private static Optional<SourceFile> startedScript(Container c, String word) {
        EntryPoint ep = c.entryPoint();
        if (ep == null) {
            return Optional.empty();
        }
        List<String> candidates = ep.startScripts();
        String name = PathNames.fileName(word);
        return candidates.stream().filter(p -> PathNames.fileName(p).equals(name)).findFirst()
                .flatMap(p -> c.scripts().find(p));
    }

    private static String which(Container c) {
        EffectiveCommand command = c.command();
        Origin origin = command.origin();
        boolean compose = origin != null && !origin.file().equals(c.build().dockerfile());
        return (compose ? "compose " : "") + (command.entrypoint().isEmpty() || command.inheritsEntrypoint()
                ? (compose ? "command" : "CMD") : (compose ? "entrypoint" : "ENTRYPOINT"));
    }

    private static Location at(Origin origin) {
        return origin == null ? null : new Location(origin.file(), origin.span());
    }
}
