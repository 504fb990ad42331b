namespace Node.Hosting;

public sealed class RpcHost(RpcSettings settings)
{
    public Task RunAsync()
    {
        string url = $"http://{settings.Host}:{settings.Port}";
        var host = WebHost.CreateDefaultBuilder()
            .UseStartup<Startup>()
            .UseUrls(url)
            .Build();
        return host.RunAsync();
    }
}
