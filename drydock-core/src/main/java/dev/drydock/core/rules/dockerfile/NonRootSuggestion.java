package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.dockerfile.model.BaseImage;
import dev.drydock.core.dockerfile.model.Setting;
import dev.drydock.core.project.Container;
import dev.drydock.core.rules.support.BaseImageFacts;
import dev.drydock.core.rules.support.DotnetImages;
import dev.drydock.core.rules.support.HomeDownloads;
import dev.drydock.core.rules.support.ImageRole;
import dev.drydock.core.rules.support.ImageTags;
import dev.drydock.core.rules.support.InferredImageTools;
import dev.drydock.core.rules.support.OfficialImages;
import dev.drydock.core.rules.support.PhpFpm;
import dev.drydock.core.rules.support.Stages;
import dev.drydock.core.rules.support.UserCreation;
import java.util.List;
import java.util.Optional;

/**
 * How runs-as-root tells a container to run as a non-root user on its base image: the image's own unprivileged user
 * (node, www-data, .NET's app), else a user to create with the base image's tools, and the files to give it.
 */
final class NonRootSuggestion {

    private NonRootSuggestion() {}

    /**
     * The folder the container starts in: its WORKDIR; without one, the base image's where drydock knows it, / for
     * an official image that sets none (Docker starts there), and /app, a folder of the application's own to
     * suggest, for a base image drydock cannot see into.
     */
    static String workdir(Container container) {
        if (container.build().stage().config().workdir() instanceof Setting<String> w && w.value() != null) {
            return w.value();
        }
        BaseImage base = Stages.rootBase(container.build().model(), container.build().stage());
        Optional<String> known = BaseImageFacts.workdir(base);
        if (known.isPresent()) {
            return known.get();
        }
        return base instanceof BaseImage.External external && external.reference() != null
                && OfficialImages.published(external.reference()) ? "/" : "/app";
    }

    /** How to run as a non-root user on this container's base image. */
    static String of(Container container) {
        String workdir = workdir(container);
        BaseImage base = Stages.rootBase(container.build().model(), container.build().stage());
        CreatedUser created = CreatedUser.of(container);
        if (created != null) {
            return "USER " + created.name() + " (the user that " + container.build().dockerfile() + " line "
                    + created.run().instruction().span().startLine() + " creates), "
                    + ownedFiles(container, created.chown(), workdir, true);
        }
        if (base instanceof BaseImage.External external && external.reference() != null
                && ImageTags.officialName(external.reference()).equals("node")) {
            return "USER node (the node image's own unprivileged user, UID 1000), "
                    + ownedFiles(container, "node:node", workdir, true);
        }
        for (String runtimeUser : List.of("bun", "deno")) {
            Optional<String> ids = BaseImageFacts.userIds(base, runtimeUser);
            if (ids.isPresent()) {
                return "USER " + runtimeUser + " (" + BaseImage.describe(base) + "'s own unprivileged user, UID "
                        + ids.get().substring(0, ids.get().indexOf(':')) + "), "
                        + ownedFiles(container, runtimeUser + ":" + runtimeUser, workdir, true);
            }
        }
        if (base instanceof BaseImage.External external && external.reference() != null
                && "docker.io/dunglas/frankenphp".equals(external.reference().fullName())) {
            String ids = BaseImageFacts.userIds(base, "www-data").orElse("33:33");
            return "USER " + ids + " (www-data, which " + BaseImage.describe(base) + " has from the php image it is built on), after"
                    + " RUN chown -R " + ids + " /data/caddy /config/caddy (Caddy keeps its certificates and its"
                    + " autosaved configuration there), " + ownedFiles(container, ids, workdir, true)
                    + "; where it listens on 80 and 443 (its default), move it above 1024 (ENV SERVER_NAME=:8080) so"
                    + " that it needs no CAP_NET_BIND_SERVICE";
        }
        if (PhpFpm.onPhpImage(container)) {
            return "USER www-data (the php image's own unprivileged user, UID 33 on Debian and 82 on Alpine), "
                    + ownedFiles(container, "www-data:www-data", workdir, true);
        }
        if (DotnetImages.hasAppUser(base)) {
            return "USER $APP_UID (the unprivileged user app, UID " + DotnetImages.appUid(base) + ", that " + BaseImage.describe(base) + " already defines:"
                    + " creating another user named app fails), " + ownedFiles(container, "app:app", workdir, true);
        }
        BaseImageFacts.ImageTools tools = InferredImageTools.of(container.build().model(), container.build().stage())
                .orElse(null);
        if (ImageRole.program(container).filter("catalina.sh"::equals).isPresent()
                && (tools == null || tools.shell() && !"apk".equals(tools.packageManager()))) {
            return UserCreation.command(false, "app", 10001) + " && chown -R app:app \"$CATALINA_HOME\"/logs \"$CATALINA_HOME\"/temp"
                    + " \"$CATALINA_HOME\"/work \"$CATALINA_HOME\"/webapps (Tomcat writes its logs, temporary and work"
                    + " files there and unpacks the .war files in webapps), COPY --chown=app:app for the .war files,"
                    + " then USER app";
        }
        if (tools != null && !tools.shell()) {
            return "USER 65532:65532 (" + tools.image() + " has no shell to run useradd; a numeric UID needs no user"
                    + " database" + (base instanceof BaseImage.Scratch ? "" : ", and distroless images name it nonroot")
                    + "), with COPY --chown=65532:65532 for the files it must write";
        }
        String withoutUseradd = UserCreation.withoutUseradd(tools);
        if (withoutUseradd != null) {
            return "USER 10001:10001 (" + withoutUseradd + "; a numeric UID needs no user database), with COPY"
                    + " --chown=10001:10001 for the files it must write";
        }
        Optional<String> downloader = HomeDownloads.packageOf(container);
        String home = downloader.map(p -> " (with a home folder: " + p + " downloads its models and data into "
                + HomeDownloads.folder(p) + " of the user it runs as, which a user without a home cannot write)").orElse("");
        String create = UserCreation.command(UserCreation.busybox(tools), "app", 10001,
                downloader.isPresent() ? "/home/app" : null, " && ");
        if (UserCreation.busybox(tools)) {
            return create + " (BusyBox's tools on Alpine)" + home + ","
                    + " " + ownedFiles(container, "app:app", workdir, false) + ", then USER app";
        }
        return create + home + ","
                + " " + ownedFiles(container, "app:app", workdir, false) + ", then USER app";
    }

