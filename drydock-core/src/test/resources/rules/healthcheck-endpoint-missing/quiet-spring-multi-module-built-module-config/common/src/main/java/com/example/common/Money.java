package com.example.common;

public record Money(long cents, String currency) {}
