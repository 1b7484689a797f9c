"""The words between and after formulas that the reader gives a meaning: one home for the lexer, which cuts a
condition from the end of a row, and the block reader, which splits a row where a word joins two statements."""

from __future__ import annotations

CONDITION_WORDS = frozenset({"for", "where", "if", "when", "whenever", "with", "since", "iff", "otherwise"})
"""Words that open a condition or a remark after a formula's comma (``, for all x``, ``, where m = ...``)."""

CONJUNCTIONS = frozenset({"and", "or", "and also", "as well as", "and so", "so", "hence", "thus", "then",
                          "therefore", "i.e.", "ie", "i.e.,", "that is", "while", "whereas", "but", "and hence",
                          "and thus", "and therefore", "so that", "which gives", "which implies", "giving",
                          "implying", "we get", "we have", "which means", "this gives", "or equivalently",
                          "equivalently"})
"""Words in a ``\\text`` between two formulas that join them (``D(x) = \\frac{1}{2} \\text{ and } 1 - D(x) =
\\frac{1}{2}``, ``\\int p = 1 \\text{, so } \\int q = 1``): the second formula is a statement of its own, not
part of the first (reader/blocks.py splits the row there)."""


def _words(text: str) -> str:
    """The words of a ``\\text`` group, lower case, its commas, end punctuation and spacing aside."""
    return " ".join(text.replace(",", " ").split()).lower().strip(".;: ")


def _among(text: str, words: frozenset[str]) -> bool:
    found = _words(text)
    return found in words or found.rstrip(".") in words


def conjunction(text: str) -> bool:
    """True when the words of a ``\\text`` group (its commas, periods and spacing aside) join two formulas."""
    return _among(text, CONJUNCTIONS)


def disjunction(word: str) -> bool:
    """True when the joining word (as a Row keeps it) is 'or': the text claims one of the two formulas."""
    return _words(word) == "or"


CONSEQUENCES = frozenset({"so", "hence", "thus", "then", "therefore", "and so", "and hence", "and thus",
                          "and therefore", "so that", "which gives", "which implies", "giving", "implying", "we get",
                          "we have", "which means", "this gives", "i.e.", "ie", "i.e.,", "that is"})
"""The joining words after which the second formula follows from the first: a claim, never a definition."""


def consequence(word: str) -> bool:
    """True when the joining word ``word`` (as a Row keeps it) says the formula after it follows."""
    return _among(word, CONSEQUENCES)
