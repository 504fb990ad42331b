package org.example;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

@Path("greetings")
public class GreetingResource {

    @GET
    public String all() {
        return "hello";
    }

    @GET
    @Path("/{name}")
    public String one(@PathParam("name") String name) {
        return "hello " + name;
    }
}
