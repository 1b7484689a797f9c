"""The vocabulary: names, operators, context and LaTeX printing."""

from ganproof.vocabulary.context import Context, Hypothesis
from ganproof.vocabulary.names import (
    REAL_LINE,
    UNIT_INTERVAL,
    Critic,
    Density,
    Discriminator,
    Generator,
    LabelledMixture,
    ParametricDensity,
    Pushforward,
    SampleSet,
    Support,
    X,
    Z,
)
from ganproof.vocabulary.operators import (
    JSD,
    KL,
    BinaryCE,
    CrossEntropy,
    Defined,
    Expectation,
    FDivergence,
    SampleMean,
)
from ganproof.vocabulary.printing import to_latex

__all__ = [
    "JSD", "KL", "REAL_LINE", "UNIT_INTERVAL", "BinaryCE", "Context", "Critic", "CrossEntropy", "Defined",
    "Density", "Discriminator", "Expectation", "FDivergence", "Generator", "Hypothesis", "LabelledMixture", "ParametricDensity",
    "Pushforward", "SampleMean", "SampleSet", "Support", "X", "Z", "to_latex",
]
