package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.rules.support.UserCreation;

import dev.drydock.core.dockerfile.expand.WordExpander;
import dev.drydock.core.dockerfile.model.BaseImage;
import dev.drydock.core.dockerfile.model.CopyCommand;
import dev.drydock.core.dockerfile.model.DockerfileModel;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.dockerfile.model.Step;
import dev.drydock.core.dockerfile.syntax.Flag;
import dev.drydock.core.dockerfile.syntax.Instruction;
import dev.drydock.core.dockerfile.syntax.InstructionKind;
import dev.drydock.core.dockerfile.syntax.PlainText;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.BaseImageFacts;
import dev.drydock.core.rules.support.BaseImageUsers;
import dev.drydock.core.rules.support.Call;
import dev.drydock.core.rules.support.PackageCommands;
import dev.drydock.core.rules.support.RunStep;
import dev.drydock.core.rules.support.Stages;
import dev.drydock.core.rules.support.StagesInUse;
import dev.drydock.core.source.Span;
import java.util.List;
import java.util.regex.Pattern;

@RuleDefinition(
        id = "unknown-user",
        title = "USER or --chown names a user the image does not have",
        severity = Severity.HIGH,
        category = Category.BUILD,
        checks = "USER instructions and the --chown flags of COPY and ADD that name a user, in every stage a build"
                + " needs, when drydock knows the accounts of the stage's base image (Docker's official Debian, Ubuntu"
                + " and Alpine based images such as debian, alpine, python, node, golang, ruby, php, nginx or postgres,"
                + " with the accounts their own Dockerfiles add, distroless, and scratch, which has none) and no earlier RUN of the stage or of"
                + " the stages it is built on creates the user (useradd, adduser). Quiet when an earlier step could"
                + " create accounts in a way drydock does not read: a script file, a write to /etc/passwd, a user name"
                + " or package list held in a variable, files copied over /etc or /, or an installed package whose"
                + " name contains the user's (postgresql creates postgres). Numeric ids are never reported, nor is the"
                + " group part of user:group.",
        problem = "BuildKit looks a --chown name up in the image's /etc/passwd and stops the build when it is not"
                + " there (\"unable to convert uid/gid chown string to host mapping\"); a USER name is looked up when"
                + " the next RUN or the container starts, which then fails (\"unable to find user: no matching entries"
                + " in passwd file\").",
        impact = "The image does not build, or it builds and no container of it ever starts.",
        recommendation = "Create the user in the stage before the instruction that names it, with fixed ids"
                + " (groupadd --system --gid 10001 app && useradd --system --uid 10001 --gid app app), or write numeric"
                + " ids (--chown=10001:10001, USER 10001:10001), which need no account.",
        references = {
                "https://docs.docker.com/reference/dockerfile/#user",
                "https://docs.docker.com/reference/dockerfile/#copy---chown---chmod"},
        effort = "5 min",
        examples = @RuleExample(
                bad = """
                        FROM python:3.12.7-slim
                        WORKDIR /app
                        COPY --chown=app:app . .
                        USER app
                        CMD ["python", "main.py"]
                        """,
                good = """
                        FROM python:3.12.7-slim
                        RUN groupadd --system --gid 10001 app \\
                            && useradd --system --uid 10001 --gid app --no-create-home app
                        WORKDIR /app
                        COPY --chown=app:app . .
                        USER app
                        CMD ["python", "main.py"]
                        """))
public final class UnknownUser implements Rule {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*\\$?");
    private static final Pattern ACCOUNT_FILES = Pattern.compile("/etc/passwd|/etc/group|\\bnewusers\\b|sysusers");
    private static final Pattern ACCOUNT_FOLDERS = Pattern.compile("/etc/?|/etc/(passwd|group|shadow)\\b.*");
    private static final List<String> SHELLS = List.of("sh", "bash", "ash", "dash", "zsh", "source", ".");

    @Override
    public void check(ReviewContext context) {
        for (StagesInUse use : StagesInUse.of(context)) {
            DockerfileModel model = use.image().model();
            Stage stage = use.stage();
            BaseImage base = Stages.rootBase(model, stage);
            if (BaseImageUsers.known(base).isEmpty()) {
                continue;
            }
            List<Stage> lineage = Stages.inImage(model, stage);
            List<RunStep> runs = RunStep.of(model, lineage);
            WordExpander expander = WordExpander.forEscape(model.syntax().escapeChar());
            for (Step step : stage.steps()) {
                Instruction instruction = step.instruction();
                if (instruction.kind() == InstructionKind.USER && instruction.arguments() instanceof PlainText text) {
                    String value = expander.expand(text.text(), step.variables()).valueOr(text.text()).strip();
                    check(context, use, base, lineage, runs, instruction, userPart(value), text.span(), "USER " + value);
                } else if (instruction.kind() == InstructionKind.COPY || instruction.kind() == InstructionKind.ADD) {
                    Flag chown = instruction.flag("chown").orElse(null);
                    CopyCommand copy = stage.copies().stream().filter(c -> c.instruction() == instruction).findFirst()
                            .orElse(null);
                    if (chown != null && copy != null && copy.chown() != null) {
                        check(context, use, base, lineage, runs, instruction, userPart(copy.chown()), chown.valueSpan(),
                                instruction.kind().name() + " --chown=" + copy.chown());
                    }
                }
            }
        }
    }

