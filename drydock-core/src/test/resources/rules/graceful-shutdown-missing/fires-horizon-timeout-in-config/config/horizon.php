<?php

return [
    'defaults' => [
        'imports' => [
            'connection' => 'redis',
            'queue' => ['imports'],
            'maxProcesses' => 2,
            'timeout' => (int) env('HORIZON_LONG_TIMEOUT', 300),
        ],
        'mail' => [
            'connection' => 'redis',
            'queue' => ['mail'],
            'timeout' => 45,
        ],
    ],
];
