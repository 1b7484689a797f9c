"""ganproof: a symbolic derivation and proof checker for the mathematics of GAN losses."""

__version__ = "0.1.0"
