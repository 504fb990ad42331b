var builder = WebApplication.CreateBuilder(args);
builder.WebHost.ConfigureKestrel(options => options.Limits.MaxRequestBodySize = 10_000_000);
var app = builder.Build();
app.MapGet("/healthz", () => "ok");
app.Run();
