"""The grammar of one row of the LaTeX dialect (LALR, over the tokens of :mod:`ganproof.reader.lexer`).

The parse tree is turned into the reader's own frozen syntax tree
(:mod:`ganproof.reader.ast`) by :class:`ToAst`; nothing in the file is ever
evaluated.  Open operators (an expectation without brackets, an integral
without a differential, ``\\sum``, ``\\lim``, a derivative) take the rest of
their additive term, which is why they are the ``tail`` of a ``term``.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from lark import Lark, Token, Transformer_NonRecursive, v_args
from lark.exceptions import LarkError, UnexpectedInput, UnexpectedToken
from lark.lexer import Lexer

from ganproof.reader import syntax as ast
from ganproof.reader.lexer import Lexed
from ganproof.reader.source import Source

GRAMMAR = r"""
%declare NUMBER LETTER GREEK TEXT NAMEWORD OPNAME EXPECT INT_D INT_O DIFF SUM LIM LOG EXP SQRT FRAC DERIV
%declare MAXMIN TO INFTY SIM PAR STAR SUB SUP PLUS MINUS TIMES DIV REL LPAR CALLPAR CALLBRACK RPAR LBRACK RBRACK
%declare LBRACE RBRACE EOPEN_P EOPEN_B COMMA COLON REALS DEFEQ LABEL ABS_L ABS_R

start: expr? rel_tail*
rel_tail: REL expr
        | DEFEQ expr

?expr: sum
     | MAXMIN optsub expr            -> optimise
optsub: SUB bval
      |                              -> no_sub

?sum: signed
    | sum PLUS signed                -> add
    | sum MINUS signed               -> sub
?signed: term
       | MINUS signed                -> neg
       | PLUS signed                 -> pos

?term: product
     | product tail                  -> ptail
     | tail
?tail: EXPECT escript term           -> expect_open
     | EXPECT term                   -> expect_open_bare
     | INT_O ibounds term            -> int_open
     | INT_O term                    -> int_open_bare
     | SUM sbounds term              -> sum_open
     | LIM lbounds term              -> lim_open
     | LOG SUM sbounds term          -> log_sum_open
     | LOG SUB bval SUM sbounds term -> log_base_sum_open
     | DERIV expr RBRACE term        -> deriv

?product: factor
        | product factor             -> juxt
        | product TIMES factor       -> times
        | product DIV factor         -> div

?factor: power
       | LOG power                   -> log
       | LOG SUB bval power          -> log_base
       | EXP power                   -> exp

?power: atom
      | atom SUP supval              -> power
      | call
      | call SUP supval              -> power
      | name

call: name CALLPAR args RPAR
    | OPNAME CALLPAR args RPAR       -> opcall
    | OPNAME CALLBRACK args RBRACK   -> opcall
args: expr (sep expr)*
sep: COMMA | PAR

name: LETTER script*
    | GREEK script*
script: SUB subval                   -> subscript
      | SUP supval                   -> superscript
      | LABEL                        -> label_script
subval: LETTER | NUMBER | GREEK | TEXT | NAMEWORD
      | LBRACE subitem+ RBRACE
subitem: LETTER | NUMBER | GREEK | TEXT | NAMEWORD | STAR | COMMA
       | SUB subval                  -> subitem_sub
supval: LETTER                       -> sup_letter
      | NUMBER                       -> sup_number
      | GREEK                        -> sup_letter
      | STAR                         -> sup_star
      | LBRACE STAR RBRACE           -> sup_star
      | LBRACE expr RBRACE           -> sup_expr

?atom: NUMBER                        -> number
     | INFTY                         -> infty
     | LPAR expr RPAR                -> paren
     | LBRACK expr RBRACK            -> paren
     | LBRACE expr RBRACE            -> paren
     | FRAC fracarg fracarg          -> frac
     | SQRT LBRACE expr RBRACE       -> sqrt
     | ABS_L expr ABS_R              -> abs_value
     | INT_D ibounds expr DIFF       -> int_closed
     | INT_D expr DIFF               -> int_closed_bare
     | EXPECT escript EOPEN_P expr RPAR   -> expect_closed
     | EXPECT escript EOPEN_B expr RBRACK -> expect_closed
     | EXPECT EOPEN_P expr RPAR      -> expect_closed_bare
     | EXPECT EOPEN_B expr RBRACK    -> expect_closed_bare

