package dev.drydock.core.rules.compose;

import dev.drydock.core.compose.Service;
import dev.drydock.core.project.Container;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ExampleFile;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.ComposeServices;
import dev.drydock.core.rules.support.HiddenDependencies;
import dev.drydock.core.rules.support.SourceMounts;
import java.util.ArrayList;
import java.util.List;

@RuleDefinition(
        id = "source-code-mounted",
        title = "Application source bind-mounted over the image",
        severity = Severity.MEDIUM,
        category = Category.RELIABILITY,
        checks = "The bind mounts of compose services built from a Dockerfile, outside files meant for development"
                + " (compose.override.yaml, names with dev, local, test, debug ...): a host folder that is the"
                + " service's build context, or a folder of it holding application sources, mounted on the image's"
                + " working directory, a folder above it, or a folder inside it. Single files (a configuration file)"
                + " and folders without sources (data, uploads, logs) are not source mounts.",
        problem = "The container runs the files of the host's checkout, not the code the image was built with: what"
                + " was reviewed, tested and tagged is not what runs, and the host's owner and permissions apply.",
        impact = "Deploying a new image changes nothing while the mount hides its code; a dependency installed in the"
                + " image is hidden by the host's folder; a writable mount lets a compromised container change the"
                + " host's source.",
        recommendation = "Keep source mounts for development only: move them to compose.override.yaml, which `docker"
                + " compose up` merges on a developer's machine, or use `develop: watch`; in production run the"
                + " code the image contains.",
        references = {
                "https://docs.docker.com/compose/how-tos/production/",
                "https://docs.docker.com/compose/how-tos/multiple-compose-files/merge/",
                "https://docs.docker.com/compose/how-tos/file-watch/"},
        aliases = {},
        effort = "15 min",
        examples = @RuleExample(file = "compose.yaml",
                bad = """
                        services:
                          web:
                            build: .
                            volumes:
                              - .:/app
                        """,
                good = """
                        services:
                          web:
                            build: .
                            volumes:
                              - uploads:/app/uploads
                        volumes:
                          uploads:
                        """,
                alongside = {
                        @ExampleFile(name = "Dockerfile", content = """
                        FROM python:3.12.7-slim
                        WORKDIR /app
                        COPY . .
                        CMD ["python", "main.py"]
                        """),
                        @ExampleFile(name = "main.py", content = """
                        print("serving")
                        """)}))
public final class SourceCodeMounted implements Rule {

    @Override
    public void check(ReviewContext context) {
        List<Hit> hits = new ArrayList<>();
        for (Container c : context.builtContainers()) {
            for (SourceMounts.Mount mount : SourceMounts.of(context, c)) {
                if (!ComposeServices.isDevelopmentFile(context, mount.volume().node().file().path())) {
                    hits.add(new Hit(c, mount.volume(), mount.whole(), mount.target(), mount.workdir()));
                }
            }
        }
        for (List<Hit> group : ComposeServices.byLocation(hits, h -> ComposeServices.location(h.volume().node()))) {
            Hit hit = group.get(0);
            List<HiddenDependencies.Hidden> hidden = HiddenDependencies.of(context, hit.container()).stream()
                    .filter(h -> h.mount() == hit.volume()).toList();
            Service.Volume volume = hit.volume();
            List<String> services = group.stream().map(h -> h.container().service().name()).distinct().toList();
            String names = ComposeServices.names(services);
            String what = hit.whole() ? (services.size() == 1 ? "its" : "their") + " build context " + volume.source()
                    : volume.source() + ", a folder of sources,";
            String target = hit.target();
            context.finding(this, ComposeServices.location(volume.node()), names + " mount" + (services.size() == 1 ? "s " : " ")
                            + what + " over " + target + (target.equals(hit.workdir()) ? ", the image's working directory"
                            : " (the image works in " + hit.workdir() + ")") + ": the container runs the host's files,"
                            + " not the code built into the image" + (volume.readOnly() ? ""
                            : ", and can change them on the host") + hiddenNote(hidden))
                    .recommendation("Remove the mount from " + names + " in "
                            + volume.node().file().path() + " and keep it in compose.override.yaml (merged only"
                            + " where that file exists, a developer's machine)" + (hidden.isEmpty() ? ""
                            : " with an anonymous volume `- " + hidden.get(0).folder() + "` after it, which keeps the"
                                    + " image's " + (hidden.get(0).node() ? "node_modules" : "virtualenv") + " visible")
                            + ", or use `develop: watch` for live reload; deploy the image with its own code.")
                    .add();
        }
    }

    /**
     * Whether this rule reports the bind mount of the container: a source mount outside development files.
     * mount-hides-dependencies leaves such a mount to this rule, whose message names the folders it hides.
     */
    static boolean reports(ReviewContext context, Container c, Service.Volume volume) {
        return !ComposeServices.isDevelopmentFile(context, volume.node().file().path())
                && SourceMounts.of(context, c).stream().anyMatch(m -> m.volume() == volume);
    }

    /** What the mount also hides of the image's dependencies, for the message; empty for nothing. */
    private static String hiddenNote(List<HiddenDependencies.Hidden> hidden) {
        if (hidden.isEmpty()) {
            return "";
        }
        HiddenDependencies.Hidden first = hidden.get(0);
        return "; it also hides " + first.folder() + ", " + first.what() + " the image fills (" + first.container()
                .build().dockerfile() + ":" + first.line() + " " + first.filler() + "), so the container uses the"
                + " host's " + first.hostFolder() + ", which a fresh checkout lacks (the application fails at start)"
                + " and which otherwise holds packages installed for the host's system";
    }

    /** A service that mounts sources of its build over the image's working directory. */
    private record Hit(Container container, Service.Volume volume, boolean whole, String target, String workdir) {}
}
