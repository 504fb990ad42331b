package dev.drydock.core.entrypoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class EntryPointsTest {

    private static EntryPoint exec(String workdir, String... argv) {
        return EntryPoints.interpret(Invocation.exec(argv).withWorkdir(workdir));
    }

    private static EntryPoint shell(String workdir, String script, String... env) {
        return EntryPoints.interpret(Invocation.shell(script).withWorkdir(workdir).withEnv(env));
    }

    @Nested
    class Flask {
        @Test
        void pythonAppPyIsAScript() {
            EntryPoint ep = exec("/app", "python", "app.py");
            assertThat(ep.runtime()).isEqualTo(Runtime.PYTHON);
            assertThat(ep.target()).isEqualTo(Target.file("app.py", "/app/app.py"));
            assertThat(ep.targetFiles()).containsExactly("/app/app.py");
            assertThat(ep.searchPath()).containsExactly("/app");
            assertThat(ep.development()).isFalse();
        }

        @Test
        void theUnifyCommandWithItsEnvironment() {
            EntryPoint ep = EntryPoints.interpret(new Invocation(List.of("python", "app.py"), false,
                    Map.of("FLASK_APP", "app.py", "FLASK_ENV", "production", "PYTHONPATH", "/app/src"), "/app"));
            assertThat(ep.runtime()).isEqualTo(Runtime.PYTHON);
            assertThat(ep.targetFiles()).containsExactly("/app/app.py");
            assertThat(ep.searchPath()).containsExactly("/app", "/app/src");
        }

        @Test
        void flaskRunWithAppOptionAndDebug() {
            EntryPoint ep = exec("/srv", "flask", "--app", "hello:create_app()", "--debug", "run", "--host=0.0.0.0", "-p", "5000");
            assertThat(ep.runtime()).isEqualTo(Runtime.FLASK_RUN);
            assertThat(ep.target()).isEqualTo(Target.app("hello:create_app()", null, "hello", "create_app()"));
            assertThat(ep.options()).containsEntry("host", "0.0.0.0").containsEntry("port", "5000").containsEntry("debug", "true");
            assertThat(ep.targetFiles()).containsExactly("/srv/hello.py", "/srv/hello/__init__.py");
            assertThat(ep.development()).isTrue();
        }

        @Test
        void flaskRunFromTheEnvironment() {
            EntryPoint ep = EntryPoints.interpret(Invocation.exec("python", "-m", "flask", "run")
                    .withWorkdir("/app").withEnv("FLASK_APP", "src/app.py", "FLASK_RUN_PORT", "8000", "FLASK_DEBUG", "0"));
            assertThat(ep.runtime()).isEqualTo(Runtime.FLASK_RUN);
            assertThat(ep.target()).isEqualTo(Target.app("src/app.py", "/app/src/app.py", "app", null));
            assertThat(ep.options()).containsEntry("port", "8000").containsEntry("debug", "false");
            assertThat(ep.wrappedBy("python -m")).isTrue();
        }

        @Test
        void flaskWithoutAnAppLooksForWsgiThenApp() {
            EntryPoint ep = exec("/app", "flask", "run");
            assertThat(ep.target()).isEqualTo(Target.NONE);
            assertThat(ep.targetFiles()).containsExactly("/app/wsgi.py", "/app/app.py");
        }

        @Test
        void flaskOtherCommands() {
            EntryPoint ep = exec("/app", "flask", "db", "upgrade");
            assertThat(ep.runtime()).isEqualTo(Runtime.FLASK_COMMAND);
            assertThat(ep.option("command")).isEqualTo("db");
        }

        @Test
        void gunicornAsTheReviewRecommends() {
            EntryPoint ep = exec("/app", "gunicorn", "--bind", "0.0.0.0:5000", "--workers", "4", "--timeout", "120",
                    "--graceful-timeout", "30", "app:app");
            assertThat(ep.runtime()).isEqualTo(Runtime.GUNICORN);
            assertThat(ep.target()).isEqualTo(Target.app("app:app", null, "app", "app"));
            assertThat(ep.options()).containsExactly(
                    Map.entry("bind", "0.0.0.0:5000"), Map.entry("workers", "4"), Map.entry("timeout", "120"),
                    Map.entry("graceful-timeout", "30"));
            assertThat(ep.targetFiles()).containsExactly("/app/app.py", "/app/app/__init__.py");
            assertThat(ep.notes()).contains("gunicorn also reads /app/gunicorn.conf.py when it exists");
        }

        @Test
        void gunicornShortOptionsEnvironmentAndReload() {
            EntryPoint ep = EntryPoints.interpret(Invocation.exec("/usr/local/bin/gunicorn", "-w4", "-b", ":8000",
                    "-k", "gevent", "--reload", "--chdir", "src", "--pythonpath", "lib", "wsgi")
                    .withWorkdir("/app").withEnv("GUNICORN_CMD_ARGS", "--timeout=90 --workers=2", "PYTHONPATH", "/opt/shared"));
            assertThat(ep.options()).containsEntry("workers", "4").containsEntry("timeout", "90")
                    .containsEntry("bind", ":8000").containsEntry("worker-class", "gevent").containsEntry("reload", "true");
            assertThat(ep.target()).isEqualTo(Target.app("wsgi", null, "wsgi", "application"));
            assertThat(ep.searchPath()).containsExactly("/app/src", "/app/src/lib", "/opt/shared");
            assertThat(ep.development()).isTrue();
        }

        @Test
        void webConcurrencySetsGunicornWorkersBelowTheCommandLine() {
            EntryPoint fromEnv = EntryPoints.interpret(Invocation.exec("gunicorn", "app:app").withEnv("WEB_CONCURRENCY", "3"));
            assertThat(fromEnv.option("workers")).isEqualTo("3");
            EntryPoint cli = EntryPoints.interpret(Invocation.exec("gunicorn", "-w", "5", "app:app").withEnv("WEB_CONCURRENCY", "3"));
            assertThat(cli.option("workers")).isEqualTo("5");
        }

        @Test
        void pythonDashMGunicornWithInterpreterFlags() {
            EntryPoint ep = exec("/app", "python3.11", "-u", "-m", "gunicorn", "-c", "gunicorn.conf.py", "app:create_app()");
            assertThat(ep.runtime()).isEqualTo(Runtime.GUNICORN);
            assertThat(ep.interpreterOptions()).containsEntry("-u", "true");
            assertThat(ep.option("config")).isEqualTo("gunicorn.conf.py");
            assertThat(ep.target().attribute()).isEqualTo("create_app()");
        }

        @Test
        void waitress() {
            EntryPoint ep = exec("/app", "waitress-serve", "--host=0.0.0.0", "--port=8080", "--threads=8", "--call", "app:create_app");
            assertThat(ep.runtime()).isEqualTo(Runtime.WAITRESS);
            assertThat(ep.options()).containsEntry("port", "8080").containsEntry("threads", "8").containsEntry("call", "true");
            assertThat(ep.target().module()).isEqualTo("app");
            assertThat(ep.target().attribute()).isEqualTo("create_app");
        }
    }

    @Nested
    class Django {
        @Test
        void runserverIsTheDevelopmentServer() {
            EntryPoint ep = exec("/code", "python", "manage.py", "runserver", "0.0.0.0:8000");
            assertThat(ep.runtime()).isEqualTo(Runtime.DJANGO_RUNSERVER);
            assertThat(ep.target()).isEqualTo(Target.file("manage.py", "/code/manage.py"));
            assertThat(ep.options()).containsEntry("command", "runserver").containsEntry("addrport", "0.0.0.0:8000");
            assertThat(ep.development()).isTrue();
        }

        @Test
        void migrateThenGunicornInAShell() {
            EntryPoint ep = shell("/code", "python manage.py migrate --noinput && python manage.py collectstatic --noinput && gunicorn mysite.wsgi:application --bind 0.0.0.0:$PORT",
                    "PORT", "8000");
            assertThat(ep.runtime()).isEqualTo(Runtime.GUNICORN);
            assertThat(ep.target()).isEqualTo(Target.app("mysite.wsgi:application", null, "mysite.wsgi", "application"));
            assertThat(ep.option("bind")).isEqualTo("0.0.0.0:8000");
            assertThat(ep.otherCommands()).containsExactly(
                    List.of("python", "manage.py", "migrate", "--noinput"),
                    List.of("python", "manage.py", "collectstatic", "--noinput"));
            assertThat(ep.targetFiles()).startsWith("/code/mysite/wsgi.py");
            assertThat(ep.wrappedBy("sh -c")).isTrue();
        }

        @Test
        void daphneAndOtherManageCommands() {
            EntryPoint daphne = exec("/app", "daphne", "-b", "0.0.0.0", "-p", "8001", "myproject.asgi:application");
            assertThat(daphne.runtime()).isEqualTo(Runtime.DAPHNE);
            assertThat(daphne.options()).containsEntry("bind", "0.0.0.0").containsEntry("port", "8001");
            assertThat(daphne.target().module()).isEqualTo("myproject.asgi");
            EntryPoint worker = exec("/app", "./manage.py", "qcluster");
            assertThat(worker.runtime()).isEqualTo(Runtime.DJANGO_MANAGE);
            assertThat(worker.option("command")).isEqualTo("qcluster");
        }
    }

    @Nested
    class FastApi {
        @Test
        void uvicornWithWorkersAndProxyHeaders() {
            EntryPoint ep = exec("/code", "uvicorn", "app.main:app", "--host", "0.0.0.0", "--port", "80", "--workers", "4", "--proxy-headers");
            assertThat(ep.runtime()).isEqualTo(Runtime.UVICORN);
            assertThat(ep.target()).isEqualTo(Target.app("app.main:app", null, "app.main", "app"));
            assertThat(ep.options()).containsEntry("workers", "4").containsEntry("port", "80").containsEntry("proxy-headers", "true");
            assertThat(ep.targetFiles()).containsExactly("/code/app/main.py", "/code/app/main/__init__.py");
        }

        @Test
        void uvicornReadsItsEnvironment() {
            EntryPoint ep = EntryPoints.interpret(Invocation.exec("uvicorn", "main:app", "--reload")
                    .withEnv("UVICORN_PORT", "9000", "WEB_CONCURRENCY", "2"));
            assertThat(ep.options()).containsEntry("port", "9000").containsEntry("workers", "2").containsEntry("reload", "true");
            assertThat(ep.development()).isTrue();
        }

        @Test
        void fastapiCli() {
            EntryPoint run = exec("/code", "fastapi", "run", "app/main.py", "--port", "80", "--workers", "4");
            assertThat(run.runtime()).isEqualTo(Runtime.FASTAPI_RUN);
            assertThat(run.target()).isEqualTo(Target.app("app/main.py", "/code/app/main.py", "main", null));
            assertThat(run.development()).isFalse();
            EntryPoint dev = exec("/code", "fastapi", "dev");
            assertThat(dev.runtime()).isEqualTo(Runtime.FASTAPI_DEV);
            assertThat(dev.targetFiles()).startsWith("/code/main.py", "/code/app.py");
            assertThat(dev.development()).isTrue();
        }

        @Test
        void hypercornAndGranian() {
            EntryPoint hypercorn = exec("/app", "hypercorn", "--bind", "0.0.0.0:8000", "-w", "2", "main:app");
            assertThat(hypercorn.runtime()).isEqualTo(Runtime.HYPERCORN);
            assertThat(hypercorn.options()).containsEntry("bind", "0.0.0.0:8000").containsEntry("workers", "2");
            EntryPoint granian = exec("/app", "granian", "--interface", "asgi", "--host", "0.0.0.0", "main:app");
            assertThat(granian.runtime()).isEqualTo(Runtime.GRANIAN);
            assertThat(granian.target().module()).isEqualTo("main");
        }

        @Test
        void uvRunAndPoetryRun() {
            EntryPoint uv = exec("/app", "uv", "run", "--frozen", "--no-dev", "uvicorn", "main:app");
            assertThat(uv.runtime()).isEqualTo(Runtime.UVICORN);
            assertThat(uv.wrappedBy("uv run")).isTrue();
            EntryPoint script = exec("/app", "uv", "run", "main.py");
            assertThat(script.runtime()).isEqualTo(Runtime.PYTHON);
            assertThat(script.target().path()).isEqualTo("/app/main.py");
            EntryPoint poetry = exec("/app", "poetry", "run", "python", "-m", "myapp");
            assertThat(poetry.runtime()).isEqualTo(Runtime.PYTHON);
            assertThat(poetry.target()).isEqualTo(Target.module("myapp"));
            assertThat(poetry.targetFiles()).containsExactly("/app/myapp.py", "/app/myapp/__main__.py");
        }

        @Test
        void celeryAndStreamlit() {
            EntryPoint celery = exec("/app", "celery", "-A", "proj", "worker", "--loglevel=info", "-c", "4");
            assertThat(celery.runtime()).isEqualTo(Runtime.CELERY);
            assertThat(celery.target()).isEqualTo(Target.module("proj"));
            assertThat(celery.options()).containsEntry("command", "worker").containsEntry("concurrency", "4").containsEntry("loglevel", "info");
            EntryPoint streamlit = exec("/app", "streamlit", "run", "app.py", "--server.port=8501", "--server.address", "0.0.0.0");
            assertThat(streamlit.runtime()).isEqualTo(Runtime.STREAMLIT);
            assertThat(streamlit.target().path()).isEqualTo("/app/app.py");
            assertThat(streamlit.options()).containsEntry("server.port", "8501").containsEntry("server.address", "0.0.0.0");
        }
    }

    @Nested
    class Node {
        @Test
        void nodeScriptWithFlags() {
            EntryPoint ep = exec("/usr/src/app", "node", "--max-old-space-size=512", "-r", "dotenv/config", "dist/server.js");
            assertThat(ep.runtime()).isEqualTo(Runtime.NODE);
            assertThat(ep.target()).isEqualTo(Target.file("dist/server.js", "/usr/src/app/dist/server.js"));
            assertThat(ep.interpreterOptions()).containsEntry("--max-old-space-size", "512").containsEntry("-r", "dotenv/config");
            assertThat(ep.development()).isFalse();
        }

        @Test
        void nodeDotAndExtensionlessScripts() {
            EntryPoint dot = exec("/app", "node", ".");
            assertThat(dot.target()).isEqualTo(Target.directory(".", "/app"));
            assertThat(dot.targetFiles()).containsExactly("/app/package.json", "/app/index.js");
            EntryPoint bare = exec("/app", "node", "server");
            assertThat(bare.targetFiles()).containsExactly("/app/server", "/app/server.js", "/app/server/index.js");
            EntryPoint watch = exec("/app", "node", "--watch", "index.js");
            assertThat(watch.development()).isTrue();
        }

        @Test
        void packageManagerScripts() {
            assertThat(exec("/app", "npm", "start").target()).isEqualTo(Target.script("start"));
            assertThat(exec("/app", "npm", "run", "start:prod").target()).isEqualTo(Target.script("start:prod"));
            assertThat(exec("/app", "npm", "--prefix", "web", "run", "serve").options()).containsEntry("prefix", "web");
            EntryPoint ifPresent = exec("/app", "npm", "run", "--if-present", "serve");
            assertThat(ifPresent.target()).isEqualTo(Target.script("serve"));
            assertThat(ifPresent.options()).containsEntry("if-present", "true");
            assertThat(exec("/app", "yarn", "start").target()).isEqualTo(Target.script("start"));
            assertThat(exec("/app", "yarn", "dev").target()).isEqualTo(Target.script("dev"));
            assertThat(exec("/app", "yarn", "run", "serve").runtime()).isEqualTo(Runtime.YARN);
            assertThat(exec("/app", "pnpm", "--filter", "api", "start").target()).isEqualTo(Target.script("start"));
            assertThat(exec("/app", "pnpm", "run", "preview").target()).isEqualTo(Target.script("preview"));
            assertThat(exec("/app", "bun", "run", "src/index.ts").target()).isEqualTo(Target.file("src/index.ts", "/app/src/index.ts"));
            assertThat(exec("/app", "bun", "run", "start").target()).isEqualTo(Target.script("start"));
            EntryPoint watched = exec("/app", "bun", "run", "--watch", "--env-file=.env", "src/index.ts");
            assertThat(watched.target()).isEqualTo(Target.file("src/index.ts", "/app/src/index.ts"));
            assertThat(watched.interpreterOptions()).containsEntry("--watch", "true").containsEntry("--env-file", ".env");
            assertThat(exec("/app", "bun", "--smol", "run", "--bun", "start").target()).isEqualTo(Target.script("start"));
        }

        @Test
        void installThenStartInAShell() {
            EntryPoint ep = shell("/app", "npm ci --omit=dev && npm run build && npm start");
            assertThat(ep.runtime()).isEqualTo(Runtime.NPM);
            assertThat(ep.target()).isEqualTo(Target.script("start"));
            assertThat(ep.otherCommands()).containsExactly(List.of("npm", "ci", "--omit=dev"), List.of("npm", "run", "build"));
        }

        @Test
        void developmentToolsAndFrameworkServers() {
            EntryPoint nodemon = exec("/app", "nodemon", "--watch", "src", "src/index.js");
            assertThat(nodemon.runtime()).isEqualTo(Runtime.NODEMON);
            assertThat(nodemon.target().path()).isEqualTo("/app/src/index.js");
            assertThat(nodemon.development()).isTrue();
            assertThat(exec("/app", "npx", "ts-node", "src/server.ts").runtime()).isEqualTo(Runtime.TS_NODE);
            assertThat(exec("/app", "tsx", "watch", "src/server.ts").development()).isTrue();
            assertThat(exec("/app", "npx", "next", "start", "-p", "3000").runtime()).isEqualTo(Runtime.NEXT_START);
            assertThat(exec("/app", "next", "dev").runtime()).isEqualTo(Runtime.NEXT_DEV);
            EntryPoint vite = exec("/app", "vite", "--host", "--port", "5173");
            assertThat(vite.runtime()).isEqualTo(Runtime.VITE_DEV);
            assertThat(vite.options()).containsEntry("host", "true").containsEntry("port", "5173");
            assertThat(exec("/app", "vite", "preview", "--host", "0.0.0.0").option("host")).isEqualTo("0.0.0.0");
            assertThat(exec("/app", "ng", "serve", "--host", "0.0.0.0").runtime()).isEqualTo(Runtime.NG_SERVE);
            assertThat(exec("/app", "react-scripts", "start").runtime()).isEqualTo(Runtime.REACT_SCRIPTS_START);
            EntryPoint serve = exec("/app", "serve", "-s", "build", "-l", "3000");
            assertThat(serve.runtime()).isEqualTo(Runtime.SERVE);
            assertThat(serve.target()).isEqualTo(Target.directory("build", "/app/build"));
        }

        @Test
        void pm2Runtime() {
            EntryPoint ecosystem = exec("/app", "pm2-runtime", "start", "ecosystem.config.js", "--env", "production");
            assertThat(ecosystem.runtime()).isEqualTo(Runtime.PM2);
            assertThat(ecosystem.target()).isEqualTo(Target.config("ecosystem.config.js", "/app/ecosystem.config.js"));
            EntryPoint file = exec("/app", "pm2-runtime", "server.js", "-i", "max");
            assertThat(file.target().path()).isEqualTo("/app/server.js");
            assertThat(file.option("instances")).isEqualTo("max");
            EntryPoint npm = exec("/app", "pm2-runtime", "start", "npm", "--", "start");
            assertThat(npm.target()).isEqualTo(Target.script("start"));
        }
    }

    @Nested
    class Jvm {
        @Test
        void javaJarWithMemoryFlagsAndSpringArguments() {
            EntryPoint ep = exec("/", "java", "-XX:MaxRAMPercentage=75.0", "-XX:+UseG1GC", "-Xmx512m",
                    "-Dspring.profiles.active=prod", "-javaagent:/otel/agent.jar", "-jar", "/app/app.jar", "--server.port=8080");
            assertThat(ep.runtime()).isEqualTo(Runtime.JAVA);
            assertThat(ep.target()).isEqualTo(Target.file("/app/app.jar", "/app/app.jar"));
            assertThat(ep.interpreterOptions()).containsEntry("-XX:MaxRAMPercentage", "75.0").containsEntry("-XX:UseG1GC", "true")
                    .containsEntry("-Xmx", "512m").containsEntry("-Dspring.profiles.active", "prod")
                    .containsEntry("-javaagent", "/otel/agent.jar");
            assertThat(ep.options()).containsEntry("server.port", "8080");
            assertThat(ep.targetFiles()).containsExactly("/app/app.jar");
        }

        @Test
        void javaOptsInAShellFormAndToolOptions() {
            EntryPoint known = shell("/app", "java $JAVA_OPTS -jar app.jar", "JAVA_OPTS", "-Xms256m -Xmx1g");
            assertThat(known.interpreterOptions()).containsEntry("-Xms", "256m").containsEntry("-Xmx", "1g");
            assertThat(known.target().path()).isEqualTo("/app/app.jar");
            EntryPoint unknown = shell("/app", "exec java $JAVA_OPTS -jar app.jar");
            assertThat(unknown.target().path()).isEqualTo("/app/app.jar");
            assertThat(unknown.unresolved()).containsExactly("$JAVA_OPTS");
            EntryPoint tool = EntryPoints.interpret(Invocation.exec("java", "-Xmx2g", "-jar", "a.jar")
                    .withEnv("JAVA_TOOL_OPTIONS", "-Xmx1g -XX:MaxRAMPercentage=80"));
            assertThat(tool.interpreterOptions()).containsEntry("-Xmx", "2g").containsEntry("-XX:MaxRAMPercentage", "80");
        }

        @Test
        void jvmOptionsBetweenTheJarFlagAndTheJar() {
            EntryPoint ep = EntryPoints.interpret(Invocation.exec("java", "-jar", "-Xmx4G", "-Duser.timezone=UTC", "app.jar", "--debug")
                    .withWorkdir("/srv"));
            assertThat(ep.target()).isEqualTo(Target.file("app.jar", "/srv/app.jar"));
            assertThat(ep.interpreterOptions()).containsEntry("-Xmx", "4G").containsEntry("-Duser.timezone", "UTC");
        }

        @Test
        void layeredSpringBootAndMainClasses() {
            EntryPoint ep = exec("/app", "java", "org.springframework.boot.loader.launch.JarLauncher");
            assertThat(ep.target()).isEqualTo(Target.mainClass("org.springframework.boot.loader.launch.JarLauncher"));
            assertThat(ep.notes()).anyMatch(n -> n.startsWith("Spring Boot launcher"));
            EntryPoint cp = exec("/app", "java", "-cp", "app:app/lib/*", "com.example.Main");
            assertThat(cp.target()).isEqualTo(Target.mainClass("com.example.Main"));
            assertThat(cp.interpreterOptions()).containsEntry("-cp", "app:app/lib/*");
        }

        @Test
        void buildToolsRunningFromSources() {
            EntryPoint mvn = exec("/app", "./mvnw", "spring-boot:run", "-Dspring-boot.run.profiles=dev");
            assertThat(mvn.runtime()).isEqualTo(Runtime.SPRING_BOOT_RUN);
            assertThat(mvn.option("goals")).isEqualTo("spring-boot:run");
            assertThat(mvn.development()).isTrue();
            EntryPoint gradle = exec("/app", "gradle", "bootRun", "--no-daemon");
            assertThat(gradle.runtime()).isEqualTo(Runtime.SPRING_BOOT_RUN);
            assertThat(exec("/app", "mvn", "exec:java").runtime()).isEqualTo(Runtime.MAVEN);
        }
    }

    @Nested
    class Go {
        @Test
        void compiledBinaries() {
            EntryPoint abs = exec("/", "/app/server");
            assertThat(abs.runtime()).isEqualTo(Runtime.BINARY);
            assertThat(abs.target()).isEqualTo(Target.file("/app/server", "/app/server"));
            EntryPoint rel = exec("/app", "./main", "-port", "8080");
            assertThat(rel.target().path()).isEqualTo("/app/main");
            EntryPoint onPath = exec("/", "myservice", "serve");
            assertThat(onPath.target()).isEqualTo(Target.file("myservice", null));
        }

        @Test
        void goRunCompilesAtStart() {
            EntryPoint dir = exec("/src", "go", "run", "./cmd/api");
            assertThat(dir.runtime()).isEqualTo(Runtime.GO_RUN);
            assertThat(dir.target()).isEqualTo(Target.directory("./cmd/api", "/src/cmd/api"));
            assertThat(dir.development()).isTrue();
            EntryPoint file = exec("/src", "go", "run", "-tags", "prod", "main.go");
            assertThat(file.target().path()).isEqualTo("/src/main.go");
            assertThat(file.option("tags")).isEqualTo("prod");
        }
    }

    @Nested
    class Rails {
        @Test
        void railsServerThroughBundleExec() {
            EntryPoint ep = EntryPoints.interpret(Invocation.exec("bundle", "exec", "rails", "server", "-b", "0.0.0.0", "-p", "3000")
                    .withWorkdir("/rails").withEnv("RAILS_ENV", "production"));
            assertThat(ep.runtime()).isEqualTo(Runtime.RAILS_SERVER);
            assertThat(ep.options()).containsEntry("binding", "0.0.0.0").containsEntry("port", "3000").containsEntry("environment", "production");
            assertThat(ep.target().path()).isEqualTo("/rails/config.ru");
            assertThat(ep.wrappedBy("bundle exec")).isTrue();
        }

        @Test
        void railsEntrypointScriptPassesTheServerThrough() {
            EntryPoint ep = exec("/rails", "/rails/bin/docker-entrypoint", "./bin/rails", "server");
            assertThat(ep.runtime()).isEqualTo(Runtime.RAILS_SERVER);
            assertThat(ep.scripts()).containsExactly("/rails/bin/docker-entrypoint");
            assertThat(ep.notes()).anyMatch(n -> n.contains("exec \"$@\""));
        }

        @Test
        void railsServerBehindThruster() {
            EntryPoint ep = EntryPoints.interpret(Invocation.exec("/rails/bin/docker-entrypoint", "./bin/thrust", "./bin/rails",
                    "server").withWorkdir("/rails").withEnv("RAILS_ENV", "production", "PORT", "8000"));
            assertThat(ep.runtime()).isEqualTo(Runtime.RAILS_SERVER);
            assertThat(ep.wrappedBy(Thruster.NAME)).isTrue();
            assertThat(ep.environment()).containsEntry("PORT", "3000"); // Thruster gives its child its target port
            assertThat(ep.option("environment")).isEqualTo("production");

            EntryPoint moved = EntryPoints.interpret(Invocation.exec("ruby", "bin/thrust", "bundle", "exec", "puma")
                    .withWorkdir("/app").withEnv("THRUSTER_TARGET_PORT", "4000", "TARGET_PORT", "5000"));
            assertThat(moved.runtime()).isEqualTo(Runtime.PUMA);
            assertThat(moved.environment()).containsEntry("PORT", "4000");
            assertThat(exec("/app", "thrust").runtime()).isEqualTo(Runtime.BINARY);
        }

        @Test
        void pumaRackupUnicornRuby() {
            EntryPoint puma = exec("/app", "bundle", "exec", "puma", "-C", "config/puma.rb", "-w", "2", "-t", "5:5");
            assertThat(puma.runtime()).isEqualTo(Runtime.PUMA);
            assertThat(puma.options()).containsEntry("config", "config/puma.rb").containsEntry("workers", "2").containsEntry("threads", "5:5");
            assertThat(puma.target().path()).isEqualTo("/app/config.ru");
            assertThat(exec("/app", "rackup", "-p", "9292", "-o", "0.0.0.0").runtime()).isEqualTo(Runtime.RACKUP);
            assertThat(exec("/app", "unicorn", "-c", "config/unicorn.rb", "-E", "production").option("config-file")).isEqualTo("config/unicorn.rb");
            assertThat(exec("/app", "ruby", "app.rb").target().path()).isEqualTo("/app/app.rb");
            assertThat(exec("/app", "bin/rails", "db:migrate").runtime()).isEqualTo(Runtime.RAILS_COMMAND);
        }
    }

    @Nested
    class Php {
        @Test
        void artisanServeIsADevelopmentServer() {
            EntryPoint ep = exec("/var/www", "php", "artisan", "serve", "--host=0.0.0.0", "--port=8000");
            assertThat(ep.runtime()).isEqualTo(Runtime.ARTISAN_SERVE);
            assertThat(ep.options()).containsEntry("host", "0.0.0.0").containsEntry("port", "8000");
            assertThat(ep.target().path()).isEqualTo("/var/www/artisan");
            assertThat(ep.development()).isTrue();
        }

        @Test
        void builtinServerFpmOctaneAndScripts() {
            EntryPoint builtin = exec("/app", "php", "-S", "0.0.0.0:8000", "-t", "public");
            assertThat(builtin.runtime()).isEqualTo(Runtime.PHP_BUILTIN_SERVER);
            assertThat(builtin.target()).isEqualTo(Target.directory("public", "/app/public"));
            assertThat(builtin.options()).containsEntry("listen", "0.0.0.0:8000");
            EntryPoint fpm = exec("/", "php-fpm8.2", "-F");
            assertThat(fpm.runtime()).isEqualTo(Runtime.PHP_FPM);
            assertThat(fpm.option("nodaemonize")).isEqualTo("true");
            assertThat(exec("/", "php-fpm").runtime()).isEqualTo(Runtime.PHP_FPM);
            EntryPoint octane = exec("/app", "php", "artisan", "octane:start", "--server=swoole", "--workers=4");
            assertThat(octane.runtime()).isEqualTo(Runtime.LARAVEL_OCTANE);
            assertThat(octane.option("workers")).isEqualTo("4");
            assertThat(exec("/app", "php", "artisan", "queue:work").runtime()).isEqualTo(Runtime.ARTISAN_COMMAND);
            assertThat(exec("/app", "php", "-d", "memory_limit=512M", "worker.php").interpreterOptions()).containsEntry("-d", "memory_limit=512M");
            assertThat(exec("/", "apache2-foreground").runtime()).isEqualTo(Runtime.APACHE);
            assertThat(exec("/app", "frankenphp", "run", "--config", "/etc/caddy/Caddyfile").target().path()).isEqualTo("/etc/caddy/Caddyfile");
        }
    }

    @Nested
    class WebServersAndSupervisors {
        @Test
        void nginxApacheCaddySupervisord() {
            EntryPoint nginx = exec("/", "nginx", "-g", "daemon off;");
            assertThat(nginx.runtime()).isEqualTo(Runtime.NGINX);
            assertThat(nginx.option("g")).isEqualTo("daemon off;");
            assertThat(exec("/", "httpd", "-D", "FOREGROUND").runtime()).isEqualTo(Runtime.APACHE);
            assertThat(exec("/", "caddy", "run", "--config", "/etc/caddy/Caddyfile", "--adapter", "caddyfile").target().path())
                    .isEqualTo("/etc/caddy/Caddyfile");
            EntryPoint supervisord = exec("/", "/usr/bin/supervisord", "-n", "-c", "/etc/supervisor/conf.d/app.conf");
            assertThat(supervisord.runtime()).isEqualTo(Runtime.SUPERVISORD);
            assertThat(supervisord.target()).isEqualTo(Target.config("/etc/supervisor/conf.d/app.conf", "/etc/supervisor/conf.d/app.conf"));
        }
    }

    @Nested
    class Wrappers {
        @Test
        void initAndUserSwitchers() {
            EntryPoint ep = exec("/app", "/usr/bin/tini", "-g", "--", "gosu", "app", "gunicorn", "app:app");
            assertThat(ep.runtime()).isEqualTo(Runtime.GUNICORN);
            assertThat(ep.user()).isEqualTo("app");
            assertThat(ep.wrappers()).extracting(Wrapper::name).containsExactly("tini", "gosu");
            assertThat(ep.wrappers().get(0).args()).containsExactly("-g", "--");
            EntryPoint dumb = exec("/app", "dumb-init", "--", "su-exec", "node", "node", "server.js");
            assertThat(dumb.runtime()).isEqualTo(Runtime.NODE);
            assertThat(dumb.user()).isEqualTo("node");
            EntryPoint noDashes = exec("/app", "tini", "node", "server.js");
            assertThat(noDashes.runtime()).isEqualTo(Runtime.NODE);
        }

        @Test
        void envAndExecAndInstrumentation() {
            EntryPoint ep = exec("/app", "env", "FLASK_APP=web.py", "PORT=8080", "exec", "opentelemetry-instrument",
                    "--traces_exporter", "otlp", "--service_name=web", "ddtrace-run", "flask", "run");
            assertThat(ep.runtime()).isEqualTo(Runtime.FLASK_RUN);
            assertThat(ep.environment()).containsEntry("FLASK_APP", "web.py").containsEntry("PORT", "8080");
            assertThat(ep.target().module()).isEqualTo("web");
            assertThat(ep.wrappers()).extracting(Wrapper::name).containsExactly("env", "exec", "opentelemetry-instrument", "ddtrace-run");
        }

        @Test
        void entrypointScriptsWithExecArgs() {
            EntryPoint passed = exec("/app", "/docker-entrypoint.sh", "gunicorn", "app:app");
            assertThat(passed.runtime()).isEqualTo(Runtime.GUNICORN);
            assertThat(passed.scripts()).containsExactly("/docker-entrypoint.sh");
            EntryPoint alone = exec("/app", "./start.sh");
            assertThat(alone.runtime()).isEqualTo(Runtime.SCRIPT);
            assertThat(alone.target()).isEqualTo(Target.file("./start.sh", "/app/start.sh"));
            EntryPoint args = exec("/app", "./start.sh", "production");
            assertThat(args.runtime()).isEqualTo(Runtime.SCRIPT);
            assertThat(args.args()).containsExactly("./start.sh", "production");
            EntryPoint postgres = exec("/", "docker-entrypoint.sh", "postgres", "-c", "max_connections=200");
            assertThat(postgres.runtime()).isEqualTo(Runtime.BINARY);
            assertThat(postgres.target()).isEqualTo(Target.file("postgres", null));
            assertThat(postgres.scripts()).containsExactly("/docker-entrypoint.sh");
            EntryPoint viaSh = exec("/app", "sh", "/entrypoint.sh", "python", "app.py");
            assertThat(viaSh.runtime()).isEqualTo(Runtime.PYTHON);
            assertThat(viaSh.scripts()).containsExactly("/entrypoint.sh");
        }

        @Test
        void waitersHandOverAfterDashes() {
            EntryPoint ep = exec("/app", "./wait-for-it.sh", "db:5432", "--timeout=30", "--", "python", "app.py");
            assertThat(ep.runtime()).isEqualTo(Runtime.PYTHON);
            assertThat(ep.scripts()).containsExactly("/app/wait-for-it.sh");
            EntryPoint dockerize = exec("/app", "dockerize", "-wait", "tcp://db:5432", "-timeout", "60s", "npm", "start");
            assertThat(dockerize.runtime()).isEqualTo(Runtime.NPM);
            assertThat(dockerize.wrappers().get(0)).isEqualTo(new Wrapper("dockerize", List.of("-wait", "tcp://db:5432", "-timeout", "60s")));
        }

        @Test
        void shellScriptsSeeCdExportAndPositionalArguments() {
            EntryPoint ep = shell("/", "set -e; cd /srv/app && export PORT=9000 && exec gunicorn -b 0.0.0.0:${PORT:-8000} wsgi:app");
            assertThat(ep.workdir()).isEqualTo("/srv/app");
            assertThat(ep.option("bind")).isEqualTo("0.0.0.0:9000");
            assertThat(ep.targetFiles()).startsWith("/srv/app/wsgi.py");
            EntryPoint positional = EntryPoints.interpret(Invocation.exec("/bin/sh", "-c", "exec \"$@\"", "sh", "uvicorn", "main:app"));
            assertThat(positional.runtime()).isEqualTo(Runtime.UVICORN);
            EntryPoint bashLc = exec("/app", "bash", "-lc", "source venv/bin/activate && python -u main.py 2>&1 | tee /var/log/app.log");
            assertThat(bashLc.runtime()).isEqualTo(Runtime.PYTHON);
            assertThat(bashLc.target().path()).isEqualTo("/app/main.py");
            assertThat(bashLc.otherCommands()).containsExactly(List.of("tee", "/var/log/app.log"));
        }

        @Test
        void aCommandOutputAssignedToAVariableDoesNotHideTheServer() {
            EntryPoint ep = shell("/app", "sh -c \"export SECRET_KEY_BASE=$(mix phx.gen.secret); mix ecto.migrate; mix phx.server\"");
            assertThat(ep.runtime()).isEqualTo(Runtime.MIX_PHX_SERVER);
            assertThat(ep.option("environment")).isNull();
            assertThat(ep.environment()).containsEntry("SECRET_KEY_BASE", "$(mix phx.gen.secret)");
            assertThat(ep.otherCommands()).containsExactly(List.of("mix", "ecto.migrate"));
            EntryPoint prod = shell("/app", "MIX_ENV=\"$(cat /etc/mix_env)\" mix phx.server");
            assertThat(prod.runtime()).isEqualTo(Runtime.MIX_PHX_SERVER);
            assertThat(prod.option("environment")).isEqualTo("$(cat /etc/mix_env)");
            EntryPoint workers = shell("/app", "WORKERS=$(nproc); exec gunicorn -w \"$WORKERS\" app:app");
            assertThat(workers.option("workers")).isEqualTo("$WORKERS");
            assertThat(workers.unresolved()).containsExactly("$WORKERS");
        }

        @Test
        void unreadableScriptsStayWhole() {
            EntryPoint ep = shell("/app", "while true; do flask run; done");
            assertThat(ep.runtime()).isEqualTo(Runtime.SHELL);
            assertThat(ep.shellScript()).startsWith("while");
            assertThat(ep.notes()).anyMatch(n -> n.contains("'while'"));
            assertThat(shell("/app", "$(which gunicorn) app:app").runtime()).isEqualTo(Runtime.SHELL);
            EntryPoint behindExec = shell("/app", "cd /srv && exec $(which gunicorn) app:app");
            assertThat(behindExec.runtime()).isEqualTo(Runtime.SHELL);
            assertThat(behindExec.shellScript()).isEqualTo("cd /srv && exec $(which gunicorn) app:app");
        }

        @Test
        void aSubstitutionInAnArgumentIsKeptAsWritten() {
            EntryPoint ep = shell("/app", "exec gunicorn -w $(nproc) --threads=$(( $(nproc) * 2 )) app:app");
            assertThat(ep.runtime()).isEqualTo(Runtime.GUNICORN);
            assertThat(ep.wrappedBy("exec")).isTrue();
            assertThat(ep.args()).contains("app:app");
            assertThat(ep.unresolved()).contains("$(nproc)");
        }

        @Test
        void aScriptWhoseEndDependsOnAnUnknownConditionHasBranches() {
            EntryPoint ep = shell("/app", "if [ \"$DEBUG\" = 1 ]; then flask run; else exec gunicorn app:app; fi");
            assertThat(ep.runtime()).isEqualTo(Runtime.SHELL);
            assertThat(ep.shellScript()).startsWith("if [");
            assertThat(ep.branches()).extracting(b -> b.entryPoint().runtime()).containsExactly(Runtime.FLASK_RUN, Runtime.GUNICORN);
            assertThat(ep.branches()).extracting(EntryPoint.Branch::development).containsExactly(true, false);
            assertThat(ep.branches().get(1).when()).isEqualTo("`[ \"$DEBUG\" = 1 ]` fails");
            EntryPoint known = EntryPoints.interpret(new Invocation(List.of("/bin/sh", "-c",
                    "if [ \"$DEBUG\" = 1 ]; then flask run; else exec gunicorn app:app; fi"), false, Map.of("DEBUG", "0"), "/app"));
            assertThat(known.runtime()).isEqualTo(Runtime.GUNICORN);
            assertThat(known.branches()).isEmpty();
        }

        @Test
        void controlFlowBeforeAFinalExecIsPassedOver() {
            EntryPoint ep = EntryPoints.interpret(Invocation.exec("/bin/sh", "-c",
                    "set -e\nif [ \"$MIGRATE\" = 1 ]; then python manage.py migrate; fi\nexec gunicorn -w 2 app:app", "sh", "migrate")
                    .withWorkdir("/app"));
            assertThat(ep.runtime()).isEqualTo(Runtime.GUNICORN);
            assertThat(ep.option("workers")).isEqualTo("2");
            assertThat(ep.shellScript()).isNull();
            assertThat(ep.notes()).anyMatch(n -> n.contains("'if'") && n.contains("final exec"));
        }

        @Test
        void backgroundProcessesAndKeepAlives() {
            EntryPoint both = shell("/app", "nginx && gunicorn app:app --bind unix:/tmp/app.sock");
            assertThat(both.runtime()).isEqualTo(Runtime.GUNICORN);
            assertThat(both.otherCommands()).containsExactly(List.of("nginx"));
            EntryPoint bg = shell("/app", "gunicorn app:app & nginx -g 'daemon off;'");
            assertThat(bg.runtime()).isEqualTo(Runtime.NGINX);
            EntryPoint waits = shell("/app", "celery -A proj worker & gunicorn proj.wsgi & wait");
            assertThat(waits.runtime()).isEqualTo(Runtime.GUNICORN);
            EntryPoint keepAlive = shell("/", "service nginx start && tail -f /dev/null");
            assertThat(keepAlive.runtime()).isEqualTo(Runtime.BINARY);
            assertThat(keepAlive.args()).containsExactly("service", "nginx", "start");
        }

        @Test
        void emptyAndBareShells() {
            assertThat(EntryPoints.interpret(Invocation.exec()).runtime()).isEqualTo(Runtime.NONE);
            assertThat(exec("/", "bash").runtime()).isEqualTo(Runtime.SHELL);
            assertThat(exec("/", "/bin/sh", "-c").runtime()).isEqualTo(Runtime.SHELL);
        }
    }

    @Nested
    class BuildOutputsRead {
        @Test
        void nextStandaloneServerUnderItsOutputFolder() {
            EntryPoint ep = EntryPoints.interpret(new Invocation(List.of("node", ".next/standalone/server.js"), false,
                    Map.of("PORT", "8080"), "/app"));
            assertThat(ep.runtime()).isEqualTo(Runtime.NEXT_STANDALONE);
            assertThat(ep.option("port")).isEqualTo("8080");
        }

        @Test
        void astroServerEntryUnderItsOutputFolder() {
            EntryPoint ep = EntryPoints.interpret(new Invocation(List.of("node", "./dist/server/entry.mjs"), false,
                    Map.of("HOST", "0.0.0.0"), "/app"));
            assertThat(ep.runtime()).isEqualTo(Runtime.ASTRO_STANDALONE);
            assertThat(ep.option("host")).isEqualTo("0.0.0.0");
            assertThat(exec("/app", "node", "server/entry.mjs").runtime()).isEqualTo(Runtime.NODE);
        }

        @Test
        void serverJsIsNextsOnlyWhenTheImageCopiedTheStandaloneOutput() {
            EntryPoint ep = exec("/app", "node", "server.js");
            assertThat(ep.runtime()).isEqualTo(Runtime.NODE);
            assertThat(BuildOutputs.read(ep, List.of("/src/dist")).runtime()).isEqualTo(Runtime.NODE);
            assertThat(BuildOutputs.read(ep, List.of("/src/.next/standalone")).runtime()).isEqualTo(Runtime.NEXT_STANDALONE);
        }

        @Test
        void releaseStartServesWhenPhxServerIsSet() {
            EntryPoint ep = EntryPoints.interpret(new Invocation(List.of("/app/bin/shop", "start"), false,
                    Map.of("PHX_SERVER", "true", "PORT", "4100"), "/app"));
            assertThat(ep.runtime()).isEqualTo(Runtime.ELIXIR_RELEASE);
            assertThat(ep.flag("server")).isTrue();
            assertThat(ep.option("port")).isEqualTo("4100");
            assertThat(exec("/app", "bin/shop", "start").flag("server")).isFalse();
            assertThat(exec("/app", "bin/shop", "eval", "Shop.Release.migrate()").runtime()).isEqualTo(Runtime.BINARY);
        }

        @Test
        void binServerIsAReleaseOnlyWhenTheImageCopiedOne() {
            EntryPoint ep = exec("/app", "/app/bin/server");
            assertThat(ep.runtime()).isEqualTo(Runtime.BINARY);
            assertThat(BuildOutputs.read(ep, List.of("target/release/server")).runtime()).isEqualTo(Runtime.BINARY);
            EntryPoint release = BuildOutputs.read(ep, List.of("/src/_build/prod/rel/shop"));
            assertThat(release.runtime()).isEqualTo(Runtime.ELIXIR_RELEASE);
            assertThat(release.flag("server")).isTrue();
        }
    }

    @Nested
    class ProgramsAndValuesFromVariables {
        @Test
        void aPortOptionFromAnUnsetVariableIsUnknownNotAbsent() {
            EntryPoint ep = shell("/app", "exec uvicorn main:app --host 0.0.0.0 --port $PORT");
            assertThat(ep.runtime()).isEqualTo(Runtime.UVICORN);
            assertThat(ep.options()).containsEntry("port", "$PORT");
            assertThat(ep.unresolved()).contains("$PORT");
        }

        @Test
        void anAddressWithAnUnsetPortKeepsTheVariable() {
            EntryPoint ep = shell("/app", "gunicorn -b 0.0.0.0:$PORT app:app");
            assertThat(ep.options()).containsEntry("bind", "0.0.0.0:$PORT");
            assertThat(ep.target().value()).isEqualTo("app:app");
        }

        @Test
        void anUnsetVariableAmongPositionalsStillVanishes() {
            EntryPoint ep = shell("/app", "exec gunicorn $GUNICORN_OPTS app:app");
            assertThat(ep.runtime()).isEqualTo(Runtime.GUNICORN);
            assertThat(ep.target().value()).isEqualTo("app:app");
        }

        @Test
        void theInterpreterSetByEnv() {
            EntryPoint ep = shell("/app", "exec $PYTHON -m gunicorn app:app", "PYTHON", "/opt/venv/bin/python");
            assertThat(ep.runtime()).isEqualTo(Runtime.GUNICORN);
            assertThat(ep.wrappedBy("python -m")).isTrue();
        }

        @Test
        void aQuotedVenvPathNamesTheProgramBesidesAnUnsetFolder() {
            EntryPoint ep = shell("/app", "exec \"$VENV/bin/python\" -m uvicorn main:app --port 8080");
            assertThat(ep.runtime()).isEqualTo(Runtime.UVICORN);
            assertThat(ep.options()).containsEntry("port", "8080");
        }

        @Test
        void aProgramUnderAFolderSetByEnv() {
            EntryPoint ep = shell("/", "${APP_HOME}/.venv/bin/gunicorn -b :9000 app:app", "APP_HOME", "/srv/app");
            assertThat(ep.runtime()).isEqualTo(Runtime.GUNICORN);
            assertThat(ep.options()).containsEntry("bind", ":9000");
        }

        @Test
        void versionedAndVenvInterpreters() {
            assertThat(exec("/app", "python3.12", "-m", "uvicorn", "main:app").runtime()).isEqualTo(Runtime.UVICORN);
            assertThat(exec("/app", "/opt/venv/bin/python", "-m", "gunicorn", "app:app").runtime())
                    .isEqualTo(Runtime.GUNICORN);
        }

        @Test
        void envSplitStringAttachedToItsOption() {
            EntryPoint ep = exec("/app", "/usr/bin/env", "-Sgunicorn -b 0.0.0.0:8000", "app:app");
            assertThat(ep.runtime()).isEqualTo(Runtime.GUNICORN);
            assertThat(ep.options()).containsEntry("bind", "0.0.0.0:8000");
            assertThat(exec("/app", "env", "--split-string=uvicorn --port 9000", "main:app").options())
                    .containsEntry("port", "9000");
        }

        @Test
        void cdThenARelativeScript() {
            EntryPoint ep = shell("/", "cd /srv && ./run.sh");
            assertThat(ep.runtime()).isEqualTo(Runtime.SCRIPT);
            assertThat(ep.target()).isEqualTo(Target.file("./run.sh", "/srv/run.sh"));
        }

        @Test
        void cdThenManagePy() {
            EntryPoint ep = shell("/", "cd /app && python manage.py runserver 0.0.0.0:8000");
            assertThat(ep.workdir()).isEqualTo("/app");
            assertThat(ep.targetFiles()).contains("/app/manage.py");
        }
    }
}
