const grpc = require('@grpc/grpc-js');

const server = new grpc.Server();
server.bindAsync(`0.0.0.0:${process.env.PORT || 7000}`, grpc.ServerCredentials.createInsecure(), () => {
  console.log('rates listening');
});