    /** Folders of the system that no application user should own: / itself, the program and library folders, /etc ... */
    private static final java.util.Set<String> SYSTEM_FOLDERS = java.util.Set.of("/", "/bin", "/sbin", "/lib", "/lib64",
            "/usr", "/usr/bin", "/usr/sbin", "/usr/lib", "/usr/share", "/usr/local", "/usr/local/bin", "/usr/local/sbin",
            "/usr/local/lib", "/etc", "/var", "/var/lib", "/var/log", "/opt", "/home", "/root", "/tmp", "/run");

    /**
     * How the user comes to own the files it writes: COPY --chown for the WORKDIR; when the WORKDIR is / or another
     * folder of the system, only the folders it writes (the image's VOLUMEs) or a folder of its own, since chowning
     * the WORKDIR would hand it the system's files. {@code with} words it to follow "USER x, ".
     */
    static String ownedFiles(Container container, String owner, String workdir, boolean with) {
        String folder = dev.drydock.core.dockerfile.model.ContainerPaths.clean(workdir);
        if (!SYSTEM_FOLDERS.contains(folder)) {
            return with ? "with COPY --chown=" + owner + " for the files it must write in " + workdir
                    : "COPY --chown=" + owner + " for " + workdir;
        }
        List<String> volumes = container.build().stage().config().volumes().stream().map(Setting::value)
                .filter(v -> v.startsWith("/") && !SYSTEM_FOLDERS.contains(
                        dev.drydock.core.dockerfile.model.ContainerPaths.clean(v)))
                .distinct().toList();
        String notWorkdir = "rather than COPY --chown for " + folder + " (the WORKDIR), whose system files no application"
                + " user should own";
        if (!volumes.isEmpty()) {
            return (with ? "with " : "") + "RUN chown " + owner + " " + String.join(" ", volumes) + " after creating "
                    + (volumes.size() == 1 ? "it (its VOLUME" : "them (its VOLUMEs") + ", where the application writes:"
                    + " a new volume takes the folder's owner from the image), " + notWorkdir;
        }
        return (with ? "with the files it must write in a folder of its own" : "a folder of its own for the files it writes")
                + " (WORKDIR /app, with COPY --chown=" + owner + " for them there) " + notWorkdir;
    }
}
