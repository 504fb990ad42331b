package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.dockerfile.model.CopyCommand;
import dev.drydock.core.dockerfile.model.Step;
import dev.drydock.core.dockerfile.syntax.Word;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.BaseImageFacts;
import dev.drydock.core.rules.support.CopySources;
import dev.drydock.core.rules.support.Stages;
import dev.drydock.core.rules.support.StagesInUse;
import java.util.List;
import java.util.regex.Pattern;

@RuleDefinition(
        id = "copy-relative-without-workdir",
        title = "COPY to a relative destination before any WORKDIR",
        severity = Severity.LOW,
        category = Category.MAINTAINABILITY,
        checks = "Every COPY and ADD of the stages a build uses whose destination (as written) is relative (not"
                + " starting with / or a variable, quoted or not, and not absolute once its variables are expanded):"
                + " fires when no WORKDIR is set before it in the stage or the stages"
                + " it is built on. Quiet when the base image is one whose working directory drydock knows: scratch"
                + " (/, it has no configuration), the official golang (/go), php and wordpress (/var/www/html), composer (/app), httpd"
                + " and tomcat images, serversideup/php (/var/www/html) and FrankenPHP (/app), the Jupyter Docker Stacks' /home/jovyan, micromamba's /tmp, Airflow's"
                + " /opt/airflow: the files land there. One finding per stage, at its first such COPY or ADD, naming"
                + " the lines of the others.",
        problem = "A relative destination is resolved against the working directory, which the Dockerfile has not"
                + " set: it is whatever the base image chose, / for most images.",
        impact = "Files land in / (or in a directory a new base image version moves), and the CMD that expects them"
                + " next to it does not find them.",
        recommendation = "Set WORKDIR /app (or another absolute directory) before the COPY, or write an absolute"
                + " destination.",
        references = {
                "https://docs.docker.com/reference/dockerfile/#workdir",
                "https://docs.docker.com/build/building/best-practices/#workdir"},
        aliases = {"DL3045"},
        effort = "2 min",
        examples = @RuleExample(
                bad = """
                        FROM python:3.12.7-slim
                        COPY app.py ./
                        CMD ["python", "app.py"]
                        """,
                good = """
                        FROM python:3.12.7-slim
                        WORKDIR /app
                        COPY app.py ./
                        CMD ["python", "app.py"]
                        """))
public final class CopyRelativeWithoutWorkdir implements Rule {

    private static final Pattern WINDOWS_DRIVE = Pattern.compile("[A-Za-z]:.*");

    @Override
    public void check(ReviewContext context) {
        for (StagesInUse used : StagesInUse.of(context)) {
            List<CopyCommand> relative = new java.util.ArrayList<>();
            for (CopyCommand copy : used.stage().copies()) {
                Word destination = CopySources.destination(copy.instruction());
                if (destination == null) {
                    continue;
                }
                String written = CopySources.unquote(destination.value());
                String unquoted = written.replace("\"", "").replace("'", "");
                if (unquoted.startsWith("/") || unquoted.startsWith("$") || WINDOWS_DRIVE.matcher(written).matches()
                        || copy.destination() != null && copy.destination().startsWith("/")) {
                    continue;
                }
                Step step = used.image().model().step(copy.instruction()).orElse(null);
                if (step == null || step.workdir() != null
                        || BaseImageFacts.workdir(Stages.rootBase(used.image().model(), used.stage())).isPresent()) {
                    continue;
                }
                relative.add(copy);
            }
            if (!relative.isEmpty()) {
                report(context, relative);
            }
        }
    }

    /** One finding per stage, at its first such COPY, naming the lines of the others (a layered jar's four COPYs). */
    private void report(ReviewContext context, List<CopyCommand> copies) {
        CopyCommand first = copies.get(0);
        Word destination = CopySources.destination(first.instruction());
        List<String> others = copies.subList(1, copies.size()).stream()
                .map(c -> String.valueOf(c.instruction().startLine())).toList();
        context.finding(this, first.instruction().file().path(), destination.span(),
                        first.instruction().kind() + " to the relative destination "
                                + CopySources.unquote(destination.value()) + " with no WORKDIR set: it lands in "
                                + first.containerPath() + " only if the base image's working directory is /"
                                + (others.isEmpty() ? "" : "; so do the relative COPY/ADD destinations of this stage on"
                                        + (others.size() == 1 ? " line " : " lines ") + String.join(", ", others)))
                .add();
    }
}
