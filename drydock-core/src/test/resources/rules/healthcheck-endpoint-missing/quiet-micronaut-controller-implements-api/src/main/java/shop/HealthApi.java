package shop;

import io.micronaut.http.annotation.Get;

public interface HealthApi {
    @Get("/healthz")
    String healthz();
}
