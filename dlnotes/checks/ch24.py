"""Checkers for chapter 24, L2 regularisation and inverted dropout."""

__all__ = []
