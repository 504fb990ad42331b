package dev.drydock.core.rules.app;

import dev.drydock.core.app.AppSource;
import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.project.Container;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ExampleFile;
import dev.drydock.core.review.Location;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.Apps;
import dev.drydock.core.rules.support.DjangoContainers;
import dev.drydock.core.source.SourceFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

@RuleDefinition(
        id = "django-debug-in-production",
        title = "Django's settings turn DEBUG on in the image",
        severity = Severity.HIGH,
        category = Category.SECURITY,
        checks = "The settings module the image's Django project loads (DJANGO_SETTINGS_MODULE from the container's"
                + " environment or the command's --settings, else the default manage.py or wsgi.py sets), followed"
                + " through its star imports in order: fires where it writes `DEBUG = True` at its top level and"
                + " nothing after it (a later write, a star-imported project module that writes DEBUG) changes it;"
                + " also where it reads DEBUG from an environment variable with a default that turns it on"
                + " (`os.environ.get(\"DJANGO_DEBUG\", True)`, `os.getenv(\"DEBUG\", \"1\") == \"1\"`,"
                + " `env.bool(\"DEBUG\", default=True)`, `config(\"DEBUG\", default=True, cast=bool)`) and nothing in"
                + " the container's environment (the image's ENV, the compose environment, its readable env files; an"
                + " env file drydock cannot read may set it) sets that variable."
                + " Quiet when DEBUG comes from the environment with off as the default or is set inside a branch,"
                + " for images only"
                + " development compose files or dev containers run, and for development stages. An image whose"
                + " services mount the build context over its working directory counts as one for development only"
                + " when no such service is deployed-like (restart: always or unless-stopped, with a reverse proxy"
                + " service or a host port 80 or 443 in its file): a source mount left in a deployed stack does not"
                + " make it a developer's.",
        problem = "DEBUG is Django's development switch: with it on, an unhandled exception answers with Django's"
                + " technical error page, and Django keeps a record of every SQL query each connection runs.",
        impact = "Whoever triggers an error sees the stack trace, local variables, the request and most of the"
                + " settings (Django hides only names that look secret), which maps the application for an attacker;"
                + " the query log grows with every request a worker serves. Django's deployment checklist says never"
                + " to deploy with DEBUG on.",
        recommendation = "Read DEBUG from the environment with off as the default (`DEBUG = os.environ.get("
                + "\"DJANGO_DEBUG\") == \"1\"`) and turn it on only in development; with DEBUG off, list the host"
                + " names the site answers in ALLOWED_HOSTS.",
        references = {"https://docs.djangoproject.com/en/stable/ref/settings/#debug",
                "https://docs.djangoproject.com/en/stable/howto/deployment/checklist/#debug",
                "https://docs.djangoproject.com/en/stable/ref/settings/#allowed-hosts"},
        effort = "15 min",
        examples = @RuleExample(file = "shop/settings.py",
                bad = """
                        import os

                        SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
                        DEBUG = True
                        ALLOWED_HOSTS = ["shop.example.com"]
                        ROOT_URLCONF = "shop.urls"
                        """,
                good = """
                        import os

                        SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
                        DEBUG = os.environ.get("DJANGO_DEBUG") == "1"
                        ALLOWED_HOSTS = ["shop.example.com"]
                        ROOT_URLCONF = "shop.urls"
                        """,
                alongside = {
                        @ExampleFile(name = "Dockerfile", content = """
                                FROM python:3.12.7-slim
                                WORKDIR /srv
                                COPY requirements.txt .
                                RUN pip install --no-cache-dir -r requirements.txt
                                COPY . .
                                USER 10001
                                CMD ["gunicorn", "--bind", "0.0.0.0:8000", "shop.wsgi:application"]
                                """),
                        @ExampleFile(name = "requirements.txt", content = """
                                django==5.1.3
                                gunicorn==23.0.0
                                """),
                        @ExampleFile(name = "manage.py", content = """
                                import os
                                import sys

                                if __name__ == "__main__":
                                    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings")
                                    from django.core.management import execute_from_command_line
                                    execute_from_command_line(sys.argv)
                                """),
                        @ExampleFile(name = "shop/__init__.py", content = ""),
                        @ExampleFile(name = "shop/wsgi.py", content = """
                                import os
                                from django.core.wsgi import get_wsgi_application

                                os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings")
                                application = get_wsgi_application()
                                """),
                        @ExampleFile(name = "shop/urls.py", content = """
                                from django.urls import path
                                from shop import views

                                urlpatterns = [path("", views.home)]
                                """)}))
public final class DjangoDebugInProduction implements Rule {

