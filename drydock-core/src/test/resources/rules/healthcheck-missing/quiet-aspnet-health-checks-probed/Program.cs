var builder = WebApplication.CreateBuilder(args);
builder.Services.AddRazorPages();
builder.Services.AddHealthChecks();
var app = builder.Build();
app.MapRazorPages();
app.MapHealthChecks("/healthz");
app.Run();
