package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.dockerfile.model.Setting;
import dev.drydock.core.dockerfile.syntax.Instruction;
import dev.drydock.core.dockerfile.syntax.InstructionKind;
import dev.drydock.core.dockerfile.syntax.PlainText;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.BuiltImage;
import dev.drydock.core.rules.support.Call;
import dev.drydock.core.rules.support.KubernetesRuns;
import dev.drydock.core.rules.support.UserIds;
import dev.drydock.core.dockerfile.model.BaseImage;
import dev.drydock.core.edit.Fix;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.edit.TextEdit;
import dev.drydock.core.dockerfile.model.Variables;
import dev.drydock.core.rules.support.BaseImageFacts;
import dev.drydock.core.rules.support.DotnetImages;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

@RuleDefinition(
        id = "user-not-numeric",
        title = "The image's USER is a name, not a numeric id",
        severity = Severity.INFO,
        category = Category.SECURITY,
        checks = "The USER the built image finally runs as (the last USER of its stages): fires when the user part"
                + " is a name rather than a number. USER root is left to runs-as-root; values with ARG references"
                + " are not checked. The fix writes the numeric ids when the Dockerfile creates the user with fixed"
                + " ones (useradd --uid/--gid, adduser -u), the ARG when it creates the user with the id of one"
                + " (adduser --uid \"${UID}\" after ARG UID=10001: USER ${UID}), and the ids the base image gives"
                + " its own user unless a RUN creates it: nobody (65534:65534), node, bun and deno in their runtimes'"
                + " images, www-data in official Debian-based images (33:33) and in php's Alpine variants (82:82);"
                + " for app in the .NET 8+ images, USER $APP_UID, the variable they set to its id (1654)."
                + " The uid alone when the user is created without a group (adduser --system puts it in nogroup):"
                + " for a uid without :GID Docker takes the group from the user's /etc/passwd entry, as for the name."
                + " The uid alone when the RUNs put the user into supplementary groups (useradd -G, usermod -aG,"
                + " adduser USER GROUP): with :GID the container would lose them. Without fixed ids, the"
                + " recommendation names the line that creates the user and the option of that tool (BusyBox's"
                + " adduser -u, Debian's adduser --uid, useradd --uid; addgroup -g or groupadd --gid for a group it"
                + " names). High when a Kubernetes workload of the project's manifests runs the image (and no compose"
                + " file does) with runAsNonRoot: true and no runAsUser in its pod's or container's securityContext"
                + " (as every leaf kustomization deploys it, after its overlays' patches): the kubelet then refuses to"
                + " start the container, and the message names the manifest and container. Quiet when no compose file"
                + " runs the image and every container of the manifests that runs it sets a numeric runAsUser (its own"
                + " or its pod's securityContext, in every leaf): the kubelet then runs it as that uid and verifies"
                + " runAsNonRoot against it, and `docker run` resolves the name from the image's /etc/passwd.",
        problem = "A user name only means something inside the image's /etc/passwd. Tools outside the container"
                + " see the name, not the id: Kubernetes' runAsNonRoot cannot prove that \"app\" is not root and"
                + " refuses to start the container, and file ownership on mounted volumes has to be guessed.",
        impact = "Pods with runAsNonRoot: true fail with \"image has non-numeric user, cannot verify user is"
                + " non-root\"; volume permissions have to be set by trial.",
        recommendation = "Write the numeric ids the Dockerfile gives the user: USER 10001:10001 (the user can keep"
                + " its name in /etc/passwd).",
        references = {
                "https://docs.docker.com/reference/dockerfile/#user",
                "https://kubernetes.io/docs/tasks/configure-pod-container/security-context/"},
        aliases = {"DL3066"},
        fix = FixSafety.SAFE,
        effort = "2 min",
        examples = @RuleExample(
                bad = """
                        FROM python:3.12.7-slim
                        RUN groupadd --system --gid 10001 app && useradd --system --uid 10001 --gid app app
                        USER app
                        """,
                good = """
                        FROM python:3.12.7-slim
                        RUN groupadd --system --gid 10001 app && useradd --system --uid 10001 --gid app app
                        USER 10001:10001
                        """))
public final class UserNotNumeric implements Rule {

    /** A user id given as an ARG: {@code ${UID}} or {@code $UID}. */
    private static final Pattern ARG_REFERENCE = Pattern.compile("\\$(?:\\{([A-Za-z_][A-Za-z0-9_]*)}|([A-Za-z_][A-Za-z0-9_]*))");

