package dev.drydock.core.report;

import dev.drydock.core.compose.Service;
import dev.drydock.core.project.Container;
import dev.drydock.core.project.EffectiveHealthcheck;
import dev.drydock.core.review.Review;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The "how to test it" section: commands with this project's image, port and health URL. */
final class TestingRecommendations {

    private static final Pattern URL = Pattern.compile("https?://[^\\s'\"]+");

    private final PrintWriter out;

    TestingRecommendations(PrintWriter out) {
        this.out = out;
    }

    void print(Review review) {
        List<Container> built = review.project().containers().stream()
                .filter(c -> c.build() != null && c.build().stage() != null).toList();
        if (built.isEmpty()) {
            return;
        }
        out.println("---");
        out.println();
        out.println("## 🔍 Testing Recommendations");
        out.println();
        for (Container c : built) {
            String image = image(review, c);
            String container = c.service() != null && c.service().containerName() != null
                    ? c.service().containerName().value() : image.replaceAll("[:/].*$", "") + "-test";
            String port = port(c);
            out.println("For `" + c.name() + "`:");
            out.println();
            out.println("```bash");
            out.println("# build the image");
            out.println("docker build -t " + image + " -f " + c.build().dockerfile() + " "
                    + (c.build().context().isEmpty() ? "." : c.build().context()));
            out.println("# it must not run as root: expect a UID other than 0");
            out.println("docker run --rm --entrypoint id " + image + " -u");
            out.println("# start it and watch the health status become \"healthy\"");
            out.println("docker run -d --name " + container + (port == null ? "" : " -p " + port + ":" + port) + " " + image);
            out.println("docker inspect --format '{{.State.Health.Status}}' " + container);
            String url = healthUrl(c.healthcheck());
            if (url != null) {
                out.println("curl -fsS " + url);
            }
            out.println("# it must stop on SIGTERM well within the grace period (no SIGKILL after 10 s)");
            out.println("time docker stop " + container);
            out.println("docker rm " + container);
            out.println("```");
            out.println();
        }
    }

    private static String image(Review review, Container c) {
        if (c.image() != null) {
            return c.image();
        }
        String base = c.service() != null ? c.name() : review.project().root().getFileName().toString();
        return base.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "-") + ":test";
    }

    /** The container port to publish: compose's first published target, else the first EXPOSE. */
    private static String port(Container c) {
        Service service = c.service();
        if (service != null && !service.ports().isEmpty() && service.ports().get(0).targetStart() > 0) {
            return Integer.toString(service.ports().get(0).targetStart());
        }
        var exposed = c.build().stage().config().exposedPorts();
        return exposed.isEmpty() ? null : exposed.get(0).value().replaceAll("/.*", "");
    }

    private static String healthUrl(EffectiveHealthcheck health) {
        if (health == null) {
            return null;
        }
        for (String word : health.test()) {
            Matcher m = URL.matcher(word);
            if (m.find()) {
                return m.group();
            }
        }
        return null;
    }
}
