"""Inventory service: stock levels per SKU."""