    @Override
    public void check(ReviewContext context) {
        for (BuiltImage image : BuiltImage.of(context)) {
            Setting<String> user = image.stage().config().user();
            if (user == null || user.instruction().kind() != InstructionKind.USER
                    || !(user.instruction().arguments() instanceof PlainText written)) {
                continue;
            }
            String text = written.text().strip();
            String name = text.contains(":") ? text.substring(0, text.indexOf(':')) : text;
            if (text.contains("$") || name.isEmpty() || name.chars().allMatch(Character::isDigit)
                    || name.equals("root") || scratchWithoutAccounts(image)) {
                continue;
            }
            if (runAsUserEverywhere(context, image)) {
                continue;
            }
            Instruction instruction = user.instruction();
            Numeric numeric = numericOwner(image, instruction, user.value(), name);
            String file = instruction.file().path();
            List<KubernetesRuns> refused = image.containers().stream().anyMatch(c -> c.isComposeService()) ? List.of()
                    : KubernetesRuns.of(context, image).stream()
                            .flatMap(r -> r.everyLeaf(context, KubernetesRuns::requiresNonRootWithoutUser).stream())
                            .toList();
            String refusal = refused.isEmpty() ? "" : ": " + refused.get(0).describe() + " sets "
                    + refused.get(0).runAsNonRootSetting() + " without runAsUser, so the kubelet refuses to start the"
                    + " container (\"container has runAsNonRoot and image has non-numeric user (" + name + "), cannot"
                    + " verify user is non-root\", CreateContainerConfigError)"
                    + (refused.size() > 1 ? " and " + (refused.size() - 1) + " other container(s) of the manifests" : "");
            context.finding(this, file, written.span(), "USER " + text + " names the user: a runtime outside the image"
                            + " cannot tell its id, so Kubernetes' runAsNonRoot cannot verify it is not root" + refusal)
                    .severity(refused.isEmpty() ? Severity.INFO : Severity.HIGH)
                    .recommendation((numeric != null
                            ? "Write USER " + numeric.value() + " (" + numeric.why() + ")."
                            : fixedIdRecommendation(image, name)) + (refused.isEmpty() ? "" : " Or set runAsUser to"
                                    + " that id in " + refused.get(0).workload().file() + "'s securityContext."))
                    .fix(numeric == null ? null : Fix.of("write USER " + numeric.value(), FixSafety.SAFE,
                            List.of(TextEdit.replace(file, written.span(), numeric.value()))))
                    .add();
        }
    }

    /**
     * Whether only Kubernetes runs the image (no compose service) and every container of the manifests that runs it
     * sets a numeric runAsUser, in its own or its pod's securityContext, as every leaf kustomization deploys it: the
     * kubelet then starts the container as that uid, never as the image's user, and checks runAsNonRoot against it.
     * `docker run` resolves the name from the image's /etc/passwd, so the name matters to no runtime of the project.
     */
    private static boolean runAsUserEverywhere(ReviewContext context, BuiltImage image) {
        if (image.containers().stream().anyMatch(c -> c.isComposeService())) {
            return false;
        }
        List<KubernetesRuns> runs = KubernetesRuns.of(context, image);
        return !runs.isEmpty() && runs.stream().map(r -> r.deployed(context)).allMatch(d -> d.complete()
                && !d.runs().isEmpty() && d.runs().stream().allMatch(r -> r.runAsUser() != null));
    }

    /**
     * An image built on scratch with no /etc/passwd copied in: any user name in it is missing (unknown-user
     * reports it), and the ids are the only way to name a user there.
     */
    private static boolean scratchWithoutAccounts(BuiltImage image) {
        return image.rootBase() instanceof BaseImage.Scratch && image.imageStages().stream()
                .flatMap(stage -> stage.copies().stream())
                .noneMatch(copy -> copy.containerPath() == null || copy.containerPath().startsWith("/etc")
                        || copy.containerPath().equals("/"));
    }

    /**
     * Give the user a fixed id where the image creates it, with the options of the tool that does: BusyBox's
     * adduser on Alpine (short options such as -S, -D) takes -u and its addgroup -g, Debian's adduser --uid and
     * --gid, useradd --uid and groupadd --gid.
     */
    private static String fixedIdRecommendation(BuiltImage image, String name) {
        CreatedUser created = CreatedUser.named(image.imageRuns(), name);
        Call call = created == null ? null : created.run().calls("useradd", "adduser").stream()
                .filter(c -> c.args().stream().anyMatch(a -> a.value().equals(name)))
                .findFirst().orElse(null);
        if (call == null) {
            return "Give the user a fixed id when creating it (useradd --uid 10001) and write USER 10001"
                    + " (with :GID for the group).";
        }
        boolean busybox = call.is("adduser") && call.args().stream().map(Call.Arg::value)
                .anyMatch(a -> a.matches("-[A-Za-z]+") && !a.equals("-u"));
        String uid = call.is("useradd") ? "--uid 10001" : busybox ? "-u 10001" : "--uid 10001";
        String[] groupOptions = busybox ? new String[] {"-G"} : new String[] {"-g", "--gid", "--ingroup"};
        boolean namedGroup = created.group() != null && !call.options(groupOptions).values(groupOptions).isEmpty();
        String group = namedGroup ? " and its group " + created.group() + " one too (" + (busybox ? "addgroup -g 10001"
                : call.is("useradd") ? "groupadd --gid 10001" : "addgroup --gid 10001") + ")" : "";
        return "Give " + name + " a fixed id where line " + call.span().startLine() + " creates it (" + call.name()
                + " " + uid + ")" + group + ", and write USER 10001" + (namedGroup ? ":10001" : "") + ".";
    }

