package dev.drydock.core.rules.support;

import dev.drydock.core.dockerfile.model.BaseImage;
import dev.drydock.core.image.ImageReference;
import java.util.List;
import java.util.OptionalLong;

/**
 * The MongoDB shell an image of the server has, for a probe that pings it: the official mongo images carry mongosh
 * from 5.0 on and the legacy {@code mongo} shell up to 5.0, which 6.0 removed. An image of unknown version is taken
 * as a current one (mongosh).
 */
public final class MongoShell {

    private MongoShell() {}

    /** The shell of a MongoDB image of that major version: {@code mongo} before 5.0, else {@code mongosh}. */
    public static String of(OptionalLong major) {
        return major.isPresent() && major.getAsLong() < 5 ? "mongo" : "mongosh";
    }

    /** The shell of a MongoDB image, by its tag's major version. */
    public static String of(ImageReference image) {
        return of(image == null || image.version() == null ? OptionalLong.empty() : image.version().major());
    }

    /** The shell of the official mongo image a build starts from, or mongosh for any other base image. */
    public static String of(BaseImage base) {
        return base instanceof BaseImage.External ext && ImageTags.officialName(ext.reference()).equals("mongo")
                ? of(ext.reference()) : "mongosh";
    }

    /** The words of a command that pings the server with that shell. */
    public static List<String> ping(String shell) {
        return List.of(shell, "--quiet", "--eval", "db.adminCommand('ping')");
    }

    /** The ping as an exec-form HEALTHCHECK's JSON array: ["mongosh", ...]. */
    public static String execForm(String shell) {
        return "[\"" + String.join("\", \"", ping(shell)) + "\"]";
    }

    /** The ping as a compose {@code test:} array: ["CMD", "mongosh", ...]. */
    public static String composeTest(String shell) {
        return "[\"CMD\", " + execForm(shell).substring(1);
    }

    /** The ping as a shell command line, with the script in single quotes. */
    public static String commandLine(String shell) {
        return shell + " --quiet --eval 'db.adminCommand(\"ping\")'";
    }
}
