package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.dockerfile.model.CopyCommand;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.dockerfile.model.Variables;
import dev.drydock.core.dockerfile.syntax.Instruction;
import dev.drydock.core.edit.Fix;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.edit.TextEdit;
import dev.drydock.core.rules.support.BuiltImage;
import dev.drydock.core.dockerfile.model.ContainerPaths;
import dev.drydock.core.rules.support.RootHome;
import dev.drydock.core.source.SourceFile;
import java.util.ArrayList;
import java.util.List;

/**
 * Moves a user site copied from a builder ({@code COPY --from=builder /root/.local /root/.local}) to
 * {@value #USER_BASE}, outside root's home, and points Python at it with {@code ENV PYTHONUSERBASE}:
 * Python then finds the packages in {@code $PYTHONUSERBASE/lib/pythonX.Y/site-packages} whatever the
 * user, and the installed scripts are in {@code $PYTHONUSERBASE/bin}, which replaces
 * {@code /root/.local/bin} on PATH. The files keep root as owner and their modes (readable by all), so
 * the runtime user can read but not change them.
 */
final class UserSiteRelocation {

    static final String USER_BASE = "/opt/python-user";

    private UserSiteRelocation() {}

    static Fix fix(BuiltImage image, RootHome.Store store) {
        if (!store.python()) {
            return null;
        }
        CopyCommand copy = finalStageCopy(image.stage(), store);
        if (copy == null || copy.sources().size() != 1
                || !ContainerPaths.clean(copy.containerPath()).equals(ContainerPaths.clean(store.path()))) {
            return null;
        }
        Instruction instruction = copy.instruction();
        SourceFile file = instruction.file();
        String text = file.text().substring(instruction.span().start(), instruction.span().end());
        String written = copy.destination();
        if (!text.stripTrailing().endsWith(written)) {
            return null;
        }
        int at = instruction.span().start() + text.stripTrailing().length() - written.length();
        String path = image.dockerfile();
        List<TextEdit> edits = new ArrayList<>();
        edits.add(TextEdit.replace(path, at, at + written.length(), USER_BASE));
        String oldBin = ContainerPaths.clean(store.path()) + "/bin";
        Variables.Definition pathEnv = image.stage().variables().definition("PATH");
        boolean pathRewritten = false;
        if (pathEnv != null && pathEnv.kind() == Variables.Kind.ENV && pathEnv.instruction().file() == file) {
            Instruction env = pathEnv.instruction();
            String envText = file.text().substring(env.span().start(), env.span().end());
            for (int i = envText.indexOf(oldBin); i >= 0; i = envText.indexOf(oldBin, i + 1)) {
                int end = i + oldBin.length();
                if (end == envText.length() || ":/\"' \n\\".indexOf(envText.charAt(end)) >= 0) {
                    edits.add(TextEdit.replace(path, env.span().start() + i, env.span().start() + end, USER_BASE + "/bin"));
                    pathRewritten = true;
                }
            }
        }
        String env = "ENV PYTHONUSERBASE=" + USER_BASE + (pathRewritten ? "" : " PATH=" + USER_BASE + "/bin:$PATH");
        edits.add(TextEdit.insert(path, file.lineEnd(instruction.endLine()),
                "\n# Python finds the user site here for every user (/root is closed to all but root)\n" + env));
        return Fix.of("copy the user site to " + USER_BASE + " and set PYTHONUSERBASE", FixSafety.UNSAFE, edits);
    }

    private static CopyCommand finalStageCopy(Stage stage, RootHome.Store store) {
        for (CopyCommand copy : stage.copies()) {
            if (copy.fromStage() >= 0 && copy.instruction().span().start() == store.span().start()) {
                return copy;
            }
        }
        return null;
    }
}
