<?php

return [
    'defaults' => [
        'notifications' => [
            'connection' => 'redis',
            'queue' => ['notifications'],
            // short jobs only: a push or a mail
            'timeout' => 8,
        ],
    ],
];
