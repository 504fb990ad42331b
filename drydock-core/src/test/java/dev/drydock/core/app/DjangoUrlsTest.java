package dev.drydock.core.app;

import static dev.drydock.core.app.AppTesting.files;
import static dev.drydock.core.app.AppTesting.read;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DjangoUrlsTest {

    private static final SourceSet PROJECT = files(
            "manage.py", "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'site_cfg.settings')\n",
            "site_cfg/__init__.py", "",
            "site_cfg/settings/__init__.py", "from .base import *\n",
            "site_cfg/settings/base.py", "ROOT_URLCONF = 'site_cfg.urls'\n",
            "site_cfg/wsgi.py", "from django.core.wsgi import get_wsgi_application\napplication = get_wsgi_application()\n",
            "site_cfg/urls.py", """
                    from django.contrib import admin
                    from django.urls import include, path, re_path
                    from core import views

                    urlpatterns = [
                        path("admin/", admin.site.urls),
                        path("api/", include("core.urls")),
                        re_path(r"^status/(?P<part>db|cache)/$", views.status),
                        path("health/", views.health, name="health"),
                    ]
                    """,
            "core/__init__.py", "",
            "core/urls.py", """
                    from django.urls import path
                    from . import views

                    urlpatterns = [
                        path("items/<int:pk>/", views.ItemView.as_view()),
                    ]
                    """,
            "core/views.py", """
                    from django.db import connection
                    from django.http import HttpResponse


                    def health(request):
                        return HttpResponse("ok")


                    def status(request, part):
                        connection.ensure_connection()
                        return HttpResponse("ok")
                    """);

    @Test
    void rootUrlconfThroughSettingsPackageAndIncludes() {
        AppSource app = read(PROJECT, "manage.py", "python", "manage.py", "runserver");
        assertThat(app.frameworks()).contains(Framework.DJANGO);
        assertThat(app.app()).hasValueSatisfying(a -> {
            assertThat(a.file()).isEqualTo("site_cfg/wsgi.py");
            assertThat(a.attribute()).isEqualTo("application");
        });
        Routes routes = app.routes();
        assertThat(routes.match("/health/")).hasValueSatisfying(r -> {
            assertThat(r.display()).isEqualTo("/health/");
            assertThat(r.line()).isEqualTo(9);
            assertThat(r.handler().answersConstant()).isTrue();
        });
        assertThat(routes.match("/health")).as("APPEND_SLASH redirects").isPresent();
        assertThat(routes.match("/api/items/12/")).isPresent();
        assertThat(routes.match("/api/items/x/")).isEmpty();
        assertThat(routes.match("/status/db/")).hasValueSatisfying(r -> assertThat(r.handler().checksDependencies()).isTrue());
        assertThat(routes.determines("/admin/login/")).isFalse();
        assertThat(routes.determines("/nope/")).isTrue();
        assertThat(routes.match("/nope/")).isEmpty();
    }

    @Test
    void pathConvertersBecomeRegularExpressions() {
        assertThat(DjangoUrls.pathRegex("items/<int:pk>/<slug>/")).isEqualTo("items/[0-9]+/[^/]+/");
        assertThat(DjangoUrls.pathRegex("a.b/")).isEqualTo("a\\.b/");
    }
}
