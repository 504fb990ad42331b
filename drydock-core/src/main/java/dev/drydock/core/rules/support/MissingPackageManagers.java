package dev.drydock.core.rules.support;

import dev.drydock.core.dockerfile.model.CopyCommand;
import dev.drydock.core.dockerfile.model.DockerfileModel;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.dockerfile.syntax.Instruction;
import dev.drydock.core.shell.Command;
import dev.drydock.core.shell.Connector;
import dev.drydock.core.shell.Scope;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The RUNs of a stage that call a package manager its base image does not have ({@link ImagePackageManager#lacks}):
 * apt-get on Alpine, apk on Debian, dnf on ubi-minimal. For each RUN the first such call, unless the call is guarded
 * (in an if, case or loop, after a test joined with &&, or joined with || to a fallback), or an earlier RUN of the
 * stage's lineage (or an earlier command of the same RUN) installs the manager, or an earlier COPY or ADD into / or a
 * bin folder may have brought it. Shell-form RUNs of an image without a shell are left to run-without-shell.
 */
public final class MissingPackageManagers {

    /** A call of a package manager the image lacks. */
    public record Miss(RunStep run, Call call, ImagePackageManager image) {}

    private static final Set<String> TESTS = Set.of("command", "which", "type", "hash", "[", "[[", "test", "grep");
    private static final Set<Scope> GUARDING_SCOPES = EnumSet.of(Scope.IF_CONDITION, Scope.IF_BRANCH,
            Scope.CASE_BRANCH, Scope.LOOP_CONDITION, Scope.LOOP_BODY, Scope.FUNCTION_BODY);
    private static final List<String> BIN_FOLDERS = List.of("/bin", "/sbin", "/usr/bin", "/usr/sbin", "/usr/local/bin",
            "/usr/local/sbin");

    private MissingPackageManagers() {}

    /** The misses in the RUNs of {@code stage} (not of the stages it is built on), found once per model and stage. */
    public static List<Miss> of(DockerfileModel model, Stage stage) {
        return model.derived("missing-package-managers", stage, () -> find(model, stage));
    }

    /** Whether package-manager-not-in-image reports a call of this RUN (the other package rules then stay quiet). */
    public static boolean reported(RunStep run) {
        Instruction instruction = run.instruction();
        return of(run.model(), run.stage()).stream().anyMatch(m -> m.run().instruction() == instruction);
    }

    private static List<Miss> find(DockerfileModel model, Stage stage) {
        ImagePackageManager image = ImagePackageManager.of(Stages.rootBase(model, stage)).orElse(null);
        if (image == null) {
            return List.of();
        }
        int broughtAt = broughtIn(model, stage);
        List<Miss> misses = new ArrayList<>();
        List<Call> before = new ArrayList<>();
        for (RunStep run : RunStep.of(model, Stages.inImage(model, stage))) {
            boolean own = run.stage() == stage && run.instruction().span().start() < broughtAt
                    && (image.shell() || run.script() == null);
            boolean reported = false;
            for (Call call : run.calls()) {
                if (own && !reported && image.lacks(call.name()) && !guarded(run, call)
                        && !installed(before, call.name())) {
                    misses.add(new Miss(run, call, image));
                    reported = true;
                }
                before.add(call);
            }
        }
        return List.copyOf(misses);
    }

    /** Where the first COPY or ADD of the lineage that may bring a program in is (into /, a bin folder, or an archive). */
    private static int broughtIn(DockerfileModel model, Stage stage) {
        for (Stage s : Stages.inImage(model, stage)) {
            for (CopyCommand copy : s.copies()) {
                String path = copy.containerPath();
                boolean binary = path.equals("/") || BIN_FOLDERS.stream().anyMatch(f -> path.equals(f)
                        || path.startsWith(f + "/"));
                if (binary) {
                    return s == stage ? copy.instruction().span().start() : -1;
                }
            }
        }
        return Integer.MAX_VALUE;
    }

    /** Whether an earlier command installs the package manager itself ({@code microdnf install dnf}, {@code apk-tools}). */
    private static boolean installed(List<Call> before, String program) {
        for (Call call : before) {
            var install = PackageCommands.install(call);
            if (install.isPresent() && install.get().names().stream().anyMatch(n -> n.equals(program)
                    || n.equals(program + "-tools") || program.startsWith("apt") && n.equals("apt"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the script expects the call may fail or may not run: inside an if, case, loop or function, joined with ||
     * to another command (a fallback, or {@code || true}), or after a test in the same && chain ({@code command -v apk
     * && apk add ...}, {@code [ -f /etc/alpine-release ] && ...}).
     */
    private static boolean guarded(RunStep run, Call call) {
        Command command = call.command();
        if (command == null) {
            return false;
        }
        if (command.scopes().stream().anyMatch(GUARDING_SCOPES::contains)
                || command.precededBy() == Connector.OR || command.followedBy() == Connector.OR) {
            return true;
        }
        List<Call> calls = run.calls();
        Command current = command;
        for (int i = calls.indexOf(call) - 1; i >= 0 && current.precededBy() == Connector.AND; i--) {
            Command previous = calls.get(i).command();
            if (previous == null) {
                return false;
            }
            if (TESTS.contains(previous.name()) || previous.name().isEmpty()) {
                return true;
            }
            current = previous;
        }
        return false;
    }
}
