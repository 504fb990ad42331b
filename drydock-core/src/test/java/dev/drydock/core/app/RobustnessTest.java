package dev.drydock.core.app;

import static org.assertj.core.api.Assertions.assertThatCode;

import dev.drydock.core.entrypoint.EntryPoints;
import dev.drydock.core.source.SourceFile;
import dev.drydock.core.testing.RandomInputs;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Odd, truncated and edited sources never make the reader throw. */
class RobustnessTest {

    private static final String PYTHON = """
            from flask import Flask, Blueprint
            from .views import bp as views
            app = Flask(__name__)
            app.register_blueprint(views, url_prefix=f"/{X}")
            @app.route("/health", methods=["GET"])
            def health():
                \"\"\"Doc.\"\"\"
                return jsonify(status="ok")
            if __name__ == "__main__":
                app.run(host="0.0.0.0", port=int(os.environ.get("PORT", 5000)))
            urlpatterns = [path("a/", include("x.urls")), re_path(r"^(?P<x>[0-9]+)$", v)]
            """;
    private static final String JS = """
            const express = require('express');
            const app = express();
            app.use('/api', require('./api'));
            app.get(`/x/${y}`, (req, res) => { res.json({ a: 1 }) });
            app.route('/r').get((q, s) => s.end());
            module.exports = app; export default app;
            app.listen(process.env.PORT || 3000);
            """;
    private static final List<String> FRAGMENTS = List.of("(", ")", "[", "]", "{", "}", "\"", "'", "\"\"\"", "`", "\\",
            "\n", "@", ":", "=", ",", "#", "//", "/*", "app.", "def ", "if __name__ == '__main__':", "${");

    @Test
    void randomEditsOfPythonAndJavaScript() {
        RandomInputs.forEachSample("app-reader", 300, r -> {
            String base = r.oneIn(2) ? PYTHON : JS;
            return r.oneIn(3) ? r.truncate(base) : r.oneIn(2) ? r.edit(base, "()[]{}\"'`:@=\n", FRAGMENTS)
                    : r.concat(FRAGMENTS, 0, 60);
        }, text -> {
            SourceSet files = SourceSet.of(SourceFile.of("app.py", text), SourceFile.of("index.js", text),
                    SourceFile.of("views.py", text), SourceFile.of("api.js", text), SourceFile.of("x/urls.py", text));
            for (List<String> argv : List.of(List.of("python", "app.py"), List.of("node", "index.js"),
                    List.of("gunicorn", "app:app"), List.of("sh", "-c", "run"))) {
                assertThatCode(() -> {
                    AppSource app = AppSource.read(files, "", List.of(argv.get(1).endsWith(".js") ? "index.js" : "app.py"),
                            EntryPoints.interpret(argv, false, Map.of(), "/"), List.of(), Map.of());
                    app.routes().match("/health");
                    app.routes().determines("/x");
                    app.routes().healthRoute();
                    app.routes().readinessRoutes();
                    app.routes().all().forEach(Route::display);
                }).doesNotThrowAnyException();
            }
        });
    }
}
