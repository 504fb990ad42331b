package dev.drydock.core.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.core.project.Project;
import dev.drydock.core.project.ProjectLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The framework configuration files of a project on disk reach the readers through its source set. */
class FrameworkConfigFilesTest {

    @TempDir
    Path root;

    private void write(String path, String text) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    @Test
    void springProfileFilesThatDoNotApplyAreStillSeen() throws IOException {
        write("Dockerfile", "FROM eclipse-temurin:21-jre\nENV SPRING_PROFILES_ACTIVE=prod\nCOPY target/app.jar /app.jar\n"
                + "CMD [\"java\", \"-jar\", \"/app.jar\"]\n");
        write("pom.xml", "<project><artifactId>demo</artifactId></project>\n");
        write("src/main/java/demo/App.java", "package demo;\nclass App {}\n");
        write("src/main/resources/application.properties", "server.port=8080\n");
        write("src/main/resources/application-prod.properties", "spring.datasource.url=jdbc:postgresql://db/app\n");
        write("src/main/resources/application-kubernetes.properties", "server.port=9090\n"
                + "management.server.port=9091\n");
        write("src/main/resources/bootstrap.yml", "spring:\n  application:\n    name: demo\n");
        Project project = new ProjectLoader().load(root);
        SourceSet files = SourceSet.of(project, "");

        assertThat(files.paths()).contains("src/main/resources/application.properties",
                "src/main/resources/application-prod.properties",
                "src/main/resources/application-kubernetes.properties", "src/main/resources/bootstrap.yml");
        SpringConfig config = SpringConfig.read("", files, Map.of("SPRING_PROFILES_ACTIVE", "prod"));
        assertThat(config.value("server.port")).contains("8080");
        assertThat(config.setByInactiveDocument("server.port")).isTrue();
        assertThat(config.mayBeSetElsewhere(Pattern.compile("management"))).isTrue();
    }

    @Test
    void aspNetEnvironmentFilesAreListedForAnEnvironmentDrydockCannotTell() throws IOException {
        write("Api/Api.csproj", "<Project Sdk=\"Microsoft.NET.Sdk.Web\"></Project>\n");
        write("Api/appsettings.json", "{ \"Logging\": {} }\n");
        write("Api/appsettings.Staging.json", "{ \"Kestrel\": { \"Endpoints\": { \"Http\": { \"Url\": \"http://+:7000\" } } } }\n");
        Project project = new ProjectLoader().load(root);
        SourceSet files = SourceSet.of(project, "");

        assertThat(files.paths()).contains("Api/appsettings.json", "Api/appsettings.Staging.json");
    }

    private static final String ORDERS_DOCKERFILE = """
            FROM mcr.microsoft.com/dotnet/aspnet:8.0.11
            WORKDIR /app
            COPY . .
            ENTRYPOINT ["dotnet", "Orders.dll"]
            """;

    private void writeOrders(String environment) throws IOException {
        writeOrders("", environment);
    }

    private void writeOrders(String dir, String environment) throws IOException {
        write(dir + "Dockerfile", ORDERS_DOCKERFILE);
        write(dir + "Orders.csproj", "<Project Sdk=\"Microsoft.NET.Sdk.Web\"></Project>\n");
        write(dir + "Program.cs", "var app = WebApplication.Create(args);\napp.MapGet(\"/\", () => \"ok\");\napp.Run();\n");
        write(dir + "appsettings.json", "{}\n");
        write(dir + "appsettings." + environment + ".json", "{ \"Kestrel\": { \"Endpoints\": { \"Http\": { \"Url\": \"http://+:7000\" } } } }\n");
    }

    private AppSource app(String container) {
        Project project = new ProjectLoader().load(root);
        return AppSource.read(project, project.container(container).orElseThrow());
    }

    @Test
    void theAspNetEnvironmentOfAComposeEnvFileChoosesTheSettingsFile() throws IOException {
        writeOrders("Staging");
        write("compose.yaml", "services:\n  orders:\n    build: .\n    env_file: staging.env\n");
        write("staging.env", "ASPNETCORE_ENVIRONMENT=Staging\n");
        assertThat(app("orders").serverCalls()).singleElement()
                .satisfies(c -> assertThat(c.file()).isEqualTo("appsettings.Staging.json"));

        write("staging.env", "ASPNETCORE_ENVIRONMENT=Production\n");
        assertThat(app("orders").serverCalls()).isEmpty();
    }

    @Test
    void theAspNetEnvironmentOfTheKubernetesContainersChoosesTheSettingsFile() throws IOException {
        writeOrders("orders/", "Staging");
        String deployment = """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: NAME
                spec:
                  selector:
                    matchLabels: {app: orders}
                  template:
                    metadata:
                      labels: {app: orders}
                    spec:
                      containers:
                        - name: orders
                          image: ghcr.io/acme/orders:1.0.0
                          env:
                            - name: DOTNET_ENVIRONMENT
                              value: VALUE
                """;
        write("k8s/deployment.yaml", deployment.replace("NAME", "orders").replace("VALUE", "Staging"));
        Project project = new ProjectLoader().load(root);
        String name = project.containers().get(0).name();
        assertThat(app(name).serverCalls()).singleElement()
                .satisfies(c -> assertThat(c.file()).isEqualTo("orders/appsettings.Staging.json"));

        write("k8s/other.yaml", deployment.replace("NAME", "orders-qa").replace("VALUE", "QA"));
        assertThat(app(name).serverCalls()).singleElement()
                .satisfies(c -> assertThat(c.file()).isEqualTo("orders/appsettings.Staging.json")); // unknown: every file
    }
}
