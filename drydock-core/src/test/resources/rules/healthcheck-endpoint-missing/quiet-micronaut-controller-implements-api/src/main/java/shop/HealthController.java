package shop;

import io.micronaut.http.annotation.Controller;

@Controller
public class HealthController implements HealthApi {
    @Override
    public String healthz() {
        return "ok";
    }
}
