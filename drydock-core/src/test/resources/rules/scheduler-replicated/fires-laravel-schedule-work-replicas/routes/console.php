<?php

use Illuminate\Support\Facades\Schedule;

Schedule::command('invoices:send')->dailyAt('06:00');
Schedule::command('reports:build')->hourly()->onOneServer();
