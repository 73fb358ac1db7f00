"""Mitra's own NLU pipeline components (Rasa 3.6 graph components)."""
