package org.example;

import jakarta.ws.rs.Path;

@Path("/ops")
public class RootResource {
    @Path("checks")
    public ChecksResource checks() {
        return new ChecksResource();
    }
}
