import { Module } from '@nestjs/common';
import { RouterModule } from '@nestjs/core';
import { HealthModule } from './health/health.module';

@Module({
  imports: [HealthModule, RouterModule.register([{ path: 'ops', module: HealthModule }])],
})
export class AppModule {}
