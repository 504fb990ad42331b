package org.example

import jakarta.ws.rs.ApplicationPath
import jakarta.ws.rs.GET
import jakarta.ws.rs.Path
import jakarta.ws.rs.core.Application

@ApplicationPath("/v1")
class Api : Application()

@Path("/status")
class StatusResource {
    @GET
    fun status() = "up"
}
