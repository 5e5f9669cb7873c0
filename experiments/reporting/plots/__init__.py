"""Figures, built without pyplot so reports save them headless and notebooks show them inline."""
