<?php

use Illuminate\Support\Facades\Schedule;

Schedule::command('invoices:send')->dailyAt('06:00')->onOneServer();
Schedule::command('reports:build')
    ->hourly()
    ->onOneServer();
