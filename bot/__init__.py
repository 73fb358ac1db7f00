"""Mitra: a chat assistant for migrant workers (Rasa 3.6)."""
