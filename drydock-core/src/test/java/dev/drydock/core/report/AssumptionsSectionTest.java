package dev.drydock.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.core.project.ProjectLoader;
import dev.drydock.core.review.Reviewer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AssumptionsSectionTest {

    @TempDir
    Path dir;

    private String markdown() {
        StringWriter text = new StringWriter();
        PrintWriter out = new PrintWriter(text);
        new ReviewMarkdown(out).print(Reviewer.standard().review(new ProjectLoader().load(dir)));
        out.flush();
        return text.toString();
    }

    @Test
    void whatTheCommandLeavesOpenIsListedPerContainer() throws IOException {
        Files.writeString(dir.resolve("Dockerfile"), """
                FROM python:3.12.7-slim
                WORKDIR /app
                COPY . .
                RUN pip install --no-cache-dir flask==3.1.0 gunicorn==23.0.0
                USER 10001
                CMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:app"]
                """);
        Files.writeString(dir.resolve("app.py"), "from flask import Flask\napp = Flask(__name__)\n");
        Files.writeString(dir.resolve("compose.yaml"), "services:\n  web:\n    build: .\n");
        assertThat(markdown()).contains("## 🔎 Assumptions")
                .contains("- service `web` (compose.yaml): gunicorn also reads /app/gunicorn.conf.py when it exists");
    }

    @Test
    void noSectionWhenNothingWasAssumed() throws IOException {
        Files.writeString(dir.resolve("Dockerfile"), """
                FROM python:3.12.7-slim
                WORKDIR /app
                COPY . .
                USER 10001
                CMD ["python", "main.py"]
                """);
        Files.writeString(dir.resolve("main.py"), "print('hello')\n");
        assertThat(markdown()).doesNotContain("Assumptions");
    }
}
