package dev.drydock.core.rules.support;

import dev.drydock.core.project.Project;
import dev.drydock.core.source.SourceFile;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The web address of the project's repository, for labels and messages: the {@code origin} remote
 * of its git configuration, written as an https URL ({@code git@github.com:org/app.git} becomes
 * {@code https://github.com/org/app}); empty when the project has none.
 */
public final class RepositoryUrl {

    private static final Pattern ORIGIN = Pattern.compile(
            "\\[remote \"origin\"\\][^\\[]*?\\burl\\s*=\\s*(\\S+)", Pattern.DOTALL);
    private static final Pattern SCP = Pattern.compile("^[\\w.-]+@([\\w.-]+):(.+)$");

    private RepositoryUrl() {}

    public static Optional<String> of(Project project) {
        return project.source(".git/config").map(SourceFile::text).flatMap(RepositoryUrl::fromGitConfig);
    }

    static Optional<String> fromGitConfig(String config) {
        Matcher m = ORIGIN.matcher(config);
        if (!m.find()) {
            return Optional.empty();
        }
        String url = m.group(1);
        Matcher scp = SCP.matcher(url);
        if (scp.matches()) {
            url = "https://" + scp.group(1) + "/" + scp.group(2);
        } else if (url.startsWith("ssh://")) {
            url = "https://" + url.substring("ssh://".length()).replaceFirst("^[^@/]+@", "").replaceFirst(":\\d+/", "/");
        } else if (!url.startsWith("https://") && !url.startsWith("http://")) {
            return Optional.empty(); // a local path or another protocol says nothing public
        }
        url = url.replaceFirst("^(https?://)[^@/]+@", "$1"); // no credentials in a label
        return Optional.of(url.endsWith(".git") ? url.substring(0, url.length() - 4) : url);
    }
}
