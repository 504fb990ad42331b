package dev.drydock.core.rules.support;

import dev.drydock.core.compose.Service;
import dev.drydock.core.dockerfile.model.BaseImage;
import dev.drydock.core.entrypoint.EntryPoint;
import dev.drydock.core.entrypoint.Runtime;
import dev.drydock.core.project.Container;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.source.SourceFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ports Apache httpd listens on in a container that runs it, from its {@code Listen} directives: the official
 * httpd image reads /usr/local/apache2/conf/httpd.conf (its own has {@code Listen 80}); Debian's apache2 (also the
 * php image's apache tags) reads /etc/apache2/apache2.conf, which includes ports.conf ({@code Listen 80}, and 443 once
 * mod_ssl is enabled), conf-enabled/ and sites-enabled/. The project's .conf files copied or mounted there
 * ({@link ConfigFiles}) stand in for or beside the image's. Unknown (empty) when a RUN edits the configuration
 * (sed on Listen), when a Listen reads a variable, or when the files cannot be read.
 *
 * @param ports the ports, the first Listen's first
 * @param file the file of the first Listen, or null when it is the image's own
 * @param line its line, or 0
 */
public record HttpdPorts(List<Integer> ports, String file, int line) {

    private static final String OFFICIAL_ROOT = "/usr/local/apache2/conf/";
    private static final String DEBIAN_ROOT = "/etc/apache2/";
    private static final Set<String> LAUNCHERS = Set.of("httpd-foreground", "apache2-foreground");
    private static final Pattern LISTEN = Pattern.compile("(?i)^\\s*Listen\\s+(\\S+)(?:\\s+\\S+)?\\s*$");
    private static final Pattern ADDRESS = Pattern.compile("(?:\\[[0-9a-fA-F:.]+\\]:|[0-9.]+:)?(\\d{1,5})");
    private static final Pattern SSL_BLOCK = Pattern.compile("(?i)^\\s*<IfModule\\s+(ssl_module|mod_ssl\\.c|mod_gnutls\\.c)>");

    public static Optional<HttpdPorts> of(ReviewContext context, Container c) {
        return context.memo("httpd-ports", c, () -> read(context, c));
    }

    /** Whether the container's main process is Apache httpd: its command, or the one its base image starts. */
    public static boolean runsApache(Container c) {
        EntryPoint ep = c.entryPoint();
        if (ep != null) {
            return ep.runtime() == Runtime.APACHE;
        }
        if (c.command() != null || c.build() == null || c.build().stage() == null) {
            return false;
        }
        return BaseImageFacts.defaultCommand(Stages.rootBase(c.build().model(), c.build().stage()))
                .filter(LAUNCHERS::contains).isPresent();
    }

    /** Whether the compose service runs the official httpd image as pulled, with its own command. */
    private static boolean pulledHttpd(Container c) {
        Service service = c.service();
        return c.build() == null && service != null && service.command() == null && service.entrypoint() == null
                && ComposeServices.pulledImage(service).map(ImageTags::officialName).filter("httpd"::equals).isPresent();
    }

    /**
     * Whether the compose service pulls the official httpd image and bind-mounts configuration of the project's own
     * under /usr/local/apache2/conf (a .conf file, or a folder).
     */
    public static boolean mountsOwnConfig(ReviewContext context, Container c) {
        return pulledHttpd(c) && ConfigFiles.of(context, c.service(), null, OFFICIAL_ROOT)
                .filter(found -> !found.files().isEmpty() || !found.mountedFolders().isEmpty()).isPresent();
    }

    private static Optional<HttpdPorts> read(ReviewContext context, Container c) {
        boolean pulled = pulledHttpd(c);
        if (!pulled && (c.build() == null || c.build().stage() == null || !runsApache(c))) {
            return Optional.empty();
        }
        BaseImage base = pulled ? null : Stages.rootBase(c.build().model(), c.build().stage());
        boolean official = pulled || base instanceof BaseImage.External e && e.reference() != null
                && e.reference().isOfficialImage() && e.reference().imageName().equals("httpd");
        String root = official ? OFFICIAL_ROOT : DEBIAN_ROOT;
        boolean sslEnabled = false;
        for (var stage : pulled ? List.<dev.drydock.core.dockerfile.model.Stage>of()
                : Stages.inImage(c.build().model(), c.build().stage())) {
            for (var step : stage.steps()) {
                String text = step.instruction().rawText();
                String lower = text.toLowerCase(Locale.ROOT);
                if (lower.startsWith("run") && (text.contains("Listen") || lower.contains("ports.conf")
                        || lower.contains("httpd.conf"))) {
                    return Optional.empty(); // the image edits where it listens
                }
                sslEnabled |= lower.startsWith("run") && lower.matches("(?s).*a2enmod[^\\n&;|]*\\bssl\\b.*");
            }
        }
        ConfigFiles.Found found = ConfigFiles.of(context, c.service(), c, root).orElse(null);
        if (found == null) {
            return Optional.empty();
        }
        Map<String, SourceFile> files = found.files();
        String stockFile = root + (official ? "httpd.conf" : "ports.conf");
        List<Integer> ports = new ArrayList<>();
        String firstFile = null;
        int firstLine = 0;
        if (!files.containsKey(stockFile) && !found.hides(stockFile)) {
            ports.add(80);
            if (!official && sslEnabled) {
                ports.add(443);
            }
        }
        for (var entry : files.entrySet()) {
            SourceFile f = entry.getValue();
            int sslDepth = 0;
            int depth = 0;
            for (int i = 1; i <= f.lineCount(); i++) {
                String line = f.line(i);
                String stripped = line.strip();
                if (stripped.startsWith("</")) {
                    depth--;
                    if (sslDepth > depth) {
                        sslDepth = 0;
                    }
                    continue;
                }
                if (stripped.startsWith("<")) {
                    depth++;
                    if (sslDepth == 0 && !sslEnabled && SSL_BLOCK.matcher(line).find()) {
                        sslDepth = depth;
                    }
                    continue;
                }
                Matcher m = LISTEN.matcher(line);
                if (!m.matches() || sslDepth > 0) {
                    continue;
                }
                Matcher address = ADDRESS.matcher(m.group(1));
                if (!address.matches()) {
                    return Optional.empty(); // a variable, or an address drydock does not read
                }
                int port = Integer.parseInt(address.group(1));
                if (firstFile == null) {
                    firstFile = f.path();
                    firstLine = i;
                }
                if (!ports.contains(port)) {
                    ports.add(port);
                }
            }
        }
        if (ports.isEmpty()) {
            return Optional.empty();
        }
        if (firstFile != null && ports.get(0) == 80 && !files.containsKey(stockFile)) {
            firstFile = null; // the image's own Listen 80 comes first
            firstLine = 0;
        }
        return Optional.of(new HttpdPorts(List.copyOf(ports), firstFile, firstLine));
    }

    /** Why it listens there, for messages. */
    public String because() {
        return file == null ? "the image's own configuration has Listen " + ports.get(0)
                : "Listen " + ports.get(0) + " in " + file + ":" + line;
    }

    /** How to move it to {@code to}, as a sentence without its final period. */
    public String move(int to) {
        return file == null ? "Make Apache listen on " + to + ": replace Listen " + ports.get(0) + " with Listen " + to
                + " in the image's configuration (a RUN sed on it, or a copied file of your own)"
                : "Write `Listen " + to + "` in " + file + ":" + line;
    }
}
