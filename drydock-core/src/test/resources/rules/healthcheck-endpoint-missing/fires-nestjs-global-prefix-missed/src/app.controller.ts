import { Controller, Get } from '@nestjs/common';

@Controller()
export class AppController {
  @Get('livez')
  live() {
    return 'ok';
  }
}
