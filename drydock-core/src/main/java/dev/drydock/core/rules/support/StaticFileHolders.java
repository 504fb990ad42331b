package dev.drydock.core.rules.support;

import dev.drydock.core.compose.ComposeProject;
import dev.drydock.core.compose.Service;
import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.dockerfile.model.BaseImage;
import dev.drydock.core.project.Container;
import dev.drydock.core.review.ReviewContext;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Where the files an nginx service serves come from in a split web server + app stack: whether drydock knows what the
 * nginx image holds (the official nginx image, pulled or built on), and which other service's built image fills a
 * served folder ({@link ImageFilledVolumes#filling}).
 */
public final class StaticFileHolders {

    /** The folders of the nginx image itself: its welcome page, configuration, cache and logs. */
    private static final List<String> NGINX_FOLDERS = List.of("/usr/share/nginx", "/etc/nginx", "/var/cache/nginx",
            "/var/log/nginx", "/docker-entrypoint.d");

    private StaticFileHolders() {}

    /**
     * A service whose image fills a folder nginx serves.
     *
     * @param service the app service
     * @param dockerfile its Dockerfile, relative to the project root
     * @param filler the instruction that fills the folder
     */
    public record Holder(Service service, String dockerfile, ImageFilledVolumes.Filler filler) {}

    /** Whether the nginx service runs the official nginx image as pulled, or an image built on it. */
    public static boolean nginxImageKnown(Container web, Service nginx) {
        String name;
        if (web != null && web.build() != null) {
            if (web.build().model() == null || web.build().stage() == null) {
                return false;
            }
            BaseImage base = Stages.rootBase(web.build().model(), web.build().stage());
            name = base instanceof BaseImage.External e && e.reference() != null ? e.reference().familiarName() : "";
        } else {
            name = ComposeServices.pulledImage(nginx).map(r -> r.familiarName()).orElse("");
        }
        return name.equals("nginx") || name.equals("nginxinc/nginx-unprivileged");
    }

    /** Whether the folder lies where the nginx image keeps files of its own. */
    public static boolean inNginxImage(String folder) {
        return NGINX_FOLDERS.stream().anyMatch(f -> PathNames.isUnder(folder, f));
    }

    /** Whether a RUN may write the folder or something below it. */
    public static boolean runMayWrite(RunStep run, String folder) {
        return StageOutputs.runMayWrite(run, folder);
    }

    /**
     * The other service of the compose project whose built image fills the folder: the one the folder's server passes
     * requests to when its image does, else the only one that does; empty when none or several do.
     */
    public static Optional<Holder> holder(ReviewContext context, ComposeProject compose, Service nginx,
            NginxServedFolders.Folder folder, NginxConfig config) {
        Set<Service> passedTo = new LinkedHashSet<>();
        for (NginxConfig.Pass pass : config.passes()) {
            if (pass.server() == folder.server()) {
                pass.targets().forEach(t -> FastCgiPasses.answering(compose, t.host()).ifPresent(passedTo::add));
            }
        }
        for (Service s : passedTo) {
            Optional<Holder> held = held(context, s, nginx, folder.path());
            if (held.isPresent()) {
                return held;
            }
        }
        List<Holder> others = new ArrayList<>();
        for (Service s : compose.services().values()) {
            if (!passedTo.contains(s)) {
                held(context, s, nginx, folder.path()).ifPresent(others::add);
            }
        }
        return others.size() == 1 ? Optional.of(others.get(0)) : Optional.empty();
    }

    private static Optional<Holder> held(ReviewContext context, Service s, Service nginx, String folder) {
        Container c = ComposeServices.container(context, s);
        if (s == nginx || c == null || c.build() == null || c.build().model() == null) {
            return Optional.empty();
        }
        return ImageFilledVolumes.filling(context, c, folder).map(f -> new Holder(s, c.build().dockerfile(), f));
    }
}
