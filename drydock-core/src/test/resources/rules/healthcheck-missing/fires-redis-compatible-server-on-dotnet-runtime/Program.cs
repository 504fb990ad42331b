using System.Net;
using System.Net.Sockets;

var listener = new TcpListener(IPAddress.Any, 6379);
listener.Start();
while (true)
{
    using var client = await listener.AcceptTcpClientAsync();
}
