import { NestFactory } from '@nestjs/core';
import { InventoryModule } from './inventory.module';

async function start() {
  const app = await NestFactory.create(InventoryModule);
  app.enableShutdownHooks();
  await app.listen(4000);
}
start();
