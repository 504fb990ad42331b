var builder = WebApplication.CreateBuilder(args);
builder.WebHost.UseUrls("http://*:5000");
var app = builder.Build();
app.MapGet("/", () => "orders");
app.Run();
