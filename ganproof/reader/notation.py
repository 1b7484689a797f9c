"""Notation by table: the LaTeX people write, mapped onto the spelling the grammar reads.

People paste derivations written for a reader, not for this checker: ``\\boldsymbol{x}``,
``\\underset{G}{\\max}``, ``:=``, ``-2log2``, ``f'(y)``.  Each such spelling is one
:class:`Entry` of :data:`NOTATION`, with a one-line doc, an example written with it and the
same example in the dialect; a maintainer adds a spelling by adding one line.  The format
reference (``ganproof/docs/format.md``) lists every entry (a test checks it), and
``tests/test_notation.py`` reads every example and its dialect twin and requires the same
SymPy expression.

A normalisation changes spelling, never mathematics: a wrapper is stripped only when it
does not change meaning (bold, colour, display style), an alias maps one written form onto
one dialect form, and where the written form has two readings (``a/2b``) one is taken and a
warning says which, at its column.

Two layers consume the table:

* :func:`normalise`, here, rewrites the text of one row (the kinds ``drop``, ``delimiter``,
  ``drop-args``, ``wrapper``, ``alias``, ``name``, ``word``, ``over``, ``under``, ``prime``),
  keeping for every character of its output the offset in the file it came from, so every
  token and every error still points into the original text;
* the lexer (:mod:`ganproof.reader.lexer`) implements the kinds that need tokens
  (``token``: superscript labels, primes applied to an argument, upper limit first,
  ``refused``; ``reading``: the warnings on ambiguous notation).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ganproof.reader.source import Source

FORMAT_REFERENCE = "ganproof/docs/format.md"
"""Where the format reference lives in the package (messages point to it)."""
_SEE = f"see the format reference {FORMAT_REFERENCE}, section 5"

KINDS: dict[str, str] = {
    "drop": "the command is dropped (it changes typesetting only)",
    "delimiter": "the command is dropped; a bracket after it is kept, a '.' after it is dropped",
    "drop-args": "the command and its brace arguments are dropped",
    "wrapper": "the command is dropped and its (last) argument kept: braces stay unless it is one symbol",
    "alias": "the command is read as the dialect's spelling",
    "name": "a name command (\\mathrm, \\operatorname, \\text) around a word or a symbol reads as that word",
    "word": "letters without a backslash that are a function name, followed by no other letter",
    "switch": "an old font switch: with braces after it, or on the rest of its group, as the command it names",
    "under": "\\underset{below}{operator} reads as the operator with a subscript",
    "over": "a note set over a relation: a definition mark reads as :=, any other note is commentary",
    "prime": "a prime written as a superscript",
    "token": "handled on the tokens of the row (see the lexer)",
    "refused": "not read yet: an error that says what to write instead",
    "reading": "ambiguous notation: one reading is taken and a warning at its column says which",
}


@dataclass(frozen=True)
class Entry:
    """One spelling of the table.

    ``written`` is the command (``\\boldsymbol``) or spelling (``log``) the entry matches,
    ``dialect`` what it is read as, ``example`` a right-hand side written with it and
    ``same_as`` the same right-hand side in the dialect (None when the dialect has no
    other spelling: the test of the entry then checks its reading directly).
    ``args`` is the number of brace arguments dropped (``drop-args``) or skipped before
    the kept one (``wrapper``).
    """

    kind: str
    written: str
    dialect: str
    doc: str
    example: str
    same_as: str | None
    args: int = 0


def _e(kind: str, written: str, dialect: str, doc: str, example: str, same_as: str | None, args: int = 0) -> Entry:
    assert kind in KINDS, kind
    return Entry(kind, written, dialect, doc, example, same_as, args)


NOTATION: tuple[Entry, ...] = (
    # ---------------------------------------------------------------- typesetting only
    _e("drop", r"\displaystyle", "", "display style", r"\displaystyle \frac{1}{2}", r"\frac{1}{2}"),
    _e("drop", r"\textstyle", "", "text style", r"\textstyle \frac{1}{2}", r"\frac{1}{2}"),
    _e("drop", r"\scriptstyle", "", "script style", r"\scriptstyle a", "a"),
    *(_e("drop", "\\" + c, "", "a font size", f"\\{c} \\frac{{1}}{{2}}", r"\frac{1}{2}")
      for c in ("tiny", "scriptsize", "footnotesize", "small", "normalsize", "large", "Large", "LARGE", "huge",
                "Huge")),
    _e("drop", r"\limits", "", "limits set above and below", r"\max\limits_D D(x)", r"\max_D D(x)"),
    _e("drop", r"\nolimits", "", "limits set beside", r"\int\nolimits_0^1 x \, dx", r"\int_0^1 x \, dx"),
    _e("drop", r"\nonumber", "", "no equation number", r"a + b \nonumber", "a + b"),
    _e("drop", r"\notag", "", "no equation number", r"a + b \notag", "a + b"),
    _e("drop", r"\quad", "", "a space", r"a \quad + b", "a + b"),
    _e("drop", r"\qquad", "", "a space", r"a \qquad + b", "a + b"),
    _e("drop", r"\,", "", "a thin space", r"a \, b", "a b"),
    _e("drop", r"\;", "", "a thick space", r"a \; b", "a b"),
    _e("drop", r"\:", "", "a medium space", r"a \: b", "a b"),
    _e("drop", r"\!", "", "a negative space", r"a \! b", "a b"),
    _e("drop", "\\ ", "", "a space", "a \\ b", "a b"),
    _e("drop", "~", "", "a non-breaking space", r"\mathbb{E}_{x \sim p}~\log~D(x)", r"\mathbb{E}_{x \sim p} \log D(x)"),
    _e("drop", "_{}", "", "an empty subscript or superscript sets nothing", r"\int_{0}^{1} x^{} \, dx + a_{}",
       r"\int_0^1 x \, dx + a"),
    _e("delimiter", r"\left", "", "a sized bracket (\\left. is no bracket)", r"\left( a + b \right)", "(a + b)"),
    _e("delimiter", r"\right", "", "a sized bracket (\\right. is no bracket)", r"\left. a + b \right.", "a + b"),
    _e("delimiter", r"\middle", "", "a sized bar", r"KL\left(p \middle\| q\right)", r"KL(p \| q)"),
    *(_e("delimiter", "\\" + c, "", "a sized bracket", f"\\{c}( a + b \\{c})", "(a + b)")
      for c in ("big", "Big", "bigg", "Bigg", "bigl", "bigr", "Bigl", "Bigr", "biggl", "biggr", "Biggl", "Biggr",
                "bigm", "Bigm")),
    _e("drop-args", r"\label", "", "a label for cross-references", r"a + b \label{eq:loss}", "a + b", 1),
    _e("drop-args", r"\hspace", "", "a space", r"a \hspace{1em} b", "a b", 1),
    _e("drop-args", r"\vspace", "", "a space", r"a \vspace{1em} b", "a b", 1),
    _e("drop-args", r"\color", "", "colour for the rest of the group (\\color{red}{x} and {\\color{red} x})",
       r"{\color{red} a} + \color{blue}{b}", "(a) + b", 1),
    _e("wrapper", r"\textcolor", "", "coloured text", r"\textcolor{red}{a} + b", "a + b", 1),
    _e("wrapper", r"\colorbox", "", "coloured box", r"\colorbox{yellow}{a} + b", "a + b", 1),
    _e("wrapper", r"\boxed", "", "a box", r"\boxed{a + b}", "(a + b)"),
    _e("wrapper", r"\boldsymbol", "", "bold (the 2014 paper's \\boldsymbol{x})",
       r"\int p(\boldsymbol{x}) \log D(\boldsymbol{x}) \, d\boldsymbol{x}", r"\int p(x) \log D(x) \, dx"),
    _e("wrapper", r"\mathbf", "", "bold", r"\mathbb{E}_{\mathbf{x} \sim p}[\log D(\mathbf{x})]",
       r"\mathbb{E}_{x \sim p}[\log D(x)]"),
    _e("wrapper", r"\bm", "", "bold", r"D(\bm{x}) + \bm{\theta}", r"D(x) + \theta"),
    _e("wrapper", r"\pmb", "", "poor man's bold", r"D(\pmb{x})", "D(x)"),
    _e("wrapper", r"\mathcal", "", "calligraphic: \\mathcal{L} is the name L (\\mathcal{D}, \\mathcal{G}, ... are refused: "
       "they are not D, G)", r"\mathcal{L}(D) := \log D(x)",
       r"L(D) := \log D(x)"),
    _e("wrapper", r"\mathfrak", "", "fraktur letters, as \\mathcal", r"\mathfrak{L}(D) := \log D(x)",
       r"L(D) := \log D(x)"),
    _e("wrapper", r"\mathscr", "", "script letters, as \\mathcal", r"\mathscr{L}(D) := \log D(x)", r"L(D) := \log D(x)"),
    _e("wrapper", r"\mathop", "", "an operator: \\mathop{\\max}_G is \\max_G", r"\mathop{\max}_D D(x)",
       r"\max_D D(x)"),
    _e("switch", r"\rm", r"\mathrm", "roman: p_{\\rm data} and p_{\\rm{data}} are p_{\\mathrm{data}}",
       r"p_{\rm data}(x) + p_{\rm{data}}(x)", r"p_{\mathrm{data}}(x) + p_{\mathrm{data}}(x)"),
    _e("switch", r"\bf", r"\mathbf", "bold", r"D({\bf x})", r"D(\mathbf{x})"),
    _e("switch", r"\it", r"\mathit", "italic", r"{\it a} + 1", r"\mathit{a} + 1"),
    _e("switch", r"\cal", r"\mathcal", "calligraphic, as \\mathcal", r"{\cal a} + 1", r"\mathcal{a} + 1"),
    _e("switch", r"\sf", r"\mathsf", "sans serif", r"{\sf a} + 1", r"\mathsf{a} + 1"),
    # ---------------------------------------------------------------- one spelling for another
    _e("alias", r"\dfrac", r"\frac", "display fraction", r"\dfrac{1}{2}", r"\frac{1}{2}"),
    _e("alias", r"\tfrac", r"\frac", "text fraction", r"\tfrac{1}{2}", r"\frac{1}{2}"),
    _e("alias", r"\mid\mid", r"\|", "the divergence bar written as two bars", r"KL(p \mid\mid q) + KL(p \mid \mid q)",
       r"KL(p \| q) + KL(p \| q)"),
    _e("alias", r"\lvert", "|", "the opening bar of an absolute value", r"\lvert a - b \rvert", "|a - b|"),
    _e("alias", r"\rvert", "|", "the closing bar of an absolute value", r"\left\lvert a \right\rvert", "|a|"),
    _e("alias", r"\vert", "|", "a bar: an absolute value's, or a divergence's", r"\vert a \vert + KL(p \vert q)",
       r"|a| + KL(p \| q)"),
    _e("alias", r"\Vert", r"\|", "the divergence bar", r"KL(p \Vert q)", r"KL(p \| q)"),
    _e("alias", r"\lVert", r"\|", "the divergence bar", r"KL(p \lVert q)", r"KL(p \| q)"),
    _e("alias", r"\rVert", r"\|", "the divergence bar", r"KL(p \rVert q)", r"KL(p \| q)"),
    _e("alias", r"\Arrowvert", r"\|", "the divergence bar (the double bar of the arrow fonts)", r"KL(p \Arrowvert q)",
       r"KL(p \| q)"),
    _e("alias", r"\parallel", r"\|", "the divergence bar", r"KL(p \parallel q)", r"KL(p \| q)"),
    _e("alias", r"\triangleq", ":=", "definition mark (equal by definition)", r"V(D) \triangleq D(x)",
       r"V(D) := D(x)"),
    _e("alias", r"\coloneqq", ":=", "definition mark", r"V(D) \coloneqq D(x)", r"V(D) := D(x)"),
    _e("alias", r"\coloneq", ":=", "definition mark", r"V(D) \coloneq D(x)", r"V(D) := D(x)"),
    _e("alias", r"\eqdef", ":=", "definition mark", r"V(D) \eqdef D(x)", r"V(D) := D(x)"),
    _e("alias", r"\ln", r"\log", "natural logarithm", r"\ln 2", r"\log 2"),
    _e("alias", r"\cdot", r"\times", "product", r"a \cdot b", r"a \times b"),
    _e("alias", r"\leqslant", r"\le", "less or equal", r"a \leqslant b", r"a \le b"),
    _e("alias", r"\geqslant", r"\ge", "greater or equal", r"a \geqslant b", r"a \ge b"),
    # ---------------------------------------------------------------- name commands around words
    _e("name", r"\operatorname", "", "\\operatorname{D}_\\text{JS} is D_{JS}; \\operatorname{\\mathbb{E}} is \\mathbb{E}",
       r"\operatorname{D}_\text{JS}(p \| q) + \operatorname{\mathbb{E}}_{x \sim p}[D(x)]",
       r"JSD(p \| q) + \mathbb{E}_{x \sim p}[D(x)]"),
    _e("name", r"\operatorname*", "", "\\operatorname*{max} is \\max", r"\operatorname*{max}_D D(x)", r"\max_D D(x)"),
    _e("name", r"\mathrm", "", "\\mathrm{KL} is KL, \\mathrm{D} is D, \\mathrm{log} is \\log, \\mathrm{d} stays the "
       "differential's d", r"\mathrm{D}_{\mathrm{KL}}(p \| q) + \mathrm{log} 2", r"KL(p \| q) + \log 2"),
    _e("name", r"\mathit", "", "italic: a letter is the letter", r"\mathit{a} + 1", "a + 1"),
    _e("name", r"\mathsf", "", "sans serif: a letter is the letter", r"\mathsf{a} + 1", "a + 1"),
    _e("name", r"\mathbb", "", "\\mathbb E (no braces) is \\mathbb{E}",
       r"\mathbb E_{x \sim p}[D(x)]", r"\mathbb{E}_{x \sim p}[D(x)]"),
    _e("name", r"\text", "", "in a subscript or superscript, \\text{..} is part of the name (p_{\\text{data}}); "
       "_\\text{JS} needs no braces", r"D_\text{JS}(p \| q) + p_{\text{data}}", r"JSD(p \| q) + p_{data}"),
    _e("name", r"\textrm", "", "as \\text; an upright letter with a subscript, \\textrm{D}_{\\textrm{KL}} or "
       "\\text{D}_\\text{JS}, is that letter, as \\mathrm{D} is", r"D_\textrm{KL}(p \| q) + \textrm{D}_{\textrm{KL}}(p \| q)",
       r"KL(p \| q) + KL(p \| q)"),
    # ---------------------------------------------------------------- letters without a backslash
    _e("word", "log", r"\log", "log without a backslash, not followed by a letter", r"-2log2", r"-2\log 2"),
    _e("word", "ln", r"\log", "ln without a backslash, not followed by a letter", "ln(2)", r"\log(2)"),
    _e("word", "exp", r"\exp", "exp without a backslash, not followed by a letter", "exp(1)", r"\exp(1)"),
    _e("word", "frac", r"\frac", "frac without a backslash", "frac{1}{2}", r"\frac{1}{2}"),
    _e("word", "max", r"\max", "max without a backslash (\\underset{D}{max} too)", r"\underset{D}{max} D(x)",
       r"\max_D D(x)"),
    _e("word", "min", r"\min", "min without a backslash", r"min_D D(x)", r"\min_D D(x)"),
    _e("word", "sup", r"\sup", "sup without a backslash", r"sup_D D(x)", r"\sup_D D(x)"),
    _e("word", "lim", r"\lim", "lim without a backslash",
       r"lim_{m \to \infty} \frac{1}{m} \sum_{i=1}^{m} D(x^{(i)})",
       r"\lim_{m \to \infty} \frac{1}{m} \sum_{i=1}^{m} D(x^{(i)})"),
    _e("word", "sum", r"\sum", "sum without a backslash", r"\lim_{m \to \infty} \frac{1}{m} sum_{i=1}^{m} D(x^{(i)})",
       r"\lim_{m \to \infty} \frac{1}{m} \sum_{i=1}^{m} D(x^{(i)})"),
    # ---------------------------------------------------------------- set over or under
    _e("under", r"\underset", "", "\\underset{G}{\\max} is \\max_G (also \\min, \\sup, \\inf, \\mathbb{E}, \\sum, "
       "\\int); a note under an expression is commentary (a warning says so); under one symbol it is refused",
       r"\underset{G}{\min} \underset{D}{\max} D(x)", r"\min_G \max_D D(x)"),
    _e("under", r"\underbrace", "", "\\underbrace{expr}_{note} is expr: the note is commentary (a warning says so)",
       "", None),
    _e("under", r"\overbrace", "", "\\overbrace{expr}^{note} is expr: the note is commentary (a warning says so)",
       "", None),
    _e("over", r"\overset", "", "\\overset{\\text{def}}{=} is := ; \\overset{(a)}{=} is = (the note is commentary)",
       r"V(D) \overset{\text{def}}{=} D(x)", r"V(D) := D(x)"),
    _e("over", r"\stackrel", "", "\\stackrel{def}{=} is := ; \\stackrel{\\text{Jensen}}{\\le} is \\le",
       r"V(D) \stackrel{def}{=} D(x)", r"V(D) := D(x)"),
    # ---------------------------------------------------------------- primes
    _e("prime", r"^{\prime}", "'", "a prime written as a superscript: f^{\\prime}(y) is f'(y)", "", None),
    _e("prime", r"^\prime", "'", "a prime written as a superscript without braces", "", None),
    _e("prime", "^{'}", "'", "a prime in a superscript: G^{'}(z) is G'(z)", "", None),
    # ---------------------------------------------------------------- on the tokens
    _e("token", r"\mathrm{d}x", "dx", "an upright d is the differential's d (after an integral in the same bracket)",
       r"\int_0^1 x \, \mathrm{d}x + \int_0^1 x \,\mathrm{d} x", r"\int_0^1 x \, dx + \int_0^1 x \, dx"),
    _e("token", r"\text{d}x", "dx", "as \\mathrm{d}x", r"\int_0^1 x \, \text{d}x", r"\int_0^1 x \, dx"),
    _e("token", r"d\boldsymbol{x}", "dx", "a bold variable of integration", r"\int_0^1 x \, d\boldsymbol{x}",
       r"\int_0^1 x \, dx"),
    _e("token", r"\mathbf{E}", r"\mathbb{E}", "a bold E with a law is the expectation",
       r"\mathbf{E}_{x \sim p}[D(x)] + \boldsymbol{\mathbb{E}}_{x \sim p}[D(x)]",
       r"\mathbb{E}_{x \sim p}[D(x)] + \mathbb{E}_{x \sim p}[D(x)]"),
    _e("token", ":=", ":=", "definition mark, read like = by the definition rows", "V(D) := D(x)", None),
    _e("token", "K L(", "KL(", "capital letters written apart that spell KL, JSD, JS or CE, applied to arguments (OCR "
       "writes K L, J S D; math mode does not typeset the spaces); in \\mathrm{K L} too",
       r"K L(p \| q) + \mathrm{K L}(p \| q) + J S D(p \| q)", r"KL(p \| q) + KL(p \| q) + JSD(p \| q)"),
    _e("token", "{a +} b", "a + b", "a brace group that is no expression of its own (it starts with + or ends with an "
       "operator, or holds a bracket it does not close) is invisible: its braces are dropped",
       r"{a +} b + {c (} d + 1)", r"a + b + c (d + 1)"),
    _e("token", "{G}(z)", "G(z)", "braces around one name (a letter with its subscript) are invisible: {G}(z), "
       "p_{{G}}, x \\sim {Q_\\theta}, also a colour group {\\color{red}G}", r"\log(1 - {D}(G(z))) + p_{{g}}(x) + {G}(z) {q_\theta}(x)",
       r"\log(1 - D(G(z))) + p_g(x) + G(z) q_\theta(x)"),
    _e("token", r"\mathbb{P}_r", "P_r", "a blackboard P or Q is the law, read as the capital letter (a density by its "
       "role): \\mathbb{P}_r, \\mathbb{P}_g, \\mathbb{Q}; any other blackboard letter but E and R is an error",
       r"KL(\mathbb{P}_r \| \mathbb{Q})", r"KL(P_r \| Q)"),
    _e("token", r"\sup_{T \in \mathcal{T}}", r"\sup_T", "an optimisation over a set (\\max_{w \\in \\mathcal{W}}, "
       "\\underset{\\gamma \\in \\Pi}{\\inf}): the set is kept as written, so the prefix is stripped only where both "
       "sides have the same one, set included; the letter optimised over, applied to one argument and never defined, "
       "is any real function by its role (the critic T), as f is", "", None),
    _e("token", r"D_{JS} =", r"JSD(P \| Q) =", "a Jensen-Shannon divergence written without its arguments at the start "
       "of a row takes them from its right side when that is the mean of two KL of two laws, KL(P \\| M) and "
       "KL(Q \\| M) (either order: it is symmetric); otherwise an input error",
       r"D_{JS} = \frac{1}{2} [KL(P \| \frac{P + Q}{2}) + KL(Q \| \frac{P + Q}{2})]", None),
    _e("token", "|", r"\|", "a single bar (or \\mid) alone between the two arguments of a divergence is its bar "
       "(KL, JSD, CE, the chi-squares, D_{KL}, D_f); other bars pair as absolute values (|a - b|, |a||b|); a bar that "
       "pairs with none is an error", r"KL(p | q) + D_{KL}(p \mid q)",
       r"KL(p \| q) + KL(p \| q)"),
    _e("token", r"p(x \mid \theta)", r"p_\theta(x)", "a density (p, q, P, Q) with a bar (or \\mid) before one Greek "
       "letter in its call is the density of that parameter; a bar before anything else (q(z | x)) is an error",
       r"\log p(x \mid \theta) + \log q(x | \phi)", r"\log p_\theta(x) + \log q_\phi(x)"),
    _e("token", ";", r"\|", "a semicolon between the arguments of a divergence is its bar", r"JSD(p; q) + KL(p;q)",
       r"JSD(p \| q) + KL(p \| q)"),
    _e("token", "f'(y)", r"\frac{d}{dy} f(y)", "the derivative of a function of one argument, at that argument: "
       "f'(y) is \\frac{d}{dy} f(y), f'(D(x)) is \\frac{d}{d(D(x))} f(D(x))", "", None),
    _e("token", r"\sum^N_{i=1}", r"\sum_{i=1}^N", "limits in either order (also \\int^1_0)", "", None),
    _e("token", r"\int_{x \in \mathcal{X}}", r"\int_x", "an integral over the whole sample space (\\mathcal{X}, "
       "\\chi, \\Omega, \\mathbb{R}, \\mathbb{R}^d), with a warning; another set is an error", "", None),
    _e("token", r"\int_{\mathcal{X}} f(x) \, dx", r"\int f(x) \, dx", "the subscript names the whole sample space "
       "(\\mathcal{X}, \\chi, \\Omega, \\mathcal{Z}), the differential the variable; with a warning", "", None),
    _e("reading", r"\int f \, d\mu", r"\int f \, dx", "integration against the reference measure (d\\mu, d\\nu, also "
       "\\mathrm{d}\\mu): read as Lebesgue measure, the densities as densities with respect to it (a warning says so)",
       "", None),
    _e("reading", r"\int dx\, f(x)", r"\int f(x) \, dx", "the differential written first: the integral spans the "
       "rest of its additive term (a warning says so)", "", None),
    _e("token", r"KL[p \| q]", r"KL(p \| q)", "square brackets around a divergence's arguments (also D_{JSD}[p, q])",
       r"KL[p \| q] + \mathrm{KL}[p||q] + JSD[p, q]", r"KL(p \| q) + KL(p \| q) + JSD(p \| q)"),
    _e("token", r"\int _x", r"\int_x", "spaces anywhere between an operator and its limits", "", None),
    _e("token", r"\mathbb{E}_{p(x)}", r"\mathbb{E}_{x \sim p(x)}", "the law applied to the variable as the "
       "subscript of an expectation: the variable is drawn from that law (E_{q(x)} too)",
       r"\mathbb{E}_{p(x)}[\log D(x)] + E_{q(x)}[D(x)]", r"\mathbb{E}_{x \sim p(x)}[\log D(x)] + \mathbb{E}_{x \sim q(x)}[D(x)]"),
    _e("token", ", \\forall x", "", "a condition or a remark after a formula is left out, with a warning (the formula is "
       "checked for all values): from a top-level comma followed by \\text{..}, \\forall, a word (for, where, if, "
       "when, with, since, iff) or a clause holding \\in (, \\quad x \\in \\mathcal{X}), or from a top-level "
       "\\forall, to the end of the row; also from \\text{where ...}, \\text{for ...} (a condition word) after a "
       "relation, without a comma. A clause where m = ... (or with m = ...) that defines a name the formula uses, "
       "not defined or used before, is that name's definition, from this row on (an assumption says so)", "", None),
    _e("token", "\\forall p, q,", "", "a quantifier in front of a formula (\\forall and names, each before a comma) is "
       "left out, with a warning: the formula is checked for all values of its names", "", None),
    _e("token", "\\circ", "", "a composition applied to an argument is the outer function at the inner one's value: "
       "f \\circ g(x) is f(g(x)), D \\circ G(z) is D(G(z))", r"\log(1 - D \circ G(z))", r"\log(1 - D(G(z)))"),
    _e("token", "\\sum{p(x) f(x)}", "\\sum_x p(x) f(x)", "a sum written with no index and no limits, before a body "
       "that holds x, is the sum over the points x of the alphabet, with a warning", "", None),
    _e("token", "p1", "p_1", "a density's letter (p, q, P, Q) with one digit written against it is the density with "
       "that subscript, with a warning", "", None),
    _e("token", "x(1 - x)", "x \\cdot (1 - x)", "the variable x (or z) before a bracket is the variable times the "
       "bracket (the variable is no function), with a warning", "", None),
    _e("token", "\\Downarrow_{...}", "", "a row that is an arrow (\\Downarrow, \\downarrow, \\Uparrow) between two rows of "
       "a chain, with its note as a script, is commentary: the chain goes on from the row before it", "", None),
    _e("token", "\\int_x f + g", "\\int_x (f + g) \\, dx", "an integral written with no differential anywhere spans the "
       "terms after it that hold its variable (each with no integral, expectation or sum of its own), with a "
       "warning; an integral whose dx is written keeps the span the dx gives", "", None),
    _e("token", "q(x))}", "q(x)}", "a ')' that closes no bracket of its brace group and ends it is dropped, with a warning, "
       "when the group is factors joined by + (any opening place gives the same sum): \\frac{p(x) + q(x))}{2}; "
       "any other stray ')' is an error", "", None),
    _e("token", r"\textbf{p}", "p", "\\textbf or \\textit around one letter in math is that letter (bold or italic); "
       "around a word it is text", r"\mathbb{E}_{x \sim \textbf{p}}[D(x)]", r"\mathbb{E}_{x \sim p}[D(x)]"),
    _e("token", r"\unicode{x21af}", "", "a mark set beside a formula (x21af a contradiction, x220e and x25a1 the end of a "
       "proof, x2713 a check) is commentary; any other \\unicode is an error", r"a + b \unicode{x21af}", "a + b"),
    _e("token", r"\log_b", r"\frac{\log a}{\log b}", "a logarithm to a base (\\log_2, \\log_{10}, log_b): the natural "
       "logarithm divided by that of the base", r"\log_2 D(x) + \log_b 3 + \log_{b} 3", r"\frac{\log D(x)}{\log 2} + 2 \frac{\log 3}{\log b}"),
    _e("token", r"L^{(D)}", "", "a superscript label on a name: L^{(D)} on a capital letter, a word D^{opt}, "
       "V^{\\text{GAN}}, p^{*}; x^{(i)} on a small letter stays a sample", "", None),
    _e("refused", r"\prod", "", "a product over an index is not read yet: write the sum of the logarithms", "", None),
    _e("token", r"\operatorname*{arg\,max}", "", "arg max and arg min (also \\argmin, \\arg\\min, \\underset{\\theta}{\\mathrm{argmin}}) "
       "are prefixes: \\theta^* = \\argmin_\\theta A names the minimiser (left undefined), and a step between two "
       "of them over one parameter holds when the expressions agree or differ only by terms free of the parameter "
       "(numbers, constants, the data's densities); such a step is never refuted", "", None),
    _e("refused", "f''(y)", "", "a second derivative is not read yet: write \\frac{d}{dy} twice", "", None),
    # ---------------------------------------------------------------- ambiguous notation
    _e("reading", "a/2b", "(a/2) b", "/ takes the next factor only; a product after it multiplies the quotient",
       "", None),
    _e("reading", r"\log a b", r"(\log a) b", "\\log without brackets takes the next factor only", "", None),
    _e("reading", r"\log D(x)^2", r"\log(D(x)^2)", "\\log without brackets takes the next factor with its power",
       "", None),
    _e("reading", r"\log \sum_i f_i", r"\log(\sum_i f_i)", "\\log before a sum without brackets is the logarithm "
       "of the whole sum, which spans the rest of its additive term", "", None),
    _e("reading", r"\mathbb{E}_{x \sim p}(f)^2", r"(\mathbb{E}_{x \sim p}[f])^2",
       "a power after an expectation's bracket squares the expectation", "", None),
)


def entries(kind: str) -> tuple[Entry, ...]:
    return tuple(e for e in NOTATION if e.kind == kind)


def _commands(kind: str) -> dict[str, Entry]:
    return {e.written[1:]: e for e in NOTATION if e.kind == kind and e.written.startswith("\\")}


SWITCHES = _commands("switch")
DROP = _commands("drop")
DELIMITERS = _commands("delimiter")
DROP_ARGS = _commands("drop-args")
WRAPPERS = _commands("wrapper")
ALIASES = {name: e for name, e in _commands("alias").items() if "\\" not in name}
SEQUENCE_ALIASES = {
    re.compile(r"\s*".join(re.escape("\\" + part) for part in e.written.split("\\")[1:]) + r"(?![A-Za-z])"): e.dialect
    for e in entries("alias") if e.written.count("\\") > 1
}
"""Aliases of several commands (``\\mid\\mid``), spaces allowed between them."""
NAME_COMMANDS = frozenset(e.written[1:].rstrip("*") for e in entries("name"))
WORDS = {e.written: e.dialect for e in entries("word")}

NAME_WORDS: dict[str, str] = {
    "log": r"\log", "ln": r"\log", "exp": r"\exp", "max": r"\max", "min": r"\min", "sup": r"\sup", "inf": r"\inf",
    "argmax": r"\argmax", "argmin": r"\argmin", "arg max": r"\argmax", "arg min": r"\argmin",
}
"""The content of \\operatorname{..}, \\mathrm{..}, \\text{..} that is a function or operator word."""

UNDER_OPERATORS = frozenset({r"\max", r"\min", r"\sup", r"\inf", r"\mathbb{E}", r"\argmax", r"\argmin", r"\lim",
                             r"\sum", r"\int"})
"""What \\underset{below}{..} may set the subscript of."""

DEFINITION_NOTES = frozenset({"def", "Def", "DEF", "definition", r"\triangle", r"\Delta", r"\mathrm{def}",
                              r"\text{def}", r"\textrm{def}", r"\scriptscriptstyle def", r"\text{Def}"})
"""Notes over = that make it a definition mark (\\overset{\\text{def}}{=})."""

RELATIONS_UNDER_NOTES = frozenset({"=", "<", ">", r"\le", r"\leq", r"\ge", r"\geq", r"\approx", r"\leqslant",
                                   r"\geqslant"})

_COMMENTARY_NOTE = re.compile(r"^(\(.{1,12}\)|\\text(rm)?\{[^{}]{2,}\}|\\mathrm\{[^{}]{2,}\}|[A-Za-z]{2,}|\*|\d+|\?)$")
"""Notes over a relation that are commentary: a reference ``(a)``, ``(3)``, a word (``\\text{Jensen}``)."""

_RELATION_NOTES = frozenset({"law", "dist", r"\text{law}", r"\text{dist}", r"\mathrm{law}", r"\mathcal{L}", r"\mathcal{D}",
                             "as", "a.s.", r"\text{a.s.}", "P", "p"})
"""Notes that make another relation (equal in law, almost surely, in probability): refused."""

PRIMES = (r"^{\prime\prime}", r"^{\prime}", r"^\prime", "^{''}", "^{'}", "^'")
"""Superscript primes, longest first: each reads as as many ' as it holds."""


