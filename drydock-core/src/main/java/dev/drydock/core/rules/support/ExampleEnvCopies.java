package dev.drydock.core.rules.support;

import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.dockerfile.model.CopyCommand;
import dev.drydock.core.dockerfile.syntax.Instruction;
import dev.drydock.core.dockerfile.syntax.InstructionKind;
import dev.drydock.core.dockerfile.model.Stage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The application {@code .env} an image makes from a committed template ({@code COPY .env.example .env}, {@code RUN cp
 * .env.example .env}): dotenv loaders (Laravel's and Symfony's among them) read it at start for every variable the
 * container's environment does not set.
 *
 * @param instruction the COPY or RUN that makes it
 * @param written how the instruction makes it, for messages
 * @param template the template's path in the project
 */
public record ExampleEnvCopies(Instruction instruction, String written, String template) {

    private static final Pattern TEMPLATE = Pattern.compile("(?:^|/)\\.env\\.(?:example|sample|dist|template|dev|development|local)$");
    private static final Pattern CP = Pattern.compile("\\bcp\\s+(?:-\\S+\\s+)*(\\S*\\.env\\.[a-z]+)\\s+(\\S*\\.env)(?=\\s|;|&|$)");

    /** Each template the image's stages copy to a .env, with the template's path in the build context. */
    public static List<ExampleEnvCopies> of(BuiltImage image) {
        if (image.container().build() == null) {
            return List.of();
        }
        String context = image.container().build().context();
        String workdir = null;
        List<ExampleEnvCopies> out = new ArrayList<>();
        for (Stage stage : image.imageStages()) {
            for (CopyCommand copy : stage.copies()) {
                if (copy.fromContext() && copy.sources().size() == 1 && TEMPLATE.matcher(copy.sources().get(0)).find()
                        && copy.destination() != null && PathNames.fileName(copy.destination()).equals(".env")) {
                    out.add(new ExampleEnvCopies(copy.instruction(), "COPY " + copy.sources().get(0) + " "
                            + copy.destination(), PathNames.join(context, copy.sources().get(0))));
                }
            }
            stage.steps().stream().map(s -> s.instruction()).filter(i -> i.kind() == InstructionKind.RUN)
                    .forEach(i -> {
                        Matcher m = CP.matcher(i.rawText());
                        if (m.find() && TEMPLATE.matcher(m.group(1)).find() && !m.group(1).startsWith("/")) {
                            // a relative template: the one the earlier COPY put in the working directory
                            out.add(new ExampleEnvCopies(i, "cp " + m.group(1) + " " + m.group(2),
                                    PathNames.join(context, m.group(1))));
                        }
                    });
        }
        return out;
    }

    /** Whether a later RUN of the image edits the .env (sed, echo >>), so that the template's values may not stay. */
    public static boolean editedLater(BuiltImage image, Instruction made) {
        boolean after = false;
        for (Stage stage : image.imageStages()) {
            for (var step : stage.steps()) {
                if (step.instruction() == made) {
                    after = true;
                    continue;
                }
                String text = step.instruction().rawText().toLowerCase(Locale.ROOT);
                if (after && step.instruction().kind() == InstructionKind.RUN && text.contains(".env")
                        && (text.contains("sed ") || text.contains(">>") || text.contains("> .env"))) {
                    return true;
                }
            }
        }
        return false;
    }
}
