using Microsoft.AspNetCore.Mvc;

namespace Orders.Controllers;

[ApiController]
[Route("api/[controller]")]
public class OrdersController : ControllerBase
{
    [HttpGet]
    public IActionResult List() => Ok(Array.Empty<string>());
}
