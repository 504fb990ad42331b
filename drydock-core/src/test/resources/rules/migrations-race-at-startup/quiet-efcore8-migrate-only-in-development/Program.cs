using Microsoft.EntityFrameworkCore;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddDbContext<ShopContext>(o => o.UseSqlServer(builder.Configuration.GetConnectionString("Shop")));
var app = builder.Build();

if (app.Environment.IsDevelopment())
{
    using var scope = app.Services.CreateScope();
    await scope.ServiceProvider.GetRequiredService<ShopContext>().Database.MigrateAsync();
}

app.MapGet("/", () => "shop");
app.Run();

public class ShopContext(DbContextOptions<ShopContext> options) : DbContext(options) { }
