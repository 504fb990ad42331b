package dev.drydock.core.rules.support;

import dev.drydock.core.project.Container;
import dev.drydock.core.review.ReviewContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How an image's build unpacks a Spring Boot jar with its jar modes: {@code -Djarmode=layertools ... extract} writes
 * the launcher classes into the spring-boot-loader layer; {@code -Djarmode=tools ... extract} (Spring Boot 3.3 and
 * later) writes them only with {@code --launcher}, and otherwise a thin application jar with its libraries in lib/.
 */
public final class SpringBootExtracts {

    private SpringBootExtracts() {}

    /**
     * The build's {@code -Djarmode=tools ... extract} without {@code --launcher}, when every extraction of the image's
     * stages is one (no other leaves the launcher classes); empty otherwise.
     */
    public static Optional<Call> withoutLauncher(ReviewContext context, Container container) {
        BuiltImage image = BuiltImage.of(context).stream().filter(i -> i.containers().contains(container))
                .findFirst().orElse(null);
        if (image == null) {
            return Optional.empty();
        }
        Call found = null;
        for (BuildRuns.StageRun run : BuildRuns.of(image)) {
            for (Call call : run.run().calls()) {
                if (!call.is("java") || !has(call, "extract")) {
                    continue;
                }
                if (has(call, "-Djarmode=layertools") || has(call, "--launcher")) {
                    return Optional.empty();
                }
                if (has(call, "-Djarmode=tools") && found == null) {
                    found = call;
                }
            }
        }
        return Optional.ofNullable(found);
    }

    private static boolean has(Call call, String word) {
        return call.args().stream().anyMatch(a -> word.equals(a.value()));
    }

    /**
     * The build's {@code java -Djarmode=layertools ...} calls in the image's stages: the jar mode Spring Boot 3.3
     * deprecated for the tools jar mode and 4.1 removed.
     */
    public static List<Call> layertools(BuiltImage image) {
        List<Call> out = new ArrayList<>();
        for (BuildRuns.StageRun run : BuildRuns.of(image)) {
            for (Call call : run.run().calls()) {
                if (call.is("java") && has(call, "-Djarmode=layertools")) {
                    out.add(call);
                }
            }
        }
        return out;
    }

    /** The file name of the jar a jar-mode call reads, or "the application jar" when it is a pattern. */
    public static String jarName(Call call) {
        List<Call.Arg> args = call.args();
        for (int i = 0; i + 1 < args.size(); i++) {
            if ("-jar".equals(args.get(i).value())) {
                String jar = args.get(i + 1).value();
                return jar.contains("*") || jar.contains("$") ? "the application jar"
                        : jar.substring(jar.lastIndexOf('/') + 1);
            }
        }
        return "the application jar";
    }

    /** The word after {@code -jar ...} that names the jar mode's command ({@code extract}, {@code list}). */
    public static Optional<Call.Arg> command(Call call) {
        List<Call.Arg> args = call.args();
        for (int i = 0; i + 2 < args.size(); i++) {
            if ("-jar".equals(args.get(i).value())) {
                return Optional.of(args.get(i + 2));
            }
        }
        return Optional.empty();
    }
}