# ------------------------------------------------------------------------------------------------ normalise
@dataclass(frozen=True)
class Normal:
    """A row's text in the dialect's spelling, with the file offset of every character.

    ``offsets`` has one entry more than ``text``: the offset just past the row.
    """

    text: str
    offsets: tuple[int, ...]
    notes: tuple[tuple[int, str], ...] = ()
    """Readings taken while normalising (offset, message): warnings at their column."""

    def at(self, i: int) -> int:
        """File offset of character ``i`` of the normalised text."""
        return self.offsets[min(i, len(self.offsets) - 1)]

    def end(self, i: int, j: int) -> int:
        """File offset just past the characters ``i:j``."""
        if j <= i:
            return self.at(i)
        return max(self.offsets[j - 1] + 1, self.at(i))


_CMD = re.compile(r"\\([A-Za-z]+)\*?|\\(.)", re.S)
_LETTERS = re.compile(r"[A-Za-z]+")
_EMPTY_SCRIPT = re.compile(r"[_^]\s*\{\s*\}")
_PLAIN = re.compile(r"[^\\_^A-Za-z{}~]+")
"""A run of characters the normaliser copies as they are."""
_ATOM = re.compile(r"^\s*(?:[A-Za-z]+|\d+(?:\.\d+)?|\\[A-Za-z]+(?:\{[^{}]*\})?)\s*$")
_ROLE_LETTERS = frozenset("DGEpqxz")
"""Letters with a role (discriminator, generator, expectation, densities, variables): \\mathcal{D} is not D."""
_LETTER_FONTS = frozenset({"mathcal", "mathscr", "mathfrak"})
_ARG_COMMANDS = frozenset({"mathbb", "mathrm", "operatorname", "mathit", "mathsf", "text", "textrm", "textit",
                           "textbf", "mbox"}) | frozenset(WRAPPERS) | frozenset(DROP_ARGS)
