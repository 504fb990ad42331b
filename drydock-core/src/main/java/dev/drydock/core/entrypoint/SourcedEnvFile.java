package dev.drydock.core.entrypoint;

import dev.drydock.core.dotenv.DotEnvParser;
import dev.drydock.core.source.SourceException;
import dev.drydock.core.source.SourceFile;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** A file a start script sources ({@code . ./.env}) read as the variables it sets, when it is only assignments. */
final class SourcedEnvFile {

    private SourcedEnvFile() {}

    private static final Pattern ASSIGNMENT = Pattern.compile("(export\\s+)?[A-Za-z_][A-Za-z0-9_]*=.*");

    /** The variables, or empty when a line is anything but a comment or a {@code NAME=value}. */
    static Optional<Map<String, String>> values(SourceFile file) {
        for (String line : file.text().split("\n")) {
            String code = line.strip();
            if (!code.isEmpty() && !code.startsWith("#") && !ASSIGNMENT.matcher(code).matches()) {
                return Optional.empty();
            }
        }
        try {
            return Optional.of(DotEnvParser.of(file).values());
        } catch (SourceException e) {
            return Optional.empty();
        }
    }
}
