package shop;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

@Controller("/api")
public class StatusController {

    // a comment with @Get("/commented") is no route
    @Get(value = "/status", produces = "text/plain")
    public String status() {
        return "up";
    }

    @Get(uris = {"/orders", "/orders/{id}"})
    public String orders() {
        return "[]";
    }
}