"""Commands taking one argument: without braces it is the next symbol (\\mathbb E, as in LaTeX)."""


class _Normaliser:
    """Rewrites one row's text by the table (working state of :func:`normalise`)."""

    def __init__(self, text: str, offs: tuple[int, ...], source: Source, in_script: bool = False) -> None:
        self.text = text
        self.src = offs
        """The file offset of every character of ``text``, and one past its end."""
        self.source = source
        self.chars: list[str] = []
        self.offs: list[int] = []
        self.notes: list[tuple[int, str]] = []
        """Readings taken (offset, message), warnings at their column."""
        self.groups: list[bool] = [in_script]
        """For each open brace of the text (and the context, first): whether it opens a script."""

    # ------------------------------------------------------------ output
    def at(self, i: int) -> int:
        """The file offset of character ``i`` of the text (past the end: the offset after it)."""
        return self.src[min(i, len(self.text))]

    def put(self, s: str, offset: int) -> None:
        self.chars.extend(s)
        self.offs.extend([offset] * len(s))

    def copy(self, i: int, j: int) -> None:
        self.chars.extend(self.text[i:j])
        self.offs.extend(self.src[i:j])

    def last(self) -> str:
        for c in reversed(self.chars):
            if not c.isspace():
                return c
        return ""

    # ------------------------------------------------------------ scanning helpers
    def skip_ws(self, i: int) -> int:
        while i < len(self.text) and self.text[i].isspace():
            i += 1
        return i

    def group(self, i: int, what: str) -> tuple[int, int, int]:
        """(content start, content end, position after) of the argument at ``i``: a brace group,
        or, as in LaTeX, the one symbol there (a letter, a digit or a command)."""
        k = self.skip_ws(i)
        t = self.text
        if k >= len(t):
            raise self.source.error(self.at(i), f"{what} needs an argument in braces, e.g. {what}{{x}}")
        if t[k] == "{":
            depth = 0
            for j in range(k, len(t)):
                if t[j] == "{" and (j == 0 or t[j - 1] != "\\"):
                    depth += 1
                elif t[j] == "}" and (j == 0 or t[j - 1] != "\\"):
                    depth -= 1
                    if depth == 0:
                        return k + 1, j, j + 1
            raise self.source.error(self.at(k), f"the brace opened here after {what} is never closed")
        m = _CMD.match(t, k)
        if m is not None:
            return k, m.end(), m.end()
        if t[k].isalnum():
            return k, k + 1, k + 1
        raise self.source.error(self.at(k), f"{what} needs an argument in braces, e.g. {what}{{x}}")

    def sub(self, i: int, j: int) -> Normal:
        """The normalised text of ``text[i:j]`` (an argument), as its own piece."""
        inner = _Normaliser(self.text[i:j], self.src[i:j] + (self.at(j),), self.source, self.in_script())
        inner.run()
        self.notes.extend(inner.notes)
        return inner.result()

    def put_normal(self, n: Normal) -> None:
        self.chars.extend(n.text)
        self.offs.extend(n.offsets[:len(n.text)])

    def put_unwrapped(self, n: Normal, offset: int) -> None:
        """A wrapper's argument: braces kept unless it is one symbol, spaces around it (\\log\\boldsymbol{x})."""
        self.put(" ", offset)
        if _ATOM.match(n.text) or not n.text.strip() or self.in_script():
            self.put_normal(n)
        else:
            self.put("{", offset)
            self.put_normal(n)
            self.put("}", offset)
        self.put(" ", offset)

    # ------------------------------------------------------------ the scan
    def run(self) -> None:
        t = self.text
        i = 0
        while i < len(t):
            c = t[i]
            if c == "\\":
                i = self.command(i)
            elif c in "_^":
                i = self.script(i)
            elif c.isalpha() and c.isascii():
                m = _LETTERS.match(t, i)
                assert m is not None
                word = m.group(0)
                if word in WORDS and not self.in_script() and not (m.end() < len(t) and t[m.end()] == "'"):
                    self.put(" " + WORDS[word] + " ", self.at(i))
                else:
                    self.copy(i, m.end())
                i = m.end()
            elif c == "~":
                self.put(" ", self.at(i))  # a non-breaking space
                i += 1
            elif c not in "{}":
                m = _PLAIN.match(t, i)
                assert m is not None
                self.copy(i, m.end())
                i = m.end()
            else:
                if c == "{":
                    self.groups.append(self.last() in ("_", "^"))
                elif c == "}" and len(self.groups) > 1:
                    self.groups.pop()
                self.copy(i, i + 1)
                i += 1

    def in_script(self) -> bool:
        """True inside a ``_{..}`` or ``^{..}`` group (the innermost brace group opens a script)."""
        return self.groups[-1]

    def script(self, i: int) -> int:
        """``_`` or ``^``: primes, and a command argument braced (``_\\text{JS}`` is ``_{\\text{JS}}``)."""
        t = self.text
        if t[i] == "^":
            for p in PRIMES:
                if t.startswith(p, i):
                    self.put("'" * (p.count("prime") + p.count("'")), self.at(i))
                    return i + len(p)
        k = self.skip_ws(i + 1)
        if k < len(t) and t[k] == "{":
            e = self.skip_ws(k + 1)
            if e < len(t) and t[e] == "}":
                self.put(" ", self.at(i))  # an empty script sets nothing: a_{}, \int_x^{}
                return e + 1
        m = _CMD.match(t, k)
        if m is not None and m.group(1) and m.group(1) in _ARG_COMMANDS | NAME_COMMANDS:
            _, _, after = self.group(m.end(), "\\" + m.group(1))
            self.copy(i, i + 1)
            self.put("{", self.at(k))
            self.put_normal(self.sub(k, after))
            self.put("}", self.at(after - 1))
            return after
        self.copy(i, i + 1)
        return i + 1

    def command(self, i: int) -> int:  # noqa: C901 - one dispatch over the table's kinds
        t = self.text
        m = _CMD.match(t, i)
        if m is None:  # a lone backslash at the end: the lexer reports it
            self.copy(i, i + 1)
            return i + 1
        if m.group(2) is not None:  # \, \; \! \| ...
            if m.group(2) in DROP:
                self.put(" ", self.at(i))
            else:
                self.copy(i, m.end())
            return m.end()
        name = m.group(1)
        starred = m.group(0).endswith("*")
        end = m.end() if starred else i + 1 + len(name)
        off = self.at(i)
        for seq, dialect in SEQUENCE_ALIASES.items():
            found = seq.match(t, i)
            if found:
                self.put(" " + dialect + " ", off)
                return found.end()
        if name in DROP:
            self.put(" ", off)
            return end
        if name in DELIMITERS:
            k = self.skip_ws(end)
            self.put(" ", off)
            return k + 1 if k < len(t) and t[k] == "." else end
        if name in DROP_ARGS:
            pos = end
            for _ in range(DROP_ARGS[name].args):
                _, _, pos = self.group(pos, "\\" + name)
            self.put(" ", off)
            k = self.skip_ws(pos)
            if name == "color" and k < len(t) and t[k] == "{":
                # \color{red}{x}: the group after the colour is only a group
                a, b, pos = self.group(k, "\\" + name)
                self.put_unwrapped(self.sub(a, b), off)
            return pos
        if name in WRAPPERS:
            pos = end
            for _ in range(WRAPPERS[name].args):
                _, _, pos = self.group(pos, "\\" + name)
            a, b, pos = self.group(pos, "\\" + name)
            letter = self.text[a:b].strip()
            if name in _LETTER_FONTS and letter in _ROLE_LETTERS:
                raise self.source.error(off, f"\\{name}{{{letter}}} is another letter than {letter} (which is read as "
                                        "the discriminator, generator, expectation, a density or a variable): "
                                        f"name it with a letter of its own; {_SEE}")
            self.put_unwrapped(self.sub(a, b), off)
            return pos
        if name in ALIASES:
            self.put(" " + ALIASES[name].dialect + " ", off)
            return end
        if name in NAME_COMMANDS:
            return self.name_command(i, name, end)
        if name in SWITCHES:
            return self.switch(i, name, end)
        if name == "underset":
            return self.under(i, end)
        if name in ("underbrace", "overbrace"):
            return self.braced_note(i, name, end)
        if name in ("overset", "stackrel"):
            return self.over(i, name, end)
        self.copy(i, end)
        return end

    def name_command(self, i: int, name: str, end: int) -> int:
        """``\\mathrm{..}``, ``\\operatorname{..}``, ``\\text{..}``, ``\\mathbb{..}``."""
        if name in ("text", "textrm") and not self.text[self.skip_ws(end):].startswith("{"):
            self.copy(i, end)  # the lexer asks for the braces
            return end
        a, b, pos = self.group(end, "\\" + name)
        off = self.at(i)
        content = self.text[a:b]
        if name == "mathbb":
            self.put("\\mathbb{", off)
            self.copy(a, b)
            self.put("}", self.at(pos - 1))
            return pos
        word = " ".join(content.replace("\\,", " ").replace("\\;", " ").replace("\\!", "").split())
        if word in NAME_WORDS and (name not in ("text", "textrm") or not self.in_script()):
            # \text{log} outside a script is the upright log as typeset, not commentary: dropped, it changed the
            # row (-\int p \text{log} \frac{q}{p} was read as -\int p \frac{q}{p})
            self.put(" " + NAME_WORDS[word] + " ", off)
            return pos
        stripped = content.strip()
        after = self.skip_ws(pos)
        if (name in ("text", "textrm") and len(stripped) == 1 and stripped.isalpha() and stripped != "d"
                and not self.in_script() and after < len(self.text) and self.text[after] == "_"):
            # \textrm{D}_{\textrm{KL}}, \text{D}_\text{JS}: an upright letter with a subscript is a name of the
            # formula, as \mathrm{D} is, not prose
            name = "mathrm"
        if stripped.startswith("\\") and _ATOM.match(stripped) and name not in ("text", "textrm"):
            # \operatorname{\mathbb{E}}: the wrapper around a command is typesetting
            self.put_unwrapped(self.sub(a, b), off)
            return pos
        if (len(stripped) == 1 and stripped.isalpha() and stripped not in ("d", "E") and name not in ("text", "textrm")
                and not self.in_script()):
            # \mathrm{D}, \operatorname{D}: the letter itself (\mathrm{d} stays the differential's d)
            self.put(" " + stripped + " ", off)  # at the command: a row shown from here starts with it
            return pos
        # the lexer reads the word (\mathrm{KL}, p_{\text{data}}, commentary \text{..})
        self.put("\\" + name + "{", off)
        self.copy(a, b)
        self.put("}", self.at(pos - 1))
        return pos

    def switch(self, i: int, name: str, end: int) -> int:
        """An old font switch (``\\rm``, ``\\bf``, ``\\cal``, ``\\it``): ``\\rm{data}`` and ``{\\rm data}`` are
        ``\\mathrm{data}``; without braces it sets the rest of its group."""
        k = self.skip_ws(end)
        if k < len(self.text) and self.text[k] == "{":
            a, b, close = self.group(k, "\\" + name)
        else:
            a, depth, close = end, 0, end
            while close < len(self.text):
                c = self.text[close]
                if c == "\\":
                    close += 2
                    continue
                if c == "{":
                    depth += 1
                elif c == "}":
                    if depth == 0:
                        break
                    depth -= 1
                close += 1
            b = close
        head = "\\" + SWITCHES[name].dialect.lstrip("\\") + "{"
        text = head + self.text[a:b] + "}"
        offs = (self.at(i),) * len(head) + self.src[a:b] + (self.at(b), self.at(b))
        inner = _Normaliser(text, offs, self.source, self.in_script())
        inner.run()
        self.notes.extend(inner.notes)
        self.put_normal(inner.result())
        return close

    def under(self, i: int, end: int) -> int:
        """``\\underset{G}{\\max}`` is ``\\max_{G}``; a note set under an expression is commentary
        (``\\underset{\\in [0, \\log 2]}{\\text{JSD}(p, q)}``); under one symbol it makes a new symbol: refused."""
        a1, b1, p1 = self.group(end, "\\underset")
        a2, b2, p2 = self.group(p1, "\\underset")
        op = self.sub(a2, b2)
        if " ".join(op.text.split()) in UNDER_OPERATORS:
            below = self.sub(a1, b1)
            self.put_normal(op)
            self.put("_{", self.at(i))
            self.put_normal(below)
            self.put("}", self.at(p2 - 1))
            return p2
        if _ATOM.match(op.text) or not op.text.strip():
            raise self.source.error(self.at(i), "\\underset{..}{..} is read only over an operator (\\max, \\min, "
                                    "\\sup, \\inf, \\mathbb{E}), \\underset{G}{\\max}, or over an expression (the "
                                    "note under it is then commentary); under one symbol it makes a symbol of its "
                                    "own: name it with a letter of its own, or write the limit as a subscript")
        self.commentary(i, "\\underset", a1, b1)
        self.put_unwrapped(op, self.at(i))
        return p2

    def braced_note(self, i: int, name: str, end: int) -> int:
        """``\\underbrace{expr}_{note}`` and ``\\overbrace{expr}^{note}``: the expression; the note is commentary."""
        a, b, pos = self.group(end, "\\" + name)
        inner = self.sub(a, b)
        k = self.skip_ws(pos)
        mark = "_" if name == "underbrace" else "^"
        if k < len(self.text) and self.text[k] == mark:
            na, nb, pos = self.group(k + 1, "\\" + name + mark)
            self.commentary(i, "\\" + name, na, nb)
        self.put_unwrapped(inner, self.at(i))
        return pos

    def commentary(self, i: int, what: str, a: int, b: int) -> None:
        """A warning at ``i``: the note ``text[a:b]`` is commentary, not mathematics."""
        note = " ".join(self.text[a:b].split())
        shown = note if len(note) <= 40 else note[:37] + "..."
        self.notes.append((self.at(i), f"the note '{shown}' of {what} is commentary: only the expression is read"))

    def over(self, i: int, name: str, end: int) -> int:
        """``\\overset{\\text{def}}{=}`` is ``:=``; a note over another relation is commentary."""
        a1, b1, p1 = self.group(end, "\\" + name)
        a2, b2, p2 = self.group(p1, "\\" + name)
        note = " ".join(self.text[a1:b1].split())
        rel = self.sub(a2, b2)
        rel_text = " ".join(rel.text.split())
        if rel_text not in RELATIONS_UNDER_NOTES:
            raise self.source.error(self.at(i), f"\\{name}{{..}}{{..}} is read only over a relation "
                                    f"(\\{name}{{\\text{{def}}}}{{=}}, \\{name}{{(a)}}{{=}}), not over {rel_text!r}")
        if note in DEFINITION_NOTES and rel_text == "=":
            self.put(" := ", self.at(i))
        elif not _COMMENTARY_NOTE.match(note) or note in _RELATION_NOTES:
            raise self.source.error(self.at(a1), f"the note {note!r} over {rel_text!r} is read only as a definition "
                                    "mark (\\text{def}) or as commentary (a reference (a), (3), or a word in "
                                    "\\text{..}); a note such as d (equal in law) changes the relation")
        else:
            self.put(" ", self.at(i))
            self.put_normal(rel)
            self.put(" ", self.at(i))
        return p2

    def result(self) -> Normal:
        return Normal("".join(self.chars), tuple(self.offs) + (self.src[len(self.text)],), tuple(self.notes))


