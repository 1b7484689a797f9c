"""The reader of LaTeX derivation files: ``ganproof check FILE`` (ganproof/docs/format.md).

blocks (display math, rows, directives) -> lexer (whitelisted tokens) ->
grammar (lark LALR, to the reader's syntax tree) -> resolve (to the SymPy
vocabulary) -> document (what each row means) -> check (verdicts).
"""
