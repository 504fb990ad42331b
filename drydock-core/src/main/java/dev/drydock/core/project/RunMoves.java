package dev.drydock.core.project;

import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.dockerfile.model.CommandSpec;
import dev.drydock.core.dockerfile.model.DockerfileModel;
import dev.drydock.core.shell.Command;
import dev.drydock.core.shell.ShellScript;
import dev.drydock.core.shell.Word;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The files a RUN moves or copies inside the image with {@code mv} or {@code cp}, in its order: {@code COPY
 * supervisord.conf /tmp/} then {@code RUN mv /tmp/supervisord.conf /etc/supervisor/conf.d/app.conf} puts the
 * project's file there. Only plain two-operand commands with literal paths are read, and none after a {@code cd}
 * (which moves the folder relative paths start from).
 *
 * @param source the absolute path moved or copied
 * @param target the absolute path written, or the folder it goes into when {@code intoFolder}
 * @param intoFolder whether the target is written as a folder ({@code /etc/app/}), or reads as one: a name without
 *     an extension for a file with one (the target is also read as a folder when the image's copies make it one)
 */
record RunMoves(String source, String target, boolean intoFolder) {

    /** Options of mv and cp that take no value and change nothing of where the file goes. */
    private static final Set<String> PLAIN_OPTIONS = Set.of("-f", "-n", "-v", "-i", "-r", "-R", "-a", "-p", "-L",
            "-P", "-d", "-u", "--force", "--no-clobber", "--verbose", "--recursive", "--archive", "--preserve",
            "--dereference", "--update");

    /** The moves and copies of a RUN run in {@code workdir}, in order. */
    static List<RunMoves> of(DockerfileModel model, CommandSpec run, String workdir) {
        List<RunMoves> out = new ArrayList<>();
        for (Command command : model.script(run).map(ShellScript::commands).orElse(List.of())) {
            if (command.is("cd", "pushd")) {
                break;
            }
            if (!command.is("mv", "cp") || !command.wrappers().isEmpty()) {
                continue;
            }
            List<String> operands = new ArrayList<>();
            boolean readable = true;
            for (Word word : command.arguments()) {
                String value = word.value();
                if (!word.isLiteral() || value.contains("*") || value.contains("?") || value.contains("[")) {
                    readable = false;
                } else if (value.startsWith("-")) {
                    readable &= PLAIN_OPTIONS.contains(value) || value.matches("-[fnvirRapLPdu]+");
                } else {
                    operands.add(value);
                }
            }
            if (readable && operands.size() == 2) {
                String source = operands.get(0);
                String target = operands.get(1);
                // mv app.conf /etc/nginx/conf.d: a rename that drops the file's extension is rare
                boolean intoFolder = target.endsWith("/") || target.endsWith("/.")
                        || PathNames.fileName(source).contains(".") && !PathNames.fileName(target).contains(".");
                out.add(new RunMoves(PathNames.normalizeAbsolute(workdir, source),
                        PathNames.normalizeAbsolute(workdir, target), intoFolder));
            }
        }
        return out;
    }
}
