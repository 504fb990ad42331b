package dev.drydock.core.rules.support;

import dev.drydock.core.dockerfile.model.DockerfileModel;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.dockerfile.model.Variables;
import dev.drydock.core.shell.Assignment;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** The {@code mix release} calls of a Dockerfile's stages, where they write the release and for which environment. */
public final class MixReleases {

    /** The release folder Mix writes by default, or a file or folder inside it. */
    private static final Pattern DEFAULT_RELEASE = Pattern.compile("(?:^|/)_build/[^/]+/rel(?:/|$)");

    private MixReleases() {}

    /** A {@code mix release} (or {@code mix do compile, release}) of a RUN. */
    public record Assembly(RunStep run, Call call) {

        /** Where it writes the release: its --path, made absolute; "" for the default _build/ENV/rel. */
        public String path() {
            List<String> args = call.args().stream().map(Call.Arg::value).toList();
            int path = args.indexOf("--path");
            if (path > 0 && path + 1 < args.size()) {
                return absolute(args.get(path + 1), run.directoryAt(call));
            }
            return args.stream().filter(a -> a.startsWith("--path=")).findFirst()
                    .map(a -> absolute(a.substring(7), run.directoryAt(call))).orElse("");
        }

        /**
         * The Mix environment it assembles the release for: MIX_ENV as the command's prefix or an ARG or ENV in effect
         * sets it, {@code dev} (Mix's default) when nothing does; null when drydock cannot tell (a value with a
         * variable, an ARG without a default, or the RUN setting MIX_ENV in its own shell: export, env).
         */
        public String environment() {
            if (call.command() != null) {
                for (Assignment a : call.command().assignments()) {
                    if (a.name().equals("MIX_ENV")) {
                        return a.value() == null ? "" : literal(a.value().raw());
                    }
                }
            }
            if (run.text().contains("MIX_ENV")) {
                return null;
            }
            Variables.Definition d = definition();
            return d == null ? "dev" : d.value() == null ? null : literal(d.value());
        }

        /** The ARG or ENV that sets MIX_ENV for the RUN, or null. */
        public Variables.Definition definition() {
            return run.step() == null ? null : run.step().variables().definition("MIX_ENV");
        }

        private static String literal(String value) {
            String v = value.strip();
            if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
                v = v.substring(1, v.length() - 1);
            }
            return v.contains("$") || v.contains("`") ? null : v;
        }
    }

    /** The releases the stage's build (the stage and the stages it is built on) assembles, in order. */
    public static List<Assembly> of(DockerfileModel model, Stage stage) {
        List<Assembly> out = new ArrayList<>();
        for (RunStep run : RunStep.of(model, Stages.inImage(model, stage))) {
            for (Call call : run.calls("mix")) {
                List<String> args = call.args().stream().map(Call.Arg::value).toList();
                if (!args.isEmpty() && (args.get(0).equals("release") || releaseInDo(args))) {
                    out.add(new Assembly(run, call));
                }
            }
        }
        return out;
    }

    /** Whether a COPY source is one of the releases: under _build/ENV/rel, or a --path they write to. */
    public static boolean isRelease(String source, List<Assembly> releases) {
        if (DEFAULT_RELEASE.matcher(source).find()) {
            return true;
        }
        String s = trim(source);
        return releases.stream().map(Assembly::path).filter(p -> !p.isEmpty())
                .anyMatch(p -> s.equals(p) || s.startsWith(p + "/") || !s.startsWith("/") && p.endsWith("/" + s));
    }

    /** {@code mix do compile, release} or {@code mix do compile + release}. */
    private static boolean releaseInDo(List<String> args) {
        return args.get(0).equals("do") && args.stream().skip(1).anyMatch(a -> a.equals("release")
                || a.equals("release,") || a.endsWith(",release"));
    }

    private static String absolute(String path, String directory) {
        if (path.startsWith("/") || directory == null) {
            return trim(path);
        }
        return trim(directory.endsWith("/") ? directory + path : directory + "/" + path);
    }

    private static String trim(String path) {
        String p = path.startsWith("./") ? path.substring(2) : path;
        return p.endsWith("/") && p.length() > 1 ? p.substring(0, p.length() - 1) : p;
    }
}
