package dev.drydock.core.rules.compose;

import dev.drydock.core.compose.Service;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ExampleFile;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.ComposeServices;
import dev.drydock.core.rules.support.ImageFilledVolumes;
import java.util.ArrayList;
import java.util.List;

@RuleDefinition(
        id = "volume-hides-image-content",
        title = "A volume keeps an old copy of what the image builds",
        severity = Severity.MEDIUM,
        category = Category.RELIABILITY,
        checks = "The named and anonymous volumes of compose services built from a Dockerfile, outside development"
                + " files and development stages: one mounted over a directory the image fills, by a COPY into it"
                + " or into a folder inside it (`COPY --from=assets /app/public/build public/build`), by a COPY of the"
                + " build context above it whose matching folder holds files (public/ with index.php), by"
                + " `npm ci`, `npm install`, `yarn install` or `pnpm install` in the folder above its node_modules, by"
                + " `python -m venv` or `virtualenv` creating it, or by Django's collectstatic run in a folder above"
                + " it whose name says static. Other services mounting the same named volume are named. Not"
                + " reported: bind mounts and tmpfs (never filled from the image), volumes with `nocopy`, folders"
                + " the image only creates empty (mkdir, a VOLUME for data) or that the build context keeps empty"
                + " (storage/ with a .gitkeep), and an anonymous volume beneath a bind mount (the development idiom"
                + " that keeps the image's node_modules under mounted sources). Also the [mounts] of a fly.toml"
                + " that deploys the image (in its build context, building its Dockerfile and stage), reported at"
                + " the mount's destination: a Fly volume starts empty and hides the image's folder from the first"
                + " deploy on.",
        problem = "The engine copies the image's files into a volume only when the volume is created empty. From"
                + " then on the volume keeps what the first image put there and hides what later images build:"
                + " `docker compose up` reuses named volumes, and gives a re-created container the anonymous volumes"
                + " of the one it replaces unless started with `-V` (`--renew-anon-volumes`).",
        impact = "After an upgrade the container serves the previous release's assets, code or dependencies while"
                + " the image holds the new ones; a web server sharing the volume serves stale files, and new code"
                + " runs against old dependencies.",
        recommendation = "Do not keep what the image builds in a volume: drop the volume (node_modules, a"
                + " virtualenv), build the web server's image with the assets (a multi-stage `COPY --from=`), or"
                + " copy the image's files into the volume at every start (an entrypoint `cp -a` from a folder"
                + " outside the mount).",
        references = {
                "https://docs.docker.com/engine/storage/volumes/#populate-a-volume-using-a-container",
                "https://docs.docker.com/reference/compose-file/services/#volumes",
                "https://docs.docker.com/reference/cli/docker/compose/up/",
                "https://fly.io/docs/reference/configuration/#the-mounts-section"},
        aliases = {},
        effort = "30 min",
        examples = @RuleExample(file = "compose.yaml",
                bad = """
                        services:
                          web:
                            build: .
                            volumes:
                              - node-modules:/app/node_modules
                        volumes:
                          node-modules:
                        """,
                good = """
                        services:
                          web:
                            build: .
                        """,
                alongside = {
                        @ExampleFile(name = "Dockerfile", content = """
                        FROM node:22.11.0-slim
                        WORKDIR /app
                        COPY package.json package-lock.json ./
                        RUN npm ci --omit=dev
                        COPY . .
                        CMD ["node", "server.js"]
                        """),
                        @ExampleFile(name = "server.js", content = """
                        require("http").createServer((req, res) => res.end("ok")).listen(3000);
                        """)}))
public final class VolumeHidesImageContent implements Rule {

    @Override
    public void check(ReviewContext context) {
        List<ComposeServices.Ref> refs = ComposeServices.services(context);
        for (ImageFilledVolumes.Hit hit : ImageFilledVolumes.of(context)) {
            Service service = hit.container().service();
            Service.Volume volume = hit.volume();
            List<String> sharing = volume.isNamedVolume() ? sharing(refs, service, volume.source()) : List.of();
            String where = hit.container().build().dockerfile() + ":" + hit.line() + " " + hit.filledBy();
            String message = service.name() + " mounts " + (volume.isNamedVolume() ? "the volume " + volume.source()
                    : "an anonymous volume") + " over " + hit.target() + ", which its image fills (" + where + "): "
                    + (volume.isNamedVolume()
                            ? "the volume keeps the files of the image it was first created with and hides what later"
                                    + " images build"
                            : "`docker compose up` hands the previous container's anonymous volume to the re-created"
                                    + " one (unless run with -V), so it keeps the first image's files")
                    + (sharing.isEmpty() ? "" : "; " + ComposeServices.names(sharing) + (sharing.size() == 1
                            ? " mounts" : " mount") + " it too and serve" + (sharing.size() == 1 ? "s" : "")
                            + " those stale files after an upgrade");
            context.finding(this, ComposeServices.location(volume.node()), message)
                    .recommendation(recommendation(hit, service, sharing))
                    .add();
        }
        for (ImageFilledVolumes.FlyHit hit : ImageFilledVolumes.flyMounts(context)) {
            context.finding(this, hit.deploy().location(hit.mount().span()), hit.deploy().file() + " mounts "
                            + (hit.mount().source() == null ? "a Fly volume" : "the Fly volume " + hit.mount().source())
                            + " over " + hit.target() + ", which its image fills (" + hit.dockerfile() + ":" + hit.line()
                            + " " + hit.filledBy() + "): a Fly volume is a file system of its own, created empty and"
                            + " never filled from the image, so the machine sees the volume's files there instead of"
                            + " the ones the image builds")
                    .recommendation(hit.dependencies()
                            ? "Mount the volume elsewhere: the dependencies in " + hit.target() + " belong to the"
                                    + " image and are rebuilt with it."
                            : "Mount the volume at a folder the image leaves empty (/data) and keep only what is"
                                    + " written at run time there, or copy the image's files from a folder outside the"
                                    + " mount into the volume at every start (an entrypoint `cp -a`).")
                    .add();
        }
    }

    private static String recommendation(ImageFilledVolumes.Hit hit, Service service, List<String> sharing) {
        if (hit.dependencies() && sharing.isEmpty()) {
            return "Remove this volume from " + service.name() + ": the dependencies in " + hit.target()
                    + " belong to the image and are rebuilt with it.";
        }
        if (!sharing.isEmpty()) {
            return "Build the image of " + ComposeServices.names(sharing) + " with these files (a multi-stage `COPY"
                    + " --from=` of " + hit.target() + " from " + service.name() + "'s build) and drop the volume, or"
                    + " have " + service.name() + "'s entrypoint copy the image's files into the volume at every start"
                    + " (`cp -a` from a folder outside the mount).";
        }
        return "Drop the volume if nothing written at run time must persist in " + hit.target() + ", or keep the"
                + " image's copy outside the mount and copy it into the volume at every start (an entrypoint `cp -a`).";
    }

    /** The other services of the service's compose project that mount the named volume. */
    private static List<String> sharing(List<ComposeServices.Ref> refs, Service service, String volumeName) {
        ComposeServices.Ref own = refs.stream().filter(r -> r.service() == service).findFirst().orElse(null);
        List<String> out = new ArrayList<>();
        if (own == null) {
            return out;
        }
        for (ComposeServices.Ref ref : refs) {
            if (ref.compose() == own.compose() && ref.service() != service && ComposeProfiles.runTogether(service,
                    ref.service()) && ref.service().volumes().stream().anyMatch(
                            v -> v.isNamedVolume() && v.source().equals(volumeName))) {
                out.add(ref.name());
            }
        }
        return out;
    }
}