fracarg: LBRACE expr RBRACE
       | NUMBER
       | LETTER
       | GREEK
escript: SUB LETTER                  -> escript_var
       | SUB LBRACE name RBRACE      -> escript_name
       | SUB LBRACE LETTER SIM expr RBRACE  -> escript_law
       | SUB LBRACE name CALLPAR LETTER RPAR RBRACE -> escript_density
ibounds: SUB bval                    -> ib_lower
       | SUB bval SUP bval           -> ib_both
       | SUP bval SUB bval           -> ib_both_rev
bval: LETTER                         -> bval_letter
    | NUMBER                         -> bval_number
    | GREEK                          -> bval_letter
    | INFTY                          -> bval_infty
    | REALS                          -> bval_reals
    | LBRACE expr RBRACE             -> bval_expr
    | LBRACE REALS RBRACE            -> bval_reals
sbounds: SUB LBRACE LETTER REL expr RBRACE SUP bval   -> sb_full
       | SUB LETTER                  -> sb_index
       | SUB LBRACE LETTER RBRACE    -> sb_index
lbounds: SUB LBRACE LETTER TO INFTY RBRACE
"""


class _ListLexer(Lexer):
    """Hands the parser the token list the reader's lexer made."""

    def __init__(self, lexer_conf: Any) -> None:  # noqa: D401 - lark's interface
        pass

    def lex(self, data: Any, *args: Any) -> Any:  # type: ignore[override]
        return iter(data)


@lru_cache(maxsize=1)
def parser() -> Lark:
    return Lark(GRAMMAR, parser="lalr", lexer=_ListLexer, start="start", strict=True)


def _first_diff(tok: Token) -> str | None:
    """The variable of an integral whose differential was written first (the lexer gives its INT_O the value
    ``dx``), else None."""
    value = str(tok)
    return value[1:] if value.startswith("d") and len(value) == 2 else None


def _pos(tok: Any) -> int:
    if isinstance(tok, Token):
        return int(tok.start_pos or 0)
    return int(getattr(tok, "pos", 0))


