package shop;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

@Controller("/books")
public class BooksController {
    @Get
    public String list() {
        return "[]";
    }
}
