package dev.drydock.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Generated projects of a chosen size, written to a folder: a long Dockerfile in a realistic mix, one
 * RUN of many chained commands, a build of many stages, a compose file of many services and a large
 * source tree with a few container files in it. Each is the same shape at every size, so review time
 * against size shows whether the cost is linear.
 */
final class ScalingProjects {

    private ScalingProjects() {}

    /**
     * A Dockerfile of about {@code lines} lines: a chain of stages (each built FROM the one before, so the
     * image holds every RUN) of ARG, ENV, apt/pip/npm RUNs with continuations, COPY --from, USER, LABEL...
     */
    static String longDockerfile(int lines) {
        StringBuilder text = new StringBuilder("# syntax=docker/dockerfile:1\nARG BASE=python:3.12-slim\n");
        int written = 2;
        for (int stage = 0; written < lines; stage++) {
            int before = text.length();
            text.append("FROM ").append(stage == 0 ? "${BASE}" : "stage" + (stage - 1)).append(" AS stage").append(stage)
                    .append('\n');
            text.append("ARG VERSION_").append(stage).append("=1.").append(stage).append('\n');
            text.append("LABEL org.opencontainers.image.title=\"stage").append(stage).append("\"\n");
            text.append("WORKDIR /app/s").append(stage).append('\n');
            for (int i = 0; i < 10; i++) {
                String n = stage + "_" + i;
                text.append("ENV VAR_").append(n).append("=value_").append(n).append('\n');
                switch (i % 3) {
                    case 0 -> text.append("RUN apt-get update && \\\n    apt-get install -y curl pkg").append(n)
                            .append(" && \\\n    rm -rf /var/lib/apt/lists/*\n");
                    case 1 -> text.append("RUN pip install requests==2.").append(i).append(" flask \\\n    && pip install lib")
                            .append(n).append('\n');
                    default -> text.append("RUN npm install -g tool").append(n).append(" \\\n    && npm cache clean --force\n");
                }
                if (stage > 0 && i % 2 == 0) {
                    text.append("COPY --from=stage").append(stage / 2).append(" /app/s").append(stage / 2)
                            .append(" /app/from").append(i).append('\n');
                }
                text.append("COPY file").append(n).append(".txt /app/\n");
            }
            text.append("EXPOSE ").append(8000 + stage % 1000).append('\n');
            text.append("USER app").append(stage).append('\n');
            text.append("HEALTHCHECK CMD curl -f http://localhost:").append(8000 + stage % 1000).append("/ || exit 1\n");
            written += newlines(text, before);
        }
        text.append("CMD [\"python\", \"-m\", \"app\"]\n");
        return text.toString();
    }

    /** One RUN of {@code commands} chained commands, the kinds the RUN rules look at. */
    static String longRun(int commands) {
        StringBuilder text = new StringBuilder("FROM debian:12\nRUN set -eux");
        for (int i = 0; i < commands; i++) {
            text.append(" \\\n    && ");
            switch (i % 8) {
                case 0 -> text.append("apt-get update");
                case 1 -> text.append("apt-get install -y pkg").append(i).append(" curl wget");
                case 2 -> text.append("curl -sSL https://example.com/install").append(i).append(".sh | sh");
                case 3 -> text.append("pip install lib").append(i);
                case 4 -> text.append("cd /opt/dir").append(i);
                case 5 -> text.append("sudo chmod 777 /opt/dir").append(i);
                case 6 -> text.append("wget -q https://example.com/file").append(i).append(".tar.gz");
                default -> text.append("npm install -g tool").append(i);
            }
        }
        return text.append("\nCMD [\"bash\"]\n").toString();
    }

    /** A build of {@code stages} stages, each copying from or built on the one before, the last one the image. */
    static String multiStage(int stages) {
        StringBuilder text = new StringBuilder("# syntax=docker/dockerfile:1\n");
        for (int s = 0; s < stages; s++) {
            text.append("FROM ").append(s % 2 == 1 ? "step" + (s - 1) : "node:20-bookworm").append(" AS step").append(s)
                    .append('\n');
            text.append("ARG STEP_").append(s).append("=on\n");
            text.append("WORKDIR /build/").append(s).append('\n');
            if (s > 0 && s % 2 == 0) {
                text.append("COPY --from=step").append(s - 1).append(" /build/").append(s - 1).append(" ./prev\n");
            }
            text.append("COPY package.json ./\n");
            text.append("RUN apt-get update && apt-get install -y git python3 \\\n    && rm -rf /var/lib/apt/lists/*\n");
            text.append("RUN npm install && npm run build").append(s).append('\n');
            text.append("ENV STEP_DONE_").append(s).append("=yes\n");
        }
        text.append("USER node\nEXPOSE 3000\nCMD [\"node\", \"dist/server.js\"]\n");
        return text.toString();
    }

    /**
     * A compose file of {@code services} services with builds, ports, volumes (each shared by two
     * services), dependencies, environment and healthchecks.
     */
    static String compose(int services) {
        StringBuilder text = new StringBuilder("services:\n");
        for (int i = 0; i < services; i++) {
            text.append("  svc").append(i).append(":\n");
            if (i % 2 == 0) {
                text.append("    build: ./app\n");
            } else {
                text.append("    image: nginx:1.27\n");
            }
            text.append("    ports:\n      - \"").append(10000 + i).append(":80\"\n");
            text.append("    volumes:\n      - data").append(i / 2).append(":/data\n      - ./conf").append(i)
                    .append(":/etc/conf:ro\n");
            if (i > 0) {
                text.append("    depends_on:\n      - svc").append(i - 1).append('\n');
            }
            text.append("    environment:\n      SERVICE_NAME: svc").append(i).append("\n      LOG_LEVEL: info\n");
            text.append("    healthcheck:\n      test: [\"CMD\", \"curl\", \"-f\", \"http://localhost/\"]\n")
                    .append("      interval: 30s\n");
        }
        text.append("volumes:\n");
        for (int v = 0; v < (services + 1) / 2; v++) {
            text.append("  data").append(v).append(":\n");
        }
        return text.toString();
    }

    /** Writes a project of {@code files} files: source files in folders of 100, and every 1,000 files a service. */
    static void sourceTree(Path root, int files) throws IOException {
        int written = 0;
        for (int dir = 0; written < files; dir++) {
            Path folder = root.resolve("pkg" + dir / 10).resolve("mod" + dir);
            Files.createDirectories(folder);
            if (dir % 10 == 0) {
                Path service = root.resolve("pkg" + dir / 10);
                write(service.resolve("Dockerfile"), "FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt .\n"
                        + "RUN pip install -r requirements.txt\nCOPY . .\nCMD [\"python\", \"-m\", \"pkg\"]\n");
                write(service.resolve("requirements.txt"), "flask==3.0.3\nrequests==2.32.3\n");
                write(service.resolve("compose.yaml"), "services:\n  app:\n    build: .\n    ports:\n      - \"8000:8000\"\n");
                written += 3;
            }
            for (int i = 0; i < 100 && written < files; i++, written++) {
                write(folder.resolve("module" + i + ".py"), "import os\n\n\ndef handler_" + i + "():\n    return os.getcwd()\n");
            }
        }
    }

    static Path writeFile(String name, String text) throws IOException {
        Path root = Files.createTempDirectory("drydock-scaling");
        write(root.resolve(name), text);
        return root;
    }

    static void delete(Path root) throws IOException {
        if (root == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    private static void write(Path file, String text) throws IOException {
        Files.writeString(file, text);
    }

    private static int newlines(StringBuilder text, int from) {
        int count = 0;
        for (int i = from; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                count++;
            }
        }
        return count;
    }
}