def normalise(text: str, base: int, source: Source) -> Normal:
    """The row ``text`` (at offset ``base`` of the file) in the dialect's spelling."""
    return normalise_mapped(text, tuple(range(base, base + len(text) + 1)), source)


def normalise_mapped(text: str, offs: tuple[int, ...], source: Source) -> Normal:
    """The row ``text`` in the dialect's spelling, ``offs`` the file offset of each of its characters and one
    past its end (a row whose macros were expanded: the expansion's characters are at the macro's offset)."""
    notes: tuple[tuple[int, str], ...] = ()
    if any(c in text for c in CONTROL_ESCAPES):
        text, offs, notes = _control_escapes(text, offs)
    if not text.isascii() and any(c in UNICODE_MATH for c in text):
        text, offs = _unicode_math(text, offs)
    if ("\\" not in text and not any(w in text for w in WORDS) and "^" not in text and "~" not in text
            and not _EMPTY_SCRIPT.search(text)):
        return Normal(text, offs, notes)
    n = _Normaliser(text, offs, source)
    n.run()
    r = n.result()
    return Normal(r.text, r.offsets, notes + r.notes)


UNICODE_MATH: dict[str, str] = {
    "\u2212": "-", "\u2013": "-", "\u2032": "'", "\u2019": "'", "\u2033": "''", "\u00d7": "\\times ",
    "\u00b7": "\\cdot ", "\u22c5": "\\cdot ", "\u2264": "\\le ", "\u2265": "\\ge ", "\u2260": "\\ne ",
    "\u2248": "\\approx ", "\u221e": "\\infty ", "\u222b": "\\int ", "\u2211": "\\sum ", "\u220f": "\\prod ",
    "\u2202": "\\partial ", "\u221a": "\\sqrt ", "\u2016": "\\| ", "\u2225": "\\| ", "\u2208": "\\in ",
    "\u2192": "\\to ", "\u21d2": "\\Rightarrow ", "\u2061": "", "\u00a0": " ", "\u2009": " ", "\u200b": "",
    **{chr(0x3b1 + i): f"\\{name} " for i, name in enumerate(
        "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho varsigma sigma tau "
        "upsilon phi chi psi omega".split()) if name not in ("omicron", "varsigma")},
    "\u0393": "\\Gamma ", "\u0394": "\\Delta ", "\u0398": "\\Theta ", "\u039b": "\\Lambda ", "\u03a0": "\\Pi ",
    "\u03a3": "\\Sigma ", "\u03a6": "\\Phi ", "\u03a8": "\\Psi ", "\u03a9": "\\Omega ", "\u03d5": "\\phi ",
    "\u03b5": "\\varepsilon ", "\u2113": "\\ell ", "\u223c": "\\sim ", "\u2a7d": "\\le ", "\u2a7e": "\\ge ",
    "\u2223": "\\mid ", "\u2200": "\\forall ", "\u211d": "\\mathbb{R} ", "\U0001d53c": "\\mathbb{E} ",
}
"""Unicode characters that pages paste into math (a minus sign, a prime, Greek letters, operators) -> the
dialect's LaTeX: ``f′(x) − 1`` is ``f'(x) - 1``, ``∫ p(x) dx`` is ``\\int p(x) dx``."""


