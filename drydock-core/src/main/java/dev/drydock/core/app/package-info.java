/**
 * A light reader of application sources: what the code a container runs says about its server,
 * its routes and its signal handling. Line-, token- and regex-based, positioned (every route and
 * server start has its file and line), bounded (at most a few hundred modules, followed from the
 * entry files through the project's own imports) and never throwing: unreadable input gives less
 * knowledge, not an error.
 *
 * <ul>
 *   <li>{@link dev.drydock.core.app.AppSource#read} is the entry: the application object
 *       ({@link dev.drydock.core.app.AppObject}, e.g. {@code app} in {@code app.py}), its
 *       {@link dev.drydock.core.app.Framework}, its {@link dev.drydock.core.app.Routes}, the
 *       servers its code starts ({@link dev.drydock.core.app.ServerCall}: Flask's
 *       {@code app.run(...)}, {@code uvicorn.run(...)}, Express's {@code app.listen(port)}) and
 *       whether it handles SIGTERM.
 *   <li>Python: Flask and Quart ({@code Flask(...)}, {@code @app.route}, {@code @app.get},
 *       blueprints with {@code url_prefix}, {@code add_url_rule}, Flask-RESTful resources,
 *       factories such as {@code create_app()}), FastAPI and Starlette ({@code APIRouter} and
 *       {@code include_router} prefixes, {@code Route} lists, {@code mount}), Django
 *       ({@code ROOT_URLCONF} from the settings module, {@code path}/{@code re_path}/{@code url}
 *       with {@code include}).
 *   <li>JavaScript/TypeScript: Express and Fastify applications and routers, {@code use} and
 *       {@code register} prefixes (Fastify plugin functions followed), Koa with @koa/router, Hono
 *       ({@code route}, {@code basePath}), {@code require}/{@code import} of relative modules; NestJS
 *       controllers with the global prefix and URI versioning.
 *   <li>Spring Boot: the actuator's health paths from the build file's dependencies,
 *       {@code application.properties}/{@code .yml} and the environment; the application's own
 *       controllers are not read, so only paths under the actuator's base path are claimed.
 *   <li>{@link dev.drydock.core.app.Handler} tells what a route's handler does: answers a constant
 *       (liveness only), checks a dependency (a query, a ping, a readiness flag), or unknown.
 * </ul>
 *
 * <p>Decisions: whatever cannot be followed (a blueprint imported from a package, a router mounted
 * from a variable, a path built with an f-string or a template literal) makes its prefix
 * <em>opaque</em>: {@link dev.drydock.core.app.Routes#determines} then refuses to say whether a
 * path under it is served, so rules stay quiet instead of guessing. Flask's {@code register_blueprint}
 * prefix replaces the blueprint's own, FastAPI's {@code include_router} prefix is joined to the
 * router's, as the frameworks do. A trailing '/' is forgiven either way when matching (Flask and
 * Django redirect; a probe such as curl -f does not fail on a redirect).
 */
package dev.drydock.core.app;
