var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();
app.MapGet("/", () => "orders");
app.Run();
