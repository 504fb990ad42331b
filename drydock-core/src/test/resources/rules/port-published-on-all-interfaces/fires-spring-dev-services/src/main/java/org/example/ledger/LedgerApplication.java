package org.example.ledger;

public class LedgerApplication {
    public static void main(String[] args) {
    }
}