@v_args(inline=True)
class ToAst(Transformer_NonRecursive):  # type: ignore[type-arg]
    """Parse tree to :mod:`ganproof.reader.ast` values (whitelisted node by node).

    Non-recursive: a flat sum of many terms is a left-deep tree as deep as its terms, which a
    recursive transformer would overflow the stack on."""

    def start(self, *items: Any) -> ast.RowTree:
        lead = None
        rels = []
        for it in items:
            if isinstance(it, ast.Relation):
                rels.append(it)
            else:
                lead = it
        pos = _pos(lead) if lead is not None else (rels[0].pos if rels else 0)
        return ast.RowTree(lead, tuple(rels), pos)

    def rel_tail(self, rel: Token, rhs: ast.Node) -> ast.Relation:
        return ast.Relation(str(rel), rhs, _pos(rel), _pos(rhs))

    def optimise(self, tok: Token, over: Any, body: ast.Node) -> ast.Optimise:
        return ast.Optimise(str(tok), over, body, _pos(tok))

    def optsub(self, _sub: Token, b: Any) -> Any:
        return b

    def no_sub(self) -> None:
        return None

    def add(self, a: ast.Node, op: Token, b: ast.Node) -> ast.BinOp:
        return ast.BinOp("+", a, b, _pos(a))

    def sub(self, a: ast.Node, op: Token, b: ast.Node) -> ast.BinOp:
        return ast.BinOp("-", a, b, _pos(a))

    def neg(self, op: Token, a: ast.Node) -> ast.Neg:
        return ast.Neg(a, _pos(op))

    def pos(self, op: Token, a: ast.Node) -> ast.Node:
        return a

    def ptail(self, a: ast.Node, b: ast.Node) -> ast.BinOp:
        return ast.BinOp("juxt", a, b, _pos(a))

    def juxt(self, a: ast.Node, b: ast.Node) -> ast.BinOp:
        return ast.BinOp("juxt", a, b, _pos(a))

    def times(self, a: ast.Node, op: Token, b: ast.Node) -> ast.BinOp:
        return ast.BinOp("*", a, b, _pos(a))

    def div(self, a: ast.Node, op: Token, b: ast.Node) -> ast.BinOp:
        return ast.BinOp("/", a, b, _pos(a))

    def log(self, tok: Token, a: ast.Node) -> ast.Func:
        return ast.Func("log", a, _pos(tok))

    def log_base(self, tok: Token, _s: Token, base: ast.Node, a: ast.Node) -> ast.Frac:
        """``\\log_b a`` is ``\\frac{\\log a}{\\log b}`` (the logarithm to base b)."""
        return ast.Frac(ast.Func("log", a, _pos(tok)), ast.Func("log", base, _pos(tok)), _pos(tok))

    def log_sum_open(self, tok: Token, stok: Token, bounds: Any, body: ast.Node) -> ast.Func:
        """``\\log \\sum_i f_i``: the logarithm of the sum, which spans the rest of the additive term."""
        return ast.Func("log", ast.Paren(self.sum_open(stok, bounds, body), _pos(stok)), _pos(tok))

    def log_base_sum_open(self, tok: Token, _s: Token, base: ast.Node, stok: Token, bounds: Any,
                          body: ast.Node) -> ast.Frac:
        return self.log_base(tok, _s, base, ast.Paren(self.sum_open(stok, bounds, body), _pos(stok)))

    def exp(self, tok: Token, a: ast.Node) -> ast.Func:
        return ast.Func("exp", a, _pos(tok))

    def sqrt(self, tok: Token, _l: Token, a: ast.Node, _r: Token) -> ast.Func:
        return ast.Func("sqrt", a, _pos(tok))

    def abs_value(self, tok: Token, a: ast.Node, _r: Token) -> ast.Func:
        return ast.Func("abs", a, _pos(tok))

    def power(self, base: ast.Node, _sup: Token, e: ast.Node) -> ast.Power:
        return ast.Power(base, e, _pos(base))

    def call(self, name: ast.Name, _l: Token, args: tuple[ast.Node, ...], r: Token) -> ast.Call:
        return ast.Call(name, args, name.pos, _pos(r) + 1)

    def opcall(self, op: Token, _l: Token, args: tuple[Any, ...], _r: Token) -> ast.OpCall:
        return ast.OpCall(str(op), args, _pos(op))

    def args(self, *items: Any) -> tuple[Any, ...]:
        out = []
        for it in items:
            if isinstance(it, tuple) and len(it) == 2 and it[0] == "sep":
                out.append(("sep", it[1]))
            else:
                out.append(it)
        return tuple(out)

    def sep(self, tok: Token) -> tuple[str, str]:
        return ("sep", "||" if tok.type == "PAR" else ",")

    def name(self, head: Token, *scripts: Any) -> ast.Name:
        sub: tuple[str, ...] | None = None
        sups: list[ast.Node] = []
        label: str | None = None
        end = int(head.end_pos or 0)
        for kind, value, e in scripts:
            end = max(end, e)
            if kind == "sub":
                sub = (sub or ()) + value
            elif kind == "label":
                label = value if label is None else f"{label},{value}"
            else:
                sups.append(value)
        return ast.Name(str(head), sub, tuple(sups), _pos(head), end, label)

    def label_script(self, tok: Token) -> tuple[str, str, int]:
        return ("label", str(tok), int(tok.end_pos or 0))

    def subscript(self, _t: Token, value: tuple[tuple[str, ...], int]) -> tuple[str, Any, int]:
        return ("sub", value[0], value[1])

    def superscript(self, t: Token, value: Any) -> tuple[str, Any, int]:
        return ("sup", value, _pos(t) + 1)

    def subval(self, *toks: Any) -> tuple[tuple[str, ...], int]:
        parts = [p for p in toks if not (isinstance(p, Token) and p.type in ("LBRACE", "RBRACE"))]
        words = tuple(str(p) if isinstance(p, Token) else p for p in parts)
        end = max(int(t.end_pos or 0) for t in toks if isinstance(t, Token))
        return tuple(w for w in words), end

    def subitem(self, tok: Token) -> Token:
        return tok

    def subitem_sub(self, tok: Token, value: tuple[tuple[str, ...], int]) -> Token:
        """A subscript's own subscript (``p_{G_\\theta}``, ``p_{\\theta_0}``): part of the name, ``G_theta``."""
        return Token("NAMEWORD", "_" + "".join(value[0]), start_pos=tok.start_pos, end_pos=value[1])

    def sup_letter(self, tok: Token) -> ast.Name:
        return ast.Name(str(tok), None, (), _pos(tok), int(tok.end_pos or 0))

    def sup_number(self, tok: Token) -> ast.Num:
        return ast.Num(str(tok), _pos(tok))

    def sup_star(self, *toks: Token) -> ast.Star:
        return ast.Star(_pos(toks[0]))

    def sup_expr(self, _l: Token, e: ast.Node, _r: Token) -> ast.Node:
        return e

    def number(self, tok: Token) -> ast.Num:
        return ast.Num(str(tok), _pos(tok))

    def infty(self, tok: Token) -> ast.Infinity:
        return ast.Infinity(_pos(tok))

    def paren(self, l: Token, e: ast.Node, _r: Token) -> ast.Paren:
        return ast.Paren(e, _pos(l))

    def frac(self, tok: Token, a: ast.Node, b: ast.Node) -> ast.Frac:
        return ast.Frac(a, b, _pos(tok))

    def fracarg(self, *items: Any) -> ast.Node:
        if len(items) == 3:
            return items[1]  # type: ignore[no-any-return]
        tok = items[0]
        if tok.type == "NUMBER":
            return ast.Num(str(tok), _pos(tok))
        return ast.Name(str(tok), None, (), _pos(tok), int(tok.end_pos or 0))

    def int_closed(self, tok: Token, bounds: Any, body: ast.Node, diff: Token) -> ast.Integral:
        return ast.Integral(bounds[0], bounds[1], body, str(diff), _pos(tok))

    def int_closed_bare(self, tok: Token, body: ast.Node, diff: Token) -> ast.Integral:
        return ast.Integral(None, None, body, str(diff), _pos(tok))

    def int_open(self, tok: Token, bounds: Any, body: ast.Node) -> ast.Integral:
        return ast.Integral(bounds[0], bounds[1], body, _first_diff(tok), _pos(tok))

    def int_open_bare(self, tok: Token, body: ast.Node) -> ast.Integral:
        return ast.Integral(None, None, body, _first_diff(tok), _pos(tok))

    def ib_lower(self, _s: Token, b: Any) -> tuple[Any, Any]:
        return (b, None)

    def ib_both(self, _s: Token, lo: Any, _u: Token, hi: Any) -> tuple[Any, Any]:
        return (lo, hi)

    def ib_both_rev(self, _u: Token, hi: Any, _s: Token, lo: Any) -> tuple[Any, Any]:
        return (lo, hi)

    def bval_letter(self, tok: Token) -> ast.Name:
        return ast.Name(str(tok), None, (), _pos(tok), int(tok.end_pos or 0))

    def bval_number(self, tok: Token) -> ast.Num:
        return ast.Num(str(tok), _pos(tok))

    def bval_infty(self, tok: Token) -> ast.Infinity:
        return ast.Infinity(_pos(tok))

    def bval_reals(self, *toks: Token) -> ast.Reals:
        return ast.Reals(_pos(toks[0]))

    def bval_expr(self, _l: Token, e: ast.Node, _r: Token) -> ast.Node:
        return e

    def expect_closed(self, tok: Token, script: Any, opener: Token, body: ast.Node, _c: Token) -> ast.Expect:
        return ast.Expect(script[0], script[1], body, True, _pos(tok))

    def expect_closed_bare(self, tok: Token, opener: Token, body: ast.Node, _c: Token) -> ast.Expect:
        return ast.Expect(None, None, body, True, _pos(tok))

    def expect_open(self, tok: Token, script: Any, body: ast.Node) -> ast.Expect:
        return ast.Expect(script[0], script[1], body, False, _pos(tok))

    def expect_open_bare(self, tok: Token, body: ast.Node) -> ast.Expect:
        return ast.Expect(None, None, body, False, _pos(tok))

    def escript_var(self, *toks: Token) -> tuple[str, None]:
        letter = [t for t in toks if t.type == "LETTER"][0]
        return (str(letter), None)

    def escript_name(self, _s: Token, _l: Token, name: ast.Name, _r: Token) -> tuple[str, Any]:
        """``\\mathbb{E}_{x}`` names the variable; ``\\mathbb{E}_{p_{data}}`` (a name with a script) the law."""
        if not name.sub and not name.sups and not name.label and len(name.base) == 1:
            return (name.base, None)
        return ("", name)

    def escript_law(self, _s: Token, _l: Token, var: Token, _sim: Token, law: ast.Node, _r: Token) -> tuple[str, Any]:
        return (str(var), law)

    def escript_density(self, _s: Token, _l: Token, law: ast.Name, _p: Token, var: Token, r: Token,
                        _r: Token) -> tuple[str, Any]:
        """``\\mathbb{E}_{p(x)}`` is ``\\mathbb{E}_{x \\sim p(x)}``: the law applied to the variable drawn."""
        v = ast.Name(str(var), None, (), _pos(var), int(var.end_pos or 0))
        return (str(var), ast.Call(law, (v,), law.pos, _pos(r) + 1))

    def sum_open(self, tok: Token, bounds: Any, body: ast.Node) -> ast.Sum:
        return ast.Sum(bounds[0], bounds[1], bounds[2], body, _pos(tok))

    def sb_full(self, _s: Token, _l: Token, idx: Token, rel: Token, lo: ast.Node, _r: Token, _u: Token,
                hi: Any) -> tuple[str, Any, Any]:
        return (str(idx), lo, hi)

    def sb_index(self, *toks: Token) -> tuple[str, None, None]:
        letter = [t for t in toks if t.type == "LETTER"][0]
        return (str(letter), None, None)

    def lim_open(self, tok: Token, var: str, body: ast.Node) -> ast.Limit:
        return ast.Limit(var, body, _pos(tok))

    def lbounds(self, _s: Token, _l: Token, var: Token, *_rest: Token) -> str:
        return str(var)

    def deriv(self, tok: Token, by: ast.Node, _r: Token, body: ast.Node) -> ast.Deriv:
        return ast.Deriv(by, body, _pos(tok))


