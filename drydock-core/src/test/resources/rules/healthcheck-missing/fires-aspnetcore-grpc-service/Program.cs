var builder = WebApplication.CreateBuilder(args);
builder.Services.AddGrpc();
var app = builder.Build();
app.MapGrpcService<LedgerService>();
app.MapGet("/", () => "Use a gRPC client.");
app.Run();
