package dev.drydock.core.rules;

import dev.drydock.core.review.ReviewSettings;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The review settings of a rule fixture: {@code review-settings.properties} in the case folder, with
 * {@code trustedRegistries=ghcr.io, *.example.com}, {@code label.KEY=TYPE} for each label of the schema and
 * {@code strictLabels=true}; the defaults without the file.
 */
final class FixtureSettings {

    static final String FILE = "review-settings.properties";

    private FixtureSettings() {}

    static ReviewSettings read(Path caseDir) throws IOException {
        Path file = caseDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return ReviewSettings.DEFAULT;
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        String registries = properties.getProperty("trustedRegistries", "");
        List<String> trusted = registries.isBlank() ? List.of()
                : Arrays.stream(registries.split(",")).map(String::strip).toList();
        Map<String, String> schema = new LinkedHashMap<>();
        for (String key : properties.stringPropertyNames()) {
            if (key.startsWith("label.")) {
                schema.put(key.substring("label.".length()), properties.getProperty(key).strip());
            }
        }
        boolean strict = Boolean.parseBoolean(properties.getProperty("strictLabels", "false"));
        return ReviewSettings.DEFAULT.withTrustedRegistries(trusted).withLabelSchema(schema, strict);
    }
}