def _unicode_math(text: str, offs: tuple[int, ...]) -> tuple[str, tuple[int, ...]]:
    """``text`` with every character of :data:`UNICODE_MATH` spelled in LaTeX; each character of a spelling is
    at the offset of the character it replaces."""
    out: list[str] = []
    out_offs: list[int] = []
    for i, c in enumerate(text):
        spelled = UNICODE_MATH.get(c, c)
        out.extend(spelled)
        out_offs.extend([offs[i]] * len(spelled))
    return "".join(out), tuple(out_offs) + (offs[len(text)],)


CONTROL_ESCAPES: dict[str, str] = {"\t": "t", "\x0c": "f", "\x08": "b", "\x0b": "v", "\x07": "a", "\r": "r"}
"""Control characters that a string escape makes of a backslash and a letter (``\\f`` of ``\\frac`` is a form
feed): with the letters after it, one of them spells a command again (``\\x0c`` ``rac`` is ``\\frac``)."""
_CONTROL_NAMES = {"\t": "a tab", "\x0c": "a form feed", "\x08": "a backspace", "\x0b": "a vertical tab",
                  "\x07": "a bell character", "\r": "a carriage return"}


def known_command(name: str) -> bool:
    """True when ``\\name`` is a command the reader reads (the table's and the lexer's)."""
    from ganproof.reader import lexer

    return (name in DROP or name in DELIMITERS or name in DROP_ARGS or name in WRAPPERS or name in ALIASES
            or name in NAME_COMMANDS or name in ("underset", "overset", "stackrel", "mathbb")
            or lexer.known_command(name))


