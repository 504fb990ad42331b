using System.Net;

var builder = WebApplication.CreateBuilder(args);
builder.WebHost.ConfigureKestrel(options =>
{
    options.Listen(IPAddress.Any, 8080);
    options.ListenAnyIP(8443, listen => listen.UseHttps("/app/tls/invoices.pfx", "changeit"));
});
var app = builder.Build();
app.MapGet("/healthz", () => "ok");
app.Run();
