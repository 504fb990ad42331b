package dev.drydock.core.compose;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drydock.core.source.Diagnostic;
import dev.drydock.core.source.SourceException;
import dev.drydock.core.source.SourceFile;
import dev.drydock.core.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Compose Specification schema as oracle: every real compose file it accepts, drydock accepts
 * (no error diagnostics), and files broken on purpose that it rejects, drydock rejects too. The table
 * drydock validates with has exactly the schema's keys.
 */
class SchemaOracleTest {

    private static JsonNode schemaJson;
    private static MiniJsonSchema schema;

    @BeforeAll
    static void readSchema() throws IOException {
        schemaJson = new ObjectMapper().readTree(SharedData.resolve("reference/compose-spec.json").toFile());
        schema = new MiniJsonSchema(schemaJson);
    }

    static List<Path> fixtures() throws IOException {
        List<Path> out = new ArrayList<>();
        for (String root : List.of("conformance/kics/compose", "examples")) {
            try (Stream<Path> s = Files.walk(SharedData.resolve(root))) {
                s.filter(Files::isRegularFile)
                        .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                        .sorted()
                        .forEach(out::add);
            }
        }
        return out;
    }

    private record Checked(Path path, List<String> schemaErrors, List<Diagnostic> drydockErrors) {}

    private static Checked check(Path path, String text) {
        SourceFile source = SourceFile.of(path.getFileName().toString(), text);
        ComposeFile file = new ComposeFile(source, path, path.getParent());
        List<Diagnostic> diagnostics = new ArrayList<>();
        List<Node> docs = YamlReader.read(file, diagnostics::add);
        List<String> schemaErrors = new ArrayList<>();
        for (Node doc : docs) {
            new Interpolator(Variables.empty(), r -> { }, diagnostics::add).interpolate(doc);
            new Validator(diagnostics::add).validateRoot(doc);
            schemaErrors.addAll(schema.validate(MiniJsonSchema.toJava(doc)));
        }
        return new Checked(path, schemaErrors,
                diagnostics.stream().filter(d -> d.level() == Diagnostic.Level.ERROR).toList());
    }

    @Test
    void filesTheSchemaAcceptsDrydockAccepts() throws IOException {
        List<Path> fixtures = fixtures();
        assertThat(fixtures).hasSizeGreaterThan(60);
        int accepted = 0;
        for (Path path : fixtures) {
            Checked c = check(path, Files.readString(path));
            if (c.schemaErrors().isEmpty()) {
                accepted++;
                assertThat(c.drydockErrors()).as(path.toString()).isEmpty();
                // the whole loader too. Beyond the schema, Compose itself refuses a few of these fixtures, and
                // so does drydock: a port mapping whose host and container ranges differ in length
                // (go-connections' ParsePortSpec error). A missing env_file is only a warning here.
                ComposeProject p = ComposeLoader.load(ComposeLoader.Options.of(path.getParent(), Map.of()).withFiles(path));
                assertThat(p.errors()).as(path.toString()).allSatisfy(d -> assertThat(d.message())
                        .matches("ports: invalid ranges specified for container and host Ports: .*"));
            } else {
                assertThat(c.drydockErrors()).as(path + " schema: " + c.schemaErrors()).isNotEmpty();
            }
        }
        assertThat(accepted).isGreaterThan(50);
    }

    @Test
    void brokenVariantsThatTheSchemaRejectsDrydockRejects() throws IOException {
        List<String> breakages = List.of(
                "    unknown_key: 1\n",
                "    ports: 80\n",
                "    privileged: [true]\n",
                "    environment: 5\n",
                "    healthcheck: {interval: [1]}\n",
                "    deploy: {resources: {limits: {memory: 512}}}\n",
                "    depends_on: {db: {restart: true}}\n",
                "    volumes: [{source: x}]\n",
                "    build: {context: ., bogus: 1}\n",
                "    command: {a: b}\n");
        int rejected = 0;
        for (String breakage : breakages) {
            String text = "services:\n  web:\n    image: x\n" + breakage;
            Checked c = check(Path.of("/virtual/compose.yaml"), text);
            assertThat(c.schemaErrors()).as("schema on " + breakage).isNotEmpty();
            assertThat(c.drydockErrors()).as("drydock on " + breakage).isNotEmpty();
            assertThat(c.drydockErrors().get(0).line()).as(breakage).isEqualTo(4);
            rejected++;
        }
        assertThat(rejected).isEqualTo(breakages.size());
    }

    @Test
    void unknownTopLevelKeyAndWrongSectionType() {
        Checked c = check(Path.of("/virtual/compose.yaml"), "servcies:\n  web: {image: x}\nnetworks: [a]\nx-ok: 1\n");
        assertThat(c.drydockErrors()).extracting(Diagnostic::message).containsExactly(
                "additional property servcies is not allowed", "networks must be a mapping, not a list");
        assertThat(c.drydockErrors()).extracting(Diagnostic::line).containsExactly(1, 3);
    }

    @Test
    void tableHasExactlyTheSchemasKeys() {
        Set<Set<String>> schemaObjects = new HashSet<>();
        collectObjects(schemaJson, schemaObjects);
        Set<Set<String>> tableObjects = new HashSet<>();
        for (SchemaTable.ObjectType t : SchemaTable.OBJECTS.values()) {
            tableObjects.add(t.properties().keySet());
        }
        assertThat(tableObjects).containsExactlyInAnyOrderElementsOf(schemaObjects);
        assertThat(SchemaTable.OBJECTS.get("service").properties().keySet())
                .isEqualTo(MiniJsonSchema.keys(schemaJson.get("definitions").get("service").get("properties")));
        assertThat(SchemaTable.OBJECTS.get("root").properties().keySet())
                .isEqualTo(MiniJsonSchema.keys(schemaJson.get("properties")));
    }

    private static void collectObjects(JsonNode node, Set<Set<String>> out) {
        if (node.isObject()) {
            if (node.has("properties") && node.get("properties").isObject()) {
                out.add(MiniJsonSchema.keys(node.get("properties")));
            }
            node.properties().forEach(e -> {
                if (!e.getKey().equals("enum") && !e.getKey().equals("default")) {
                    if (e.getKey().equals("properties") || e.getKey().equals("patternProperties") || e.getKey().equals("definitions")) {
                        e.getValue().properties().forEach(f -> collectObjects(f.getValue(), out));
                    } else {
                        collectObjects(e.getValue(), out);
                    }
                }
            });
        } else if (node.isArray()) {
            node.forEach(n -> collectObjects(n, out));
        }
    }

    @Test
    void syntaxErrorsInFixturesWouldBeSourceExceptions() throws IOException {
        for (Path path : fixtures()) {
            String text = Files.readString(path);
            try {
                check(path, text + "\n  : [\n");
            } catch (SourceException e) {
                assertThat(e.line()).isPositive();
            }
        }
    }
}
