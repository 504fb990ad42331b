package com.example.api

import org.springframework.web.bind.annotation.GetMapping
import org.springframework.web.bind.annotation.RestController

@RestController
class EntryController {
    @GetMapping("/entries")
    fun entries(): List<String> = listOf()
}
