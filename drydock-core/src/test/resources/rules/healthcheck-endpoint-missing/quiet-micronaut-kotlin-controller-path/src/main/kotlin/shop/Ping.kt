package shop

import io.micronaut.http.annotation.Controller
import io.micronaut.http.annotation.Get

@Controller("/internal")
class Ping {
    @Get("/ping")
    fun ping() = "pong"
}
