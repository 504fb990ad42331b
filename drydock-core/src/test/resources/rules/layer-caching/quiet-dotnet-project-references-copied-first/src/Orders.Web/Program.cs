var app = WebApplication.CreateBuilder(args).Build();
app.MapGet("/", () => "orders");
app.Run();
