import { NestFactory } from '@nestjs/core';
