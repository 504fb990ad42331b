package dev.drydock.core.project;

import dev.drydock.core.image.ImageReference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The image names the project builds, so that a compose service that pulls one by name is linked to the
 * Dockerfile behind it: a name another service builds ({@code build:} with {@code image:}), or a tag the CI or
 * task files give a build. Names are compared as repositories (registry and path, tag and digest left out,
 * Docker Hub's defaults filled in, as {@link ImageReference} normalises them); a tag written with variables ({@code ghcr.io/${{ github.repository }}})
 * matches any value in their place, provided it has a literal part to match at all.
 */
final class PublishedImages {

    private static final Pattern VARIABLE = Pattern.compile(
            "\\$\\{\\{\\s*github\\.repository\\s*}}|\\$\\{\\{[^}]*}}|\\$\\{[^}]*}|\\$\\([^)]*\\)|\\$[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern LITERAL_PART = Pattern.compile("[a-z0-9][a-z0-9._-]+");

    private final Map<String, BuildLink> builtByCompose = new HashMap<>();

    void built(String image, BuildLink build) {
        String repository = repository(image);
        if (repository != null) {
            builtByCompose.putIfAbsent(repository, build);
        }
    }

    BuildLink builtBy(String image) {
        String repository = repository(image);
        return repository == null ? null : builtByCompose.get(repository);
    }

    /** The declared build tagged with the image's name: null when none is, or builds of several Dockerfiles are. */
    DeclaredBuild declared(String image, List<DeclaredBuild> builds) {
        String repository = repository(image);
        if (repository == null) {
            return null;
        }
        List<DeclaredBuild> matching = new ArrayList<>();
        for (DeclaredBuild build : builds) {
            if (build.tags().stream().anyMatch(tag -> matches(tag, repository))) {
                matching.add(build);
            }
        }
        if (matching.isEmpty() || matching.stream().map(DeclaredBuild::dockerfile).distinct().count() > 1) {
            return null;
        }
        return matching.stream().filter(b -> b.target() == null).findFirst().orElse(matching.get(0));
    }

    /** {@code docker.io/library/python} for {@code python:3.12}; null for a name with a variable left in it. */
    static String repository(String image) {
        String name = stripTag(image.strip()).toLowerCase(Locale.ROOT);
        return ImageReference.tryParse(name).filter(ImageReference::isImage).map(ImageReference::fullName)
                .orElse(null);
    }

    private static boolean matches(String tag, String repository) {
        String name = stripTag(tag.strip());
        if (!name.contains("$")) {
            return repository.equals(repository(name));
        }
        StringBuilder regex = new StringBuilder();
        Matcher variable = VARIABLE.matcher(name);
        int last = 0;
        boolean literal = false;
        while (variable.find()) {
            String before = name.substring(last, variable.start()).toLowerCase(Locale.ROOT);
            literal |= LITERAL_PART.matcher(before).find();
            regex.append(Pattern.quote(before));
            regex.append(variable.group().contains("github.repository") && !variable.group().contains("owner")
                    ? "[^/]+/[^/]+" : "[^/:@]+");
            last = variable.end();
        }
        String after = name.substring(last).toLowerCase(Locale.ROOT);
        literal |= LITERAL_PART.matcher(after).find();
        regex.append(Pattern.quote(after));
        if (!literal) {
            return false;
        }
        Pattern pattern = Pattern.compile(regex.toString());
        return pattern.matcher(repository).matches()
                || pattern.matcher(ImageReference.parse(repository).familiarName()).matches();
    }

    /** The name without its tag or digest: the first ':' after the last '/' starts the tag. */
    private static String stripTag(String image) {
        int at = image.indexOf('@');
        String name = at >= 0 ? image.substring(0, at) : image;
        int slash = name.lastIndexOf('/');
        int colon = name.indexOf(':', slash + 1);
        return colon >= 0 ? name.substring(0, colon) : name;
    }
}
