package dev.drydock.core.app;

/**
 * Where a Go program's own code starts serving: the call that blocks in the server's loop.
 *
 * @param kind the server
 * @param call the call as written ({@code http.ListenAndServe(":"+port, ...)})
 * @param file where it is
 * @param line its line
 */
public record GoServe(Kind kind, String call, String file, int line) {

    /** The servers a Go program starts, each with its own way to stop gracefully. */
    public enum Kind {
        NET_HTTP("net/http's server"),
        GIN("Gin's Run"),
        ECHO("Echo's server"),
        FIBER("Fiber's server"),
        GRPC("grpc-go's server");

        private final String display;

        Kind(String display) {
            this.display = display;
        }

        public String display() {
            return display;
        }
    }
}
