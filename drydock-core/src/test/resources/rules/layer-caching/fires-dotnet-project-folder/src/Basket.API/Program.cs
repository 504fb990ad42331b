var app = WebApplication.CreateBuilder(args).Build();
app.MapGet("/", () => "basket");
app.Run();
