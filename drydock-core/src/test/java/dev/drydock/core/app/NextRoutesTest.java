package dev.drydock.core.app;

import static dev.drydock.core.app.AppTesting.files;
import static dev.drydock.core.app.AppTesting.read;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NextRoutesTest {

    @Test
    void appRouterHandlersAndPagesAtTheirFolderWithoutGroupsOrSlots() {
        AppSource app = read(files(
                "app/api/health/route.ts", "export function GET() { return Response.json({ ok: true }) }",
                "app/(marketing)/about/page.tsx", "export default function About() {}",
                "app/@modal/login/page.tsx", "export default function Login() {}",
                "app/_components/status/page.tsx", "export default function Status() {}",
                "app/page.tsx", "export default function Home() {}",
                "app/blog/[slug]/page.tsx", "export default function Post() {}"),
                null, "node_modules/.bin/next", "start");
        assertThat(app.frameworks()).containsExactly(Framework.NEXTJS);
        assertThat(app.routes().match("/api/health")).hasValueSatisfying(r -> assertThat(r.file())
                .isEqualTo("app/api/health/route.ts"));
        assertThat(app.routes().match("/about")).isPresent();
        assertThat(app.routes().match("/login")).isPresent();
        assertThat(app.routes().match("/")).isPresent();
        assertThat(app.routes().match("/blog/first")).isPresent();
        assertThat(app.routes().match("/status")).isEmpty(); // a private folder is not routed
        assertThat(app.routes().determines("/healthz")).isTrue();
        assertThat(app.routes().determines("/_next/static/chunk.js")).isFalse();
        assertThat(app.routes().determines("/favicon.ico")).isFalse(); // public/ is not listed
    }

    @Test
    void pagesRouterUnderSrcWithBasePath() {
        AppSource app = read(files(
                "next.config.mjs", "const nextConfig = { output: 'standalone', basePath: '/shop' };\nexport default nextConfig;\n",
                "src/pages/api/health.ts", "export default function handler(req, res) { res.status(200).end() }",
                "src/pages/index.tsx", "export default function Home() {}",
                "src/pages/_app.tsx", "export default function App() {}"),
                null, "node", ".next/standalone/server.js");
        assertThat(app.routes().match("/shop/api/health")).isPresent();
        assertThat(app.routes().match("/shop")).isPresent();
        assertThat(app.routes().match("/shop/_app")).isEmpty();
        assertThat(app.routes().determines("/api/health")).isTrue(); // outside the base path: never served
        assertThat(app.routes().match("/api/health")).isEmpty();
    }

    @Test
    void middlewareRewritesAndComputedBasePathLeaveRoutesOpen() {
        String page = "export default function Home() {}";
        assertThat(read(files("app/page.tsx", page, "middleware.ts", "export function middleware() {}"), null,
                "node", ".next/standalone/server.js").routes().determines("/health")).isFalse();
        assertThat(read(files("app/page.tsx", page, "src/proxy.ts", "export function proxy() {}"), null,
                "node", ".next/standalone/server.js").routes().determines("/health")).isFalse();
        assertThat(read(files("app/page.tsx", page, "next.config.js",
                "module.exports = { async rewrites() { return [] } }"), null, "node", ".next/standalone/server.js").routes().known())
                .isFalse();
        assertThat(read(files("app/page.tsx", page, "next.config.js",
                "module.exports = { basePath: process.env.BASE_PATH }"), null, "node", ".next/standalone/server.js").routes().known())
                .isFalse();
        assertThat(read(files("app/page.tsx", page, "next.config.mjs",
                "export default withSentryConfig(nextConfig, {})"), null, "node", ".next/standalone/server.js").routes().known())
                .isFalse();
    }

    @Test
    void withoutRouteFilesTheApplicationIsNotClaimed() {
        assertThat(read(files("next.config.js", "module.exports = {}"), null, "node", ".next/standalone/server.js").routes().known())
                .isFalse();
    }
}
