package dev.drydock.core.rules.support;

import dev.drydock.core.manifest.PackageJson;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.rules.support.fixes.NodeInstalls;
import dev.drydock.core.source.SourceException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The major version of pnpm an image's build runs: the one a RUN installs ({@code npm install -g pnpm@9},
 * {@code corepack prepare pnpm@10.4.1 --activate}; no version or a dist-tag means today's release), else the
 * {@code packageManager} field of the build context's package.json, which Corepack follows.
 */
public final class PnpmVersions {

    /** The major version an unversioned or dist-tagged install gets today. */
    static final int CURRENT = 10;

    /** The first pnpm release that installs devDependencies whatever NODE_ENV says (pnpm/pnpm#8827). */
    private static final int NODE_ENV_IGNORED_SINCE = 10;

    private static final Pattern SPEC = Pattern.compile("pnpm(?:@(.*))?");
    private static final Pattern LATEST_OF = Pattern.compile("latest-(\\d+)");
    private static final Pattern MAJOR = Pattern.compile("[\\^~=v]*(\\d+)(?:\\..*)?");

    private PnpmVersions() {}

    /** Whether the pnpm of this image installs devDependencies even with NODE_ENV=production. */
    public static boolean ignoresNodeEnv(ReviewContext context, BuiltImage image) {
        return major(context, image).orElse(0) >= NODE_ENV_IGNORED_SINCE;
    }

    /** The major version, when the Dockerfile or the package.json tells it. */
    public static Optional<Integer> major(ReviewContext context, BuiltImage image) {
        for (BuildRuns.StageRun stageRun : BuildRuns.of(image)) {
            for (Call call : stageRun.run().calls()) {
                Optional<Integer> installed = installed(call);
                if (installed.isPresent()) {
                    return installed;
                }
            }
        }
        return NodeInstalls.packageJson(image.container())
                .flatMap(manifest -> context.project().source(manifest.file()))
                .flatMap(file -> {
                    try {
                        return PackageJson.of(file).packageManager();
                    } catch (SourceException e) {
                        return Optional.empty();
                    }
                })
                .filter(field -> field.startsWith("pnpm@"))
                .flatMap(field -> version(field.substring("pnpm@".length())));
    }

    /** The version an {@code npm install -g pnpm...} or {@code corepack prepare|install|use pnpm...} sets up. */
    static Optional<Integer> installed(Call call) {
        List<Call.Arg> args = call.args();
        boolean npmGlobal = call.is("npm") && !args.isEmpty()
                && List.of("install", "i", "add").contains(args.get(0).value())
                && args.stream().anyMatch(a -> a.value().equals("-g") || a.value().equals("--global"));
        boolean corepack = call.is("corepack") && !args.isEmpty()
                && List.of("prepare", "install", "use").contains(args.get(0).value());
        if (!npmGlobal && !corepack) {
            return Optional.empty();
        }
        for (Call.Arg arg : args.subList(1, args.size())) {
            Matcher spec = SPEC.matcher(arg.value());
            if (spec.matches()) {
                return spec.group(1) == null ? Optional.of(CURRENT) : version(spec.group(1));
            }
        }
        return Optional.empty();
    }

    /** The major version of a version or range ({@code 9.15.0}, {@code ^8}); a dist-tag means today's. */
    private static Optional<Integer> version(String spec) {
        String s = spec.strip();
        int hash = s.indexOf('+');
        s = hash < 0 ? s : s.substring(0, hash);
        Matcher tagged = LATEST_OF.matcher(s);
        if (tagged.matches()) {
            return Optional.of(Integer.parseInt(tagged.group(1)));
        }
        Matcher major = MAJOR.matcher(s);
        if (major.matches()) {
            return Optional.of(Integer.parseInt(major.group(1)));
        }
        return s.matches("[a-z][a-z0-9-]*") ? Optional.of(CURRENT) : Optional.empty();
    }
}
