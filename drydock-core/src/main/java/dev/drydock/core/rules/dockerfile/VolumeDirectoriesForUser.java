package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.compose.Service;
import dev.drydock.core.edit.Fix;
import dev.drydock.core.edit.TextEdit;
import dev.drydock.core.project.Container;
import dev.drydock.core.rules.support.ImageContents;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A named volume that is new and empty is filled from the image's directory at its mount point, and takes
 * that directory's owner; with no such directory in the image it belongs to root. When a fix makes the
 * container run as an unprivileged user, the mount points of its compose service's named volumes (the
 * data the application writes: a SQLite file, uploads) are made in the image and given to that user,
 * just before the USER line, so that the application can still write them.
 */
final class VolumeDirectoriesForUser {

    private static final Pattern USER_LINE = Pattern.compile("(?m)^USER (\\S+)");

    private VolumeDirectoriesForUser() {}

    static Fix add(Container container, Fix fix) {
        Set<String> targets = new LinkedHashSet<>();
        if (container.service() != null) {
            for (Service.Volume volume : container.service().volumes()) {
                String target = volume.target();
                if (volume.isNamedVolume() && target != null && target.startsWith("/") && !target.equals("/")
                        && !target.equals("/tmp") && target.matches("[\\w./-]+")) {
                    targets.add(target);
                }
            }
        }
        ImageContents image = ImageContents.of(container);
        if (targets.isEmpty() || image == null || !image.has("sh").orElse(false)) {
            return fix;
        }
        List<TextEdit> edits = new ArrayList<>();
        boolean placed = false;
        for (TextEdit edit : fix.edits()) {
            Matcher user = USER_LINE.matcher(edit.replacement());
            if (!placed && edit.file().equals(container.build().dockerfile()) && user.find()) {
                String paths = String.join(" ", targets);
                String run = "# The mount points of the named volumes, owned by the user, which new volumes take on\n"
                        + "RUN mkdir -p " + paths + " && chown " + user.group(1) + " " + paths + "\n";
                String text = edit.replacement().substring(0, user.start()) + run + edit.replacement().substring(user.start());
                edits.add(new TextEdit(edit.file(), edit.start(), edit.end(), text));
                placed = true;
            } else {
                edits.add(edit);
            }
        }
        return placed ? Fix.of(fix.title(), fix.safety(), edits) : fix;
    }
}
