"""Renderers: they read frozen reports and never recompute."""