def _control_escapes(text: str, offs: tuple[int, ...]) -> tuple[str, tuple[int, ...], tuple[tuple[int, str], ...]]:
    """A control character followed by letters that, with its escape letter, spell a known command
    (``\\x0c`` ``rac``, ``\\t`` ``ext``, ``\\x08`` ``ig``) is that command; a warning says so.  Only runs of two
    letters or more: a tab before one letter stays a space."""
    out: list[str] = []
    out_offs: list[int] = []
    notes: list[tuple[int, str]] = []
    i = 0
    while i < len(text):
        c = text[i]
        if c in CONTROL_ESCAPES:
            m = _LETTERS.match(text, i + 1)
            name = CONTROL_ESCAPES[c] + m.group(0) if m else ""
            if m and len(m.group(0)) >= 2 and known_command(name):
                out.extend("\\" + CONTROL_ESCAPES[c])
                out_offs.extend([offs[i], offs[i]])
                notes.append((offs[i], f"\\{name} ({_CONTROL_NAMES[c]}, U+{ord(c):04X}, followed by "
                              f"'{m.group(0)}': the \\{CONTROL_ESCAPES[c]} of \\{name} was turned into a control "
                              "character by a string escape)"))
                i += 1
                continue
        out.append(c)
        out_offs.append(offs[i])
        i += 1
    return "".join(out), tuple(out_offs) + (offs[len(text)],), tuple(notes)


