var builder = WebApplication.CreateBuilder(args);
builder.Services.AddGrpc();
var app = builder.Build();
app.MapGrpcService<LedgerService>();
app.MapGet("/balances/{id}", (string id) => Results.Ok(id));
app.Run();
