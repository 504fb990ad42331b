package org.example.orders;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

@Path("/orders")
public class OrdersResource {
    @GET
    public String list() {
        return "[]";
    }
}
