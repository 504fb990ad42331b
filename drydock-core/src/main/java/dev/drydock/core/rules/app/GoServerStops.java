package dev.drydock.core.rules.app;

import dev.drydock.core.app.GoServe;

/** How a Go server drains on SIGTERM, for each server a Go program starts. */
final class GoServerStops {

    private GoServerStops() {}

    /**
     * The change to make: take SIGTERM over with {@code signal.NotifyContext}, serve in a goroutine, and stop the server
     * its own graceful way within {@code seconds}.
     */
    static String recommendation(GoServe serve, long seconds) {
        String notify = "ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, os.Interrupt); defer"
                + " stop()";
        String timeout = seconds + "*time.Second";
        String within = ", a few seconds under the stop grace period";
        String owner = serve.call().substring(0, serve.call().indexOf('.'));
        return switch (serve.kind()) {
            case NET_HTTP -> "Shut the server down on SIGTERM: " + notify + "; srv := &http.Server{Addr: addr, Handler:"
                    + " mux}; start srv.ListenAndServe() in a goroutine (it returns http.ErrServerClosed once stopped,"
                    + " which is no error); then <-ctx.Done() and srv.Shutdown(ctx2) with ctx2 from"
                    + " context.WithTimeout(context.Background(), " + timeout + ")" + within + ": Shutdown stops"
                    + " accepting and waits for the requests in flight.";
            case GIN -> "Gin's Run has no way to stop: serve the engine from an http.Server and shut that down on"
                    + " SIGTERM: " + notify + "; srv := &http.Server{Addr: addr, Handler: r}; go srv.ListenAndServe();"
                    + " <-ctx.Done(); then srv.Shutdown(ctx2) with ctx2 from context.WithTimeout(context.Background(), "
                    + timeout + ")" + within + ", which waits for the requests in flight.";
            case ECHO -> "Shut Echo down on SIGTERM: " + notify + "; start " + serve.call().replace("(...)", "(addr)")
                    + " in a goroutine (it returns http.ErrServerClosed once stopped); then <-ctx.Done() and"
                    + " " + owner + ".Shutdown(ctx2) with ctx2 from context.WithTimeout(context.Background(), " + timeout + ")"
                    + within + ", which waits for the requests in flight.";
            case FIBER -> "Shut Fiber down on SIGTERM: " + notify + "; start " + serve.call().replace("(...)", "(addr)")
                    + " in a goroutine; then <-ctx.Done() and app.ShutdownWithTimeout(" + timeout + ")" + within
                    + ", which waits for the requests in flight.";
            case GRPC -> "Stop the gRPC server gracefully on SIGTERM: " + notify + "; start " + serve.call()
                    .replace("(...)", "(lis)") + " in a goroutine; then <-ctx.Done() and " + owner + ".GracefulStop(), which"
                    + " refuses new calls and waits for those in flight (" + owner + ".Stop() if they outlast " + seconds + " s"
                    + within + ").";
        };
    }
}