    /** The numeric user to write instead of the name, and where it comes from. */
    private record Numeric(String value, String why) {}

    /** uid:gid (or uid) when the Dockerfile or the base image fixes them, else null. */
    private static Numeric numericOwner(BuiltImage image, Instruction instruction, String user, String name) {
        boolean sameGroup = !user.contains(":") || user.substring(user.indexOf(':') + 1).equals(name);
        if (sameGroup && !UserIds.createdInImage(image, name) && !renumbered(image, name)) {
            if (name.equals("app") && DotnetImages.hasAppUser(image.rootBase())) {
                return new Numeric("$APP_UID", "the variable the .NET image sets to app's id, " + DotnetImages.appUid(image.rootBase()) + ", which Docker"
                        + " writes into the image's user as a number: Microsoft's documented way to switch to it");
            }
            Optional<String> known = BaseImageFacts.userIds(image.rootBase(), name);
            if (known.isPresent()) {
                return new Numeric(known.get(), "the ids of " + name + " in " + BaseImage.describe(image.rootBase()));
            }
        }
        String owner = UserIds.owner(image, user);
        String uid = owner.contains(":") ? owner.substring(0, owner.indexOf(':')) : owner;
        Matcher reference = ARG_REFERENCE.matcher(uid);
        if (reference.matches()) {
            String arg = reference.group(1) != null ? reference.group(1) : reference.group(2);
            Variables.Definition d = image.model().step(instruction).map(step -> step.variables().definition(arg))
                    .orElse(null);
            if (d == null || d.kind() != Variables.Kind.ARG || d.value() == null || !numeric(d.value())) {
                return null;
            }
            return new Numeric("${" + arg + "}", "the RUN that creates " + name + " gives it the id of ARG " + arg
                    + ", " + d.value() + " unless the build passes another; BuildKit writes the same number into the"
                    + " image's user");
        }
        if (!numeric(uid)) {
            return null;
        }
        if (!user.contains(":") && supplementaryGroups(image, name)) {
            // USER uid:gid would drop them: only the implicit form (a name or a bare uid) reads /etc/group
            return new Numeric(uid, "the id of " + name + " in this image, without :GID so that it keeps its"
                    + " supplementary groups");
        }
        String value = owner.chars().allMatch(c -> Character.isDigit(c) || c == ':') ? owner : uid;
        return new Numeric(value, value.contains(":") ? "the ids of " + name + " in this image"
                : "the id of " + name + " in this image: it keeps the primary group"
                        + " of its /etc/passwd entry, which Docker reads for a bare uid as it does for the name");
    }

    /**
     * Whether the image's RUNs put the user into further groups: useradd -G, usermod -G/-aG, Debian's
     * adduser USER GROUP, BusyBox's addgroup USER GROUP, gpasswd -a USER GROUP.
     */
    private static boolean supplementaryGroups(BuiltImage image, String name) {
        for (var run : image.imageRuns()) {
            for (var call : run.calls("useradd", "usermod", "adduser", "addgroup", "gpasswd")) {
                List<String> args = call.args().stream().map(a -> a.value()).toList();
                if (!args.contains(name)) {
                    continue;
                }
                boolean groupsOption = args.stream().anyMatch(a -> a.equals("-G") || a.equals("--groups")
                        || a.equals("-aG") || a.startsWith("--groups=")) && (call.is("useradd") || call.is("usermod"));
                List<String> operands = args.stream().filter(a -> !a.startsWith("-")).toList();
                boolean userThenGroup = (call.is("adduser") || call.is("addgroup")) && operands.size() == 2
                        && operands.get(0).equals(name) && args.stream().noneMatch(a -> a.startsWith("-"));
                boolean gpasswd = call.is("gpasswd") && (args.contains("-a") || args.contains("--add"));
                if (groupsOption || userThenGroup || gpasswd) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether the image's own RUNs give the user or its group other ids (usermod, groupmod). */
    private static boolean renumbered(BuiltImage image, String name) {
        return image.imageRuns().stream().flatMap(run -> run.calls("usermod", "groupmod").stream())
                .anyMatch(call -> call.args().stream().anyMatch(arg -> arg.value().equals(name)));
    }

    private static boolean numeric(String value) {
        return !value.isEmpty() && value.chars().allMatch(Character::isDigit);
    }
}
