package com.example.petstore;

import jakarta.validation.Valid;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

@RestController
@RequestMapping("/pets")
class PetController {

    private final Map<Long, Pet> pets = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();

    @GetMapping
    Collection<Pet> list() {
        return pets.values();
    }

    @GetMapping("/{id}")
    Pet get(@PathVariable long id) {
        Pet pet = pets.get(id);
        if (pet == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no pet " + id);
        }
        return pet;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Pet add(@Valid @RequestBody Pet pet) {
        Pet stored = pet.withId(ids.incrementAndGet());
        pets.put(stored.id(), stored);
        return stored;
    }
}