# ------------------------------------------------------------------------------------------------ the reference
TABLE_START = "<!-- notation table: generated from ganproof/reader/notation.py by `python -m ganproof.reader.notation` -->"
TABLE_END = "<!-- end of the notation table -->"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def table_markdown() -> str:
    """The notation section of the format reference: one line per entry, grouped by kind."""
    lines = [TABLE_START, ""]
    for kind, meaning in KINDS.items():
        rows = entries(kind)
        if not rows:
            continue
        lines += [f"**{kind}**: {meaning}.", "", "| written | read as | what | example | in the dialect |",
                  "|---|---|---|---|---|"]
        for e in rows:
            dialect = f"`{_cell(e.dialect)}`" if e.dialect else "(dropped)" if kind in ("drop", "delimiter",
                                                                                       "drop-args") else ""
            example = f"`{_cell(e.example)}`" if e.example else ""
            same = f"`{_cell(e.same_as)}`" if e.same_as is not None else ""
            lines.append(f"| `{_cell(e.written)}` | {dialect} | {_cell(e.doc)} | {example} | {same} |")
        lines.append("")
    lines.append(TABLE_END)
    return "\n".join(lines)


def reference_path() -> str:
    """The format reference shipped with the package."""
    import os

    return os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "docs", "format.md")


def write_reference_table() -> None:
    """Regenerate the notation section of the format reference in place."""
    path = reference_path()
    with open(path, encoding="utf-8") as fh:
        text = fh.read()
    start, end = text.index(TABLE_START), text.index(TABLE_END) + len(TABLE_END)
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(text[:start] + table_markdown() + text[end:])


if __name__ == "__main__":
    write_reference_table()