_EXPECTED_NAMES = {
    "RPAR": "')'", "RBRACK": "']'", "RBRACE": "'}'", "REL": "a relation (=, \\le, \\ge)", "DIFF": "a differential dx",
    "NUMBER": "a number", "LETTER": "a letter", "LBRACE": "'{'", "SUB": "'_'", "SUP": "'^'",
}


def parse_row(lexed: Lexed, source: Source, row_start: int) -> ast.RowTree:
    """The syntax tree of one row, or an InputError at the first token the grammar cannot take."""
    toks = [Token(t.type, t.value, start_pos=t.offset, end_pos=t.end) for t in lexed.tokens]
    try:
        tree = parser().parse(toks)
    except UnexpectedToken as exc:
        tok = exc.token
        expected = sorted(_EXPECTED_NAMES.get(e, e) for e in (exc.expected or ()) if e in _EXPECTED_NAMES)
        if tok.type == "$END":
            offset = toks[-1].end_pos if toks else row_start
            msg = "the row ends too early"
        else:
            offset = tok.start_pos
            msg = f"unexpected {tok.value!r} here"
        hint = f" (expected {', '.join(expected[:4])})" if expected else ""
        raise source.error(int(offset or row_start), msg + hint) from None
    except UnexpectedInput as exc:  # pragma: no cover - the list lexer never fails
        raise source.error(row_start, f"cannot read this row: {exc}") from None
    except LarkError as exc:  # pragma: no cover - defensive
        raise source.error(row_start, f"cannot read this row: {exc}") from None
    return ToAst().transform(tree)  # type: ignore[no-any-return]
