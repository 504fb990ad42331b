import { NestFactory } from '@nestjs/core';
import { InventoryModule } from './inventory.module';

async function start() {
  const app = await NestFactory.create(InventoryModule);
  await app.listen(4000);
}
start();
