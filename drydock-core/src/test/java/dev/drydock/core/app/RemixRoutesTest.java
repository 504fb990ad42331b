package dev.drydock.core.app;

import static dev.drydock.core.app.AppTesting.files;
import static dev.drydock.core.app.AppTesting.read;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RemixRoutesTest {

    private static final String REMIX_PACKAGE = """
            {"scripts": {"start": "remix-serve ./build/server/index.js"},
             "dependencies": {"@remix-run/node": "^2.15.0", "@remix-run/serve": "^2.15.0"}}
            """;
    private static final String REACT_ROUTER_PACKAGE = """
            {"scripts": {"start": "react-router-serve ./build/server/index.js"},
             "dependencies": {"@react-router/node": "^7.1.0", "@react-router/serve": "^7.1.0"}}
            """;
    private static final String MODULE = "export default function Route() {}";

    @Test
    void flatRouteNamesMakeThePath() {
        AppSource app = read(files("package.json", REMIX_PACKAGE,
                "app/root.tsx", MODULE,
                "app/routes/_index.tsx", MODULE,
                "app/routes/healthz.tsx", "export const loader = () => new Response('ok')",
                "app/routes/api.health.ts", "export const loader = () => Response.json({})",
                "app/routes/_auth.login.tsx", MODULE,
                "app/routes/notes.$id_.edit.tsx", MODULE,
                "app/routes/sitemap[.]xml.ts", MODULE,
                "app/routes/admin.status/route.tsx", MODULE,
                "app/routes/admin.status/chart.tsx", MODULE),
                null, "npm", "start");
        assertThat(app.frameworks()).containsExactly(Framework.REMIX);
        assertThat(app.routes().match("/healthz")).isPresent();
        assertThat(app.routes().match("/api/health")).hasValueSatisfying(r -> assertThat(r.file())
                .isEqualTo("app/routes/api.health.ts"));
        assertThat(app.routes().match("/login")).isPresent();
        assertThat(app.routes().match("/notes/7/edit")).isPresent();
        assertThat(app.routes().match("/sitemap.xml")).isPresent();
        assertThat(app.routes().match("/admin/status")).isPresent();
        assertThat(app.routes().match("/admin/status/chart")).isEmpty();
        assertThat(app.routes().match("/")).isPresent();
        assertThat(app.routes().determines("/health")).isTrue();
    }

    @Test
    void aSplatLeavesItsPrefixOpen() {
        Routes routes = read(files("package.json", REMIX_PACKAGE, "app/root.tsx", MODULE, "app/routes/docs.$.tsx", MODULE), null,
                "npm", "start").routes();
        assertThat(routes.determines("/docs/health")).isFalse();
        assertThat(routes.determines("/health")).isTrue();
    }

    @Test
    void reactRouterReadsOnlyAPlainFlatRoutesConfig() {
        String flat = """
                import { type RouteConfig } from "@react-router/dev/routes";
                import { flatRoutes } from "@react-router/fs-routes";

                export default flatRoutes() satisfies RouteConfig;
                """;
        AppSource app = read(files("package.json", REACT_ROUTER_PACKAGE, "app/routes.ts", flat,
                "app/root.tsx", MODULE, "app/routes/healthz.ts", MODULE), null, "react-router-serve", "./build/server/index.js");
        assertThat(app.frameworks()).containsExactly(Framework.REACT_ROUTER);
        assertThat(app.routes().match("/healthz")).isPresent();
        assertThat(app.routes().determines("/health")).isTrue();

        String configured = """
                import { type RouteConfig, index, route } from "@react-router/dev/routes";
                export default [index("routes/home.tsx"), route("health", "routes/health.ts")] satisfies RouteConfig;
                """;
        assertThat(read(files("package.json", REACT_ROUTER_PACKAGE, "app/routes.ts", configured,
                "app/root.tsx", MODULE, "app/routes/home.tsx", MODULE), null, "npm", "start").routes().known()).isFalse();
    }

    @Test
    void withoutItsRootRouteTheApplicationIsNotClaimed() {
        assertThat(read(files("package.json", REMIX_PACKAGE, "app/routes/health.tsx", MODULE), null, "npm", "start")
                .routes().known()).isFalse();
    }

    @Test
    void remixOneAndConfiguredRoutesAreNotClaimed() {
        String one = "{\"dependencies\": {\"@remix-run/serve\": \"^1.19.0\"}, \"scripts\": {\"start\": \"remix-serve build\"}}";
        assertThat(read(files("package.json", one, "app/root.tsx", MODULE, "app/routes/health.tsx", MODULE), null, "npm", "start")
                .routes().known()).isFalse();
        assertThat(read(files("package.json", REMIX_PACKAGE, "app/root.tsx", MODULE, "app/routes/health.tsx", MODULE, "vite.config.ts",
                "export default defineConfig({ plugins: [remix({ routes(defineRoutes) { return {} } })] })"), null,
                "npm", "start").routes().known()).isFalse();
    }
}
