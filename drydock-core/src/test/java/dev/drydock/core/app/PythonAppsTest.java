package dev.drydock.core.app;

import static dev.drydock.core.app.AppTesting.files;
import static dev.drydock.core.app.AppTesting.read;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PythonAppsTest {

    @Test
    void flaskRoutesBlueprintsAndTheirPrefixes() {
        AppSource app = read(files(
                "app.py", """
                        from flask import Flask
                        from shop.views import shop
                        from shop import admin as admin_module

                        app = Flask(__name__)
                        app.register_blueprint(shop, url_prefix="/shop")
                        app.register_blueprint(admin_module.bp)
                        app.add_url_rule("/ping", view_func=lambda: "pong")


                        @app.route("/health", methods=["GET", "HEAD"])
                        def health():
                            return {"status": "ok"}
                        """,
                "shop/__init__.py", "",
                "shop/views.py", """
                        from flask import Blueprint

                        shop = Blueprint("shop", __name__, url_prefix="/ignored")


                        @shop.get("/items/<int:item_id>")
                        def item(item_id):
                            return Item.query.get(item_id)
                        """,
                "shop/admin.py", """
                        from flask import Blueprint
                        bp = Blueprint("admin", __name__, url_prefix="/admin")

                        @bp.post("/reindex")
                        def reindex():
                            pass
                        """), "app.py", "python", "app.py");
        assertThat(app.frameworks()).containsExactly(Framework.FLASK);
        assertThat(app.app()).hasValueSatisfying(a -> {
            assertThat(a.name()).isEqualTo("app");
            assertThat(a.line()).isEqualTo(5);
            assertThat(a.attribute()).isEqualTo("app");
        });
        Routes routes = app.routes();
        assertThat(routes.all()).extracting(Route::method, Route::path).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("GET,HEAD", "/health"),
                org.assertj.core.groups.Tuple.tuple("GET", "/ping"),
                org.assertj.core.groups.Tuple.tuple("GET", "/shop/items/<int:item_id>"),
                org.assertj.core.groups.Tuple.tuple("POST", "/admin/reindex"));
        assertThat(routes.opaquePrefixes()).isEmpty();
        assertThat(routes.match("/shop/items/42")).hasValueSatisfying(r -> {
            assertThat(r.file()).isEqualTo("shop/views.py");
            assertThat(r.line()).isEqualTo(6);
            assertThat(r.handler().checksDependencies()).isTrue();
        });
        assertThat(routes.match("/health/")).isPresent();
        assertThat(routes.match("/shop/items")).isEmpty();
        assertThat(routes.determines("/nothing")).isTrue();
        Route health = routes.match("/health").orElseThrow();
        assertThat(health.line()).isEqualTo(11);
        assertThat(health.handler().answersConstant()).isTrue();
        assertThat(health.handler().evidence()).isEqualTo("return {\"status\": \"ok\"}");
    }

    @Test
    void anApplicationFactoryAndARunCallInTheMainBlock() {
        AppSource app = read(files(
                "run.py", """
                        import os
                        from myapp import create_app

                        app = create_app()

                        if __name__ == "__main__":
                            app.run(host="0.0.0.0", port=int(os.getenv("PORT", "8080")), debug=True)
                        """,
                "myapp/__init__.py", """
                        from flask import Flask


                        def create_app():
                            app = Flask(__name__)

                            @app.get("/healthz")
                            def healthz():
                                return "ok"

                            return app
                        """), "run.py", "python", "run.py");
        assertThat(app.app()).hasValueSatisfying(a -> {
            assertThat(a.exposedIn()).isEqualTo("run.py");
            assertThat(a.attribute()).isEqualTo("app");
            assertThat(a.file()).isEqualTo("myapp/__init__.py");
        });
        assertThat(app.routes().match("/healthz")).isPresent();
        ServerCall call = app.devServer().orElseThrow();
        assertThat(call.server()).contains("Flask");
        assertThat(call.port()).isEqualTo(8080);
        assertThat(call.debug()).isEqualTo("True");
        assertThat(call.mainOnly()).isTrue();
        assertThat(call.line()).isEqualTo(7);
    }

    @Test
    void aRunCallOnlyCountsWhenTheFileIsTheScriptRun() {
        var sources = files("app.py", """
                from flask import Flask
                app = Flask(__name__)
                if __name__ == "__main__":
                    app.run()
                """, "wsgi.py", "from app import app\n");
        assertThat(read(sources, "app.py", "python", "app.py").devServer()).isPresent();
        assertThat(read(sources, "wsgi.py", "python", "wsgi.py").devServer()).isEmpty();
        assertThat(read(sources, "app.py", "gunicorn", "app:app").devServer()).isEmpty();
    }

    @Test
    void uvicornRunIsADevelopmentServerOnlyWithReload() {
        var dev = files("main.py", "import uvicorn\nfrom fastapi import FastAPI\napp = FastAPI()\n"
                + "if __name__ == '__main__':\n    uvicorn.run('main:app', host='0.0.0.0', port=9000, reload=True)\n");
        ServerCall call = read(dev, "main.py", "python", "main.py").serverCalls().get(0);
        assertThat(call.development()).isTrue();
        assertThat(call.port()).isEqualTo(9000);
        var prod = files("main.py", "import uvicorn\nfrom fastapi import FastAPI\napp = FastAPI()\n"
                + "if __name__ == '__main__':\n    uvicorn.run(app, host='0.0.0.0')\n");
        AppSource p = read(prod, "main.py", "python", "main.py");
        assertThat(p.devServer()).isEmpty();
        assertThat(p.serverCalls()).singleElement().satisfies(c -> assertThat(c.port()).isEqualTo(8000));
    }

    @Test
    void thePortVariableIsFollowedThroughTheNameItIsBoundTo() {
        var sources = files("app.py", """
                import os
                from flask import Flask
                app = Flask(__name__)
                port = int(os.environ.get("APP_PORT", 5001))
                if __name__ == "__main__":
                    app.run(host="0.0.0.0", port=port)
                """);
        ServerCall call = read(sources, "app.py", "python", "app.py").serverCalls().get(0);
        assertThat(call.port()).isEqualTo(5001);
        assertThat(call.portVariable()).isEqualTo("APP_PORT");
        var literal = files("app.py", "from flask import Flask\napp = Flask(__name__)\napp.run(port=5002)\n");
        assertThat(read(literal, "app.py", "python", "app.py").serverCalls().get(0).portVariable()).isNull();
    }

    @Test
    void fastApiRoutersWithBothPrefixes() {
        AppSource app = read(files(
                "main.py", """
                        from fastapi import FastAPI
                        from api.routes import router as api_router
                        from fastapi.staticfiles import StaticFiles

                        app = FastAPI(title="svc")
                        app.include_router(api_router, prefix="/api")
                        app.mount("/static", StaticFiles(directory="static"), name="static")
                        """,
                "api/__init__.py", "",
                "api/routes.py", """
                        from fastapi import APIRouter

                        router = APIRouter(prefix="/v1")


                        @router.get("/health")
                        async def health():
                            return {"ok": True}
                        """), "main.py", "uvicorn", "main:app");
        assertThat(app.frameworks()).containsExactly(Framework.FASTAPI);
        assertThat(app.routes().match("/api/v1/health")).isPresent();
        assertThat(app.routes().determines("/api/v1/other")).isTrue();
        assertThat(app.routes().determines("/static/app.css")).isFalse();
        assertThat(app.routes().opaquePrefixes()).containsExactly("/static");
    }

    @Test
    void starletteRouteLists() {
        AppSource app = read(files("app.py", """
                from starlette.applications import Starlette
                from starlette.routing import Route, Mount

                async def health(request):
                    return PlainTextResponse("ok")

                routes = [
                    Route("/health", health),
                    Mount("/static", app=StaticFiles(directory="static")),
                ]
                app = Starlette(routes=routes)
                """), "app.py", "uvicorn", "app:app");
        assertThat(app.routes().match("/health")).hasValueSatisfying(r -> assertThat(r.handler().answersConstant()).isTrue());
        assertThat(app.routes().determines("/static/x")).isFalse();
    }

    @Test
    void whatCannotBeFollowedLeavesItsPrefixUndetermined() {
        AppSource app = read(files("app.py", """
                import os
                from flask import Flask
                from flask_healthz import healthz
                from plugins import load_blueprints

                app = Flask(__name__)
                app.register_blueprint(healthz, url_prefix="/healthz")
                for bp in load_blueprints():
                    app.register_blueprint(bp)

                @app.get(f"/{os.environ['PREFIX']}/x")
                def x():
                    return "x"
                """), "app.py", "python", "app.py");
        assertThat(app.routes().known()).isTrue();
        assertThat(app.routes().determines("/healthz/live")).isFalse();
        assertThat(app.routes().determines("/anything")).isFalse(); // the loop's blueprints may be anywhere
    }

    @Test
    void sigtermHandlingIsFoundInImportedModules() {
        var sources = files("worker.py", "from lifecycle import install\ninstall()\n",
                "lifecycle.py", "import signal\n\ndef install():\n    signal.signal(signal.SIGTERM, lambda *a: None)\n");
        AppSource app = read(sources, "worker.py", "python", "worker.py");
        assertThat(app.handlesSigterm()).isTrue();
        assertThat(app.sigtermAt()).isEqualTo("lifecycle.py:4");
        assertThat(read(files("worker.py", "import time\n"), "worker.py", "python", "worker.py").handlesSigterm()).isFalse();
    }
}