    private void check(ReviewContext context, StagesInUse use, BaseImage base, List<Stage> lineage, List<RunStep> runs,
            Instruction at, String user, Span span, String written) {
        if (user == null || !BaseImageUsers.lacks(base, user) || mayCreate(lineage, runs, at, user)) {
            return;
        }
        boolean copy = at.kind() != InstructionKind.USER;
        boolean scratch = base instanceof BaseImage.Scratch;
        String image = scratch ? "scratch (it has no /etc/passwd)"
                : BaseImage.describe(base);
        String numeric = copy ? "--chown=65532:65532" : "USER 65532:65532";
        var finding = context.finding(this, use.file(), span, "`" + written + "` names the user " + user + ", which " + image
                        + " does not have and no earlier " + (scratch ? "step copies in" : "RUN creates") + ": " + (copy
                        ? "BuildKit stops the build here (\"unable to convert uid/gid chown string to host mapping\")"
                        : "the next RUN, or the container, fails to start (\"unable to find user " + user
                                + ": no matching entries in passwd file\")"))
                .recommendation(recommendation(base, at, user, copy, numeric));
        if (!copy) {
            finding.breaks(); // a container that cannot start runs as no user, non-root or not
        }
        finding.add();
    }

    /**
     * How to give the instruction a user that exists: create it with the image's own tools, or, in an image
     * without a shell to run useradd (scratch, distroless), write numeric ids or use the account it has.
     */
    private static String recommendation(BaseImage base, Instruction at, String user, boolean copy, String numeric) {
        var tools = BaseImageFacts.tools(base);
        if (base instanceof BaseImage.Scratch) {
            return "Write numeric ids, which need no account in scratch (" + numeric + "), or copy an /etc/passwd"
                    + " and /etc/group that define " + user + " from a builder stage before line " + at.startLine()
                    + " (COPY --from=build /etc/passwd /etc/group /etc/).";
        }
        String nonroot = BaseImageFacts.userIds(base, "nonroot").orElse(null);
        if (tools.isPresent() && !tools.get().shell() && nonroot != null) {
            return "Write numeric ids (" + numeric + "), or use the account " + tools.get().image() + " has: "
                    + (copy ? "--chown=nonroot:nonroot" : "USER nonroot") + " (" + nonroot + "); the image has no"
                    + " shell to run useradd in.";
        }
        boolean alpine = tools.map(BaseImageFacts.ImageTools::packageManager).filter("apk"::equals).isPresent();
        String create = UserCreation.command(alpine, user, 10001);
        return "Create the user before line " + at.startLine() + ": " + create + "; or write numeric ids, which need"
                + " no account (" + (copy ? "--chown=10001:10001" : "USER 10001:10001") + ").";
    }

    /** The user part of {@code user[:group]}, or null for a numeric id, an unexpanded variable or root. */
    private static String userPart(String value) {
        String user = value.contains(":") ? value.substring(0, value.indexOf(':')) : value;
        user = user.strip();
        if (user.isEmpty() || user.chars().allMatch(Character::isDigit) || !NAME.matcher(user).matches()) {
            return null;
        }
        return user;
    }

    /** Whether a step before {@code at} creates the user, or could in a way drydock does not read. */
    private static boolean mayCreate(List<Stage> lineage, List<RunStep> runs, Instruction at, String user) {
        for (RunStep run : runs) {
            if (run.instruction().span().start() > at.span().start()) {
                break;
            }
            if (run.script() == null || ACCOUNT_FILES.matcher(run.text()).find()) {
                return true;
            }
            for (Call call : run.calls()) {
                if (creates(call, user) || runsScript(call) || installsPackageFor(call, user)) {
                    return true;
                }
            }
        }
        for (Stage stage : lineage) {
            for (CopyCommand copy : stage.copies()) {
                String into = copy.containerPath();
                if (copy.instruction().span().start() < at.span().start()
                        && (into == null || into.equals("/") || ACCOUNT_FOLDERS.matcher(into).matches())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean creates(Call call, String user) {
        return call.is("useradd", "adduser", "usermod") && call.args().stream()
                .anyMatch(arg -> arg.value().equals(user) || arg.value().contains("$"));
    }

    private static boolean runsScript(Call call) {
        String program = call.program() == null ? call.name() : call.program().value();
        if (program.contains("$") || program.startsWith("./") || program.startsWith("../") || program.endsWith(".sh")
                || call.name().contains("install") || call.is("make")) {
            return true;
        }
        return SHELLS.contains(call.name()) && call.args().stream().anyMatch(arg -> !arg.value().startsWith("-"))
                && call.args().stream().noneMatch(arg -> arg.value().equals("-c"));
    }

    private static boolean installsPackageFor(Call call, String user) {
        return PackageCommands.install(call).map(install -> install.names().stream()
                .anyMatch(name -> name.contains("$") || name.contains(user)
                        || name.length() >= 3 && user.contains(name))).orElse(false);
    }
}
