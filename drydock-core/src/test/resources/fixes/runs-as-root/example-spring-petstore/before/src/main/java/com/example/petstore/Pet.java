package com.example.petstore;

import jakarta.validation.constraints.NotBlank;

public record Pet(long id, @NotBlank String name, @NotBlank String species) {

    Pet withId(long newId) {
        return new Pet(newId, name, species);
    }
}
