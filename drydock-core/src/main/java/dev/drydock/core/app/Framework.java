package dev.drydock.core.app;

/** A web framework whose application drydock reads. */
public enum Framework {
    FLASK("Flask", true),
    QUART("Quart", true),
    FASTAPI("FastAPI", true),
    STARLETTE("Starlette", true),
    DJANGO("Django", true),
    EXPRESS("Express", false),
    FASTIFY("Fastify", false),
    NESTJS("NestJS", false),
    KOA("Koa", false),
    HONO("Hono", false),
    SVELTEKIT("SvelteKit", false),
    NUXT("Nuxt", false),
    NITRO("Nitro", false),
    NEXTJS("Next.js", false),
    REMIX("Remix", false),
    REACT_ROUTER("React Router", false),
    SPRING_BOOT("Spring Boot", false),
    RAILS("Rails", false),
    SINATRA("Sinatra", false),
    LARAVEL("Laravel", false),
    QUARKUS("Quarkus", false),
    MICRONAUT("Micronaut", false),
    KTOR("Ktor", false),
    ASPNET_CORE("ASP.NET Core", false),
    GO_NET_HTTP("Go net/http", false),
    GIN("Gin", false),
    ECHO("Echo", false),
    FIBER("Fiber", false),
    CHI("chi", false),
    GORILLA_MUX("gorilla/mux", false),
    AXUM("axum", false),
    ACTIX_WEB("actix-web", false),
    ROCKET("Rocket", false),
    PHOENIX("Phoenix", false);

    private final String display;
    private final boolean python;

    Framework(String display, boolean python) {
        this.display = display;
        this.python = python;
    }

    /** The name as its documentation writes it. */
    public String display() {
        return display;
    }

    public boolean python() {
        return python;
    }

    /** Whether the framework serves through a separate WSGI server (Flask, Django) rather than an ASGI one. */
    public boolean wsgi() {
        return this == FLASK || this == DJANGO;
    }
}
