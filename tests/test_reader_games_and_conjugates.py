"""Two spellings of course notes on GANs and f-GANs (issue 14): the game written over the weights,
``\\min_\\theta \\max_\\phi V(G_\\theta, D_\\phi) = ...``, defines V as ``\\min_G \\max_D V(G, D) = ...`` does; and a
conjugate ``f^*`` applied and never defined is any real function, as f is."""

from __future__ import annotations

from ganproof.chain import Verdict
from ganproof.reader.document import read_text
from tests.file_checks import ACCEPTED, checked

GAME = ("$$\n\\min_{\\theta} \\max_{\\phi} V(G_\\theta, D_\\phi) = \\mathbb{E}_{x \\sim p}[\\log D_\\phi(x)] "
        "+ \\mathbb{E}_{z \\sim p_z}[\\log (1-D_\\phi(G_\\theta(z)))]\n$$\n")


def test_regression_a_game_over_the_weights_did_not_define_v() -> None:
    doc = read_text(GAME + "$$\n1 = 1\n$$\n")
    assert [d.name for d in doc.definitions] == ["V(G_\\theta, D_\\phi)"]
    steps = checked(GAME + "$$\nV(G_\\theta, D_\\phi) = \\mathbb{E}_{z \\sim p_z}[\\log (1-D_\\phi(G_\\theta(z)))] "
                    "+ \\mathbb{E}_{x \\sim p}[\\log D_\\phi(x)]\n$$\n")
    assert steps[5][0] in ACCEPTED


def test_a_prefix_over_a_name_that_is_no_parameter_is_no_definition() -> None:
    doc = read_text("$$\n\\min_{\\psi} V(G_\\theta, D_\\phi) = 1\n$$\n$$\n1 = 1\n$$\n")
    assert not doc.definitions


def test_regression_a_conjugate_applied_and_never_defined_was_an_unknown_name() -> None:
    steps = checked("$$\nf^*(t) + f^*(s) = f^*(s) + f^*(t)\n$$\n$$\nf^*(t) = f^*(2 t)\n$$\n")
    assert steps[2][0] in ACCEPTED
    assert steps[5][0] is Verdict.REFUTED
