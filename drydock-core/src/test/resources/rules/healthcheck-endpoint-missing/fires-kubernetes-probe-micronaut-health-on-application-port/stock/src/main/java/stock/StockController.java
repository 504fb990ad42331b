package stock;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

@Controller("/stock")
public class StockController {
    @Get("/{sku}")
    public int level(String sku) {
        return 0;
    }
}
