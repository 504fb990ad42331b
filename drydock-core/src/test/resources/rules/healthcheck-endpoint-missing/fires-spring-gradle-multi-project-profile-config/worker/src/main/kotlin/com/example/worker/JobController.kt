package com.example.worker

import org.springframework.web.bind.annotation.GetMapping
import org.springframework.web.bind.annotation.RestController

@RestController
class JobController {
    @GetMapping("/actuator/health")
    fun health(): String = "ok"
}
