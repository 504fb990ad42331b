package org.example;

import jakarta.ws.rs.GET;

public class ChecksResource {
    @GET
    public String run() {
        return "ok";
    }
}
