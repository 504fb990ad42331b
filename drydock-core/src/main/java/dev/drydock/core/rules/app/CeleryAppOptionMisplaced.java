package dev.drydock.core.rules.app;

import dev.drydock.core.entrypoint.EntryPoint;
import dev.drydock.core.entrypoint.Runtime;
import dev.drydock.core.manifest.Dependency;
import dev.drydock.core.manifest.Ecosystem;
import dev.drydock.core.manifest.Manifest;
import dev.drydock.core.project.Container;
import dev.drydock.core.project.EffectiveCommand;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ExampleFile;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.WrittenInstructions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

@RuleDefinition(
        id = "celery-app-option-misplaced",
        title = "Celery's -A/--app option is written after the sub-command",
        severity = Severity.HIGH,
        category = Category.RELIABILITY,
        checks = "A container command that runs `celery` with -A or --app after its sub-command (`celery worker -A"
                + " proj`, `celery beat --app=proj`), where the project's manifest asks for Celery 5 or later, or for"
                + " Celery without an upper bound below 5 (so the newest release, 5.x, is installed). Quiet when the"
                + " manifest pins an older release, or names no Celery at all.",
        problem = "Celery 5 moved its command line to Click: -A/--app is an option of the `celery` command itself and"
                + " must come before the sub-command. Written after it, the sub-command rejects it.",
        impact = "The container stops at once with \"You are using `-A` as an option of the worker sub-command ..."
                + " Error: No such option: -A\": the worker, beat or flower never starts, and with a restart policy it"
                + " restarts in a loop.",
        recommendation = "Move -A/--app before the sub-command: `celery -A proj worker -l INFO`.",
        references = {
                "https://docs.celeryq.dev/en/stable/history/whatsnew-5.0.html#step-1-adjust-your-command-line-invocation",
                "https://github.com/celery/celery/issues/6363"},
        effort = "2 min",
        examples = @RuleExample(
                bad = """
                        FROM python:3.12.7-slim
                        WORKDIR /app
                        COPY requirements.txt .
                        RUN pip install --no-cache-dir -r requirements.txt
                        COPY . .
                        USER 10001
                        CMD ["celery", "worker", "-A", "shop", "-l", "INFO"]
                        """,
                good = """
                        FROM python:3.12.7-slim
                        WORKDIR /app
                        COPY requirements.txt .
                        RUN pip install --no-cache-dir -r requirements.txt
                        COPY . .
                        USER 10001
                        CMD ["celery", "-A", "shop", "worker", "-l", "INFO"]
                        """,
                alongside = @ExampleFile(name = "requirements.txt", content = "celery==5.4.0\n")))
public final class CeleryAppOptionMisplaced implements Rule {

    /** Options of the celery command itself that take a value. */
    private static final Set<String> GLOBAL_WITH_VALUE = Set.of("-A", "--app", "-b", "--broker", "--result-backend",
            "--loader", "--config", "--workdir");
    private static final Pattern VERSION = Pattern.compile("(\\d+)");
    private static final Pattern UPPER_BOUND = Pattern.compile("<=?\\s*v?(\\d+)(?:\\.(\\d+))?");

    @Override
    public void check(ReviewContext context) {
        for (Container c : context.project().containers()) {
            EntryPoint ep = c.entryPoint();
            EffectiveCommand command = c.command();
            if (ep == null || command == null || ep.runtime() != Runtime.CELERY) {
                continue;
            }
            Misplaced misplaced = misplaced(ep.args());
            if (misplaced == null) {
                continue;
            }
            String release = celeryFiveOrLater(c);
            if (release == null) {
                continue;
            }
            context.finding(this, WrittenInstructions.commandWord(c, command, misplaced.option()), "`celery "
                            + misplaced.subcommand() + " " + String.join(" ", ep.args().subList(misplaced.at(), misplaced.at() + misplaced.length())) + "` gives -A/--app to the "
                            + misplaced.subcommand() + " sub-command, which Celery 5 (" + release + ") no longer"
                            + " accepts: the container stops at once with \"Error: No such option\"")
                    .recommendation("Write it before the sub-command: `" + String.join(" ", fixed(ep.args(), misplaced))
                            + "`.")
                    .add();
        }
    }

    private record Misplaced(String subcommand, String option, int at, int length) {}

    private static Misplaced misplaced(List<String> argv) {
        int start = -1;
        for (int i = 0; i < argv.size(); i++) {
            String a = argv.get(i);
            if (a.equals("celery") || a.endsWith("/celery")) {
                start = i + 1;
                break;
            }
        }
        if (start < 0) {
            return null;
        }
        int i = start;
        while (i < argv.size() && argv.get(i).startsWith("-")) {
            i += GLOBAL_WITH_VALUE.contains(argv.get(i)) ? 2 : 1;
        }
        if (i >= argv.size()) {
            return null;
        }
        String subcommand = argv.get(i);
        for (int j = i + 1; j < argv.size(); j++) {
            String a = argv.get(j);
            if (a.equals("--")) {
                return null;
            }
            if ((a.equals("-A") || a.equals("--app")) && j + 1 < argv.size()) {
                return new Misplaced(subcommand, a, j, 2);
            }
            if (a.startsWith("--app=") || a.startsWith("-A") && a.length() > 2) {
                return new Misplaced(subcommand, a, j, 1);
            }
        }
        return null;
    }

    private static List<String> fixed(List<String> argv, Misplaced m) {
        List<String> out = new ArrayList<>();
        List<String> option = argv.subList(m.at(), m.at() + m.length());
        for (int i = 0; i < argv.size(); i++) {
            if (i >= m.at() && i < m.at() + m.length()) {
                continue;
            }
            if (argv.get(i).equals(m.subcommand()) && out.stream().noneMatch(m.subcommand()::equals)) {
                out.addAll(option);
            }
            out.add(argv.get(i));
        }
        return out;
    }

    /**
     * The Celery requirement as written when it installs Celery 5 or later (an exact or lower bound from 5 on, or
     * none below 5), else null.
     */
    private static String celeryFiveOrLater(Container c) {
        Manifest manifest = c.manifests().stream()
                .filter(m -> m.ecosystem() == Ecosystem.PYPI && m.dependency("celery").filter(d -> !d.isDev()).isPresent())
                .findFirst().orElse(null);
        if (manifest == null) {
            return null;
        }
        Dependency d = manifest.dependency("celery").orElseThrow();
        String constraint = d.constraint() == null ? "" : d.constraint().strip();
        String where = " in " + manifest.file();
        if (constraint.isEmpty() || constraint.equals("*")) {
            return "the newest release, as celery is not pinned" + where;
        }
        if (constraint.startsWith("@")) {
            return null;
        }
        Matcher upper = UPPER_BOUND.matcher(constraint);
        while (upper.find()) {
            int major = Integer.parseInt(upper.group(1));
            boolean inclusive = upper.group().startsWith("<=");
            int minor = upper.group(2) == null ? 0 : Integer.parseInt(upper.group(2));
            if (major < 5 || major == 5 && minor == 0 && !inclusive) {
                return null;
            }
        }
        Matcher first = VERSION.matcher(constraint);
        if (!first.find()) {
            return null;
        }
        int major = Integer.parseInt(first.group(1));
        boolean lowerBoundOnly = constraint.startsWith(">") && !constraint.contains("<");
        if (major >= 5 || lowerBoundOnly) {
            return "celery" + constraint + where;
        }
        return null;
    }
}
