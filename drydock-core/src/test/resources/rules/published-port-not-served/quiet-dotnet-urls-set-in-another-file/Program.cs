using Node.Hosting;

var settings = RpcSettings.FromEnvironment();
await new RpcHost(settings).RunAsync();
