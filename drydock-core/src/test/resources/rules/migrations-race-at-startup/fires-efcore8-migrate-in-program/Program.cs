using Microsoft.EntityFrameworkCore;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddDbContext<ShopContext>(o => o.UseSqlServer(builder.Configuration.GetConnectionString("Shop")));
var app = builder.Build();

using (var scope = app.Services.CreateScope())
{
    scope.ServiceProvider.GetRequiredService<ShopContext>().Database.Migrate();
}

app.MapGet("/", () => "shop");
app.Run();

public class ShopContext(DbContextOptions<ShopContext> options) : DbContext(options) { }