    @Override
    public void check(ReviewContext context) {
        Map<AppSource.SettingLine, List<String>> runners = new LinkedHashMap<>();
        Map<AppSource.SettingLine, String> variables = new LinkedHashMap<>();
        Map<AppSource.SettingLine, String> modules = new LinkedHashMap<>();
        for (Container c : DjangoContainers.deployed(context)) {
            AppSource app = Apps.of(context, c);
            app.djangoDebugOn().ifPresent(on -> {
                runners.computeIfAbsent(on, k -> new ArrayList<>()).add(c.name());
                app.djangoSettingsModule().ifPresent(m -> modules.putIfAbsent(on, m));
            });
            app.djangoDebugDefault().filter(d -> !DjangoContainers.environmentMaySet(context, c, d.variable()))
                    .ifPresent(d -> {
                        runners.computeIfAbsent(d.at(), k -> new ArrayList<>()).add(c.name());
                        variables.put(d.at(), d.variable());
                    });
        }
        runners.forEach((on, containers) -> report(context, on, variables.get(on), containers,
                allowedHosts(context, containers), productionSettings(context, on, modules.get(on))));
    }

    /** Last parts of a settings module's name that say it is meant for development. */
    private static final Set<String> DEVELOPMENT_MODULES = Set.of("dev", "develop", "development", "local");
    /** Names of the settings module meant for deployment beside it, in the order they are looked for. */
    private static final List<String> PRODUCTION_MODULES = List.of("production", "prod");

    /**
     * The production settings module beside the development one the container runs with (mysite.settings.production
     * beside mysite.settings.dev, as Wagtail's and cookiecutter-django's layouts have), or null.
     */
    private static String productionSettings(ReviewContext context, AppSource.SettingLine on, String module) {
        int dot = module == null ? -1 : module.lastIndexOf('.');
        if (dot < 0 || !DEVELOPMENT_MODULES.contains(module.substring(dot + 1))) {
            return null;
        }
        String folder = PathNames.parent(on.file());
        for (String name : PRODUCTION_MODULES) {
            if (context.project().files().exists(PathNames.join(folder, name + ".py"))) {
                return module.substring(0, dot + 1) + name;
            }
        }
        return null;
    }

    private static List<String> allowedHosts(ReviewContext context, List<String> containers) {
        return context.builtContainers().stream().filter(c -> c.name().equals(containers.get(0))).findFirst()
                .flatMap(c -> Apps.of(context, c).allowedHosts()).orElse(null);
    }

    private void report(ReviewContext context, AppSource.SettingLine on, String variable, List<String> containers,
            List<String> allowedHosts, String production) {
        SourceFile source = context.project().source(on.file()).orElse(null);
        if (source == null) {
            return;
        }
        int start = source.lineStart(on.line()) + on.column() - 1;
        String written = source.line(on.line()).strip();
        String who = containers.size() == 1 ? containers.get(0) : String.join(", ", containers);
        String hosts = allowedHosts == null || !allowedHosts.isEmpty() ? ""
                : "; ALLOWED_HOSTS is empty, which Django accepts only while DEBUG is on: with DEBUG off it answers"
                        + " 400 Bad Request to every host that is not listed, so list the site's host names there too";
        String says = variable == null ? " is the last word on DEBUG for " + who
                : " turns DEBUG on when `" + variable + "` is unset, and nothing in the environment of " + who
                        + " (the image's ENV, the compose environment, its env files) sets it";
        String recommendation = variable == null && production != null
                ? "Run the image with the production settings the project has: set DJANGO_SETTINGS_MODULE="
                        + production + " (ENV in the Dockerfile's final stage, or the compose environment), and keep "
                        + on.file() + " for development"
                : variable == null
                ? "Write `DEBUG = os.environ.get(\"DJANGO_DEBUG\") == \"1\"` at line " + on.line() + " of " + on.file()
                        + " (with `import os` at the top), set DJANGO_DEBUG=1 only in the development environment"
                : "Make off the default at line " + on.line() + " of " + on.file() + " (`DEBUG = os.environ.get(\""
                        + variable + "\") == \"1\"`, or `default=False`), so that a deployment that forgets `"
                        + variable + "` runs without debug, and set " + variable + "=1 only in the development"
                        + " environment";
        context.finding(this, new Location(on.file(), source.span(start, source.lineEnd(on.line()))), "`" + written
                        + "` in " + on.file() + says + ": the image runs Django in"
                        + " debug mode, so an error shows visitors the stack trace and settings, and every SQL query"
                        + " is kept in memory" + hosts)
                .recommendation(recommendation + ", and run `python manage.py check --deploy` against the"
                        + " production settings.")
                .add();
    }
}
