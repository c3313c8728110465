"""The code reader's control flow: `for` over known ranges, lists and tuples (with zip and enumerate),
`while` on known conditions, `break` and `continue`, `if` / `elif` / `else` on known values,
`assert`, `with` blocks, and comprehensions, each with its own scope for its loop names.

A loop walks its known items one by one: every statement it runs is a step, so a loop of 10**12
iterations stops at the step bound with a note. A condition that cannot be known refuses its whole
statement (its line and why), and the names it would have set become unreadable.
"""
from __future__ import annotations

import ast

from .code_base import ReaderBase
from .code_builtins import collect, iterate
from .code_ops import truth
from .code_values import DictVal, Refusal, Val, deps_of


class Break(Exception):
    """`break`: leaves the innermost loop."""


class Continue(Exception):
    """`continue`: the innermost loop's next item."""


class Flow(ReaderBase):
    def run_for(self, stmt: ast.For, scope: list[dict], in_def: bool) -> None:
        items = iterate(self.evaluate(stmt.iter, scope), stmt.iter)
        for item in items:
            self.step(stmt)
            self.bind(stmt.target, item, scope, stmt, False)
            if not self.one_round(stmt, scope, in_def):
                return
        self.run_block(stmt.orelse, scope, in_def)

    def run_while(self, stmt: ast.While, scope: list[dict], in_def: bool) -> None:
        while self.known_truth(stmt.test, scope):
            self.step(stmt)
            if not self.one_round(stmt, scope, in_def):
                return
        self.run_block(stmt.orelse, scope, in_def)

    def one_round(self, stmt: ast.For | ast.While, scope: list[dict], in_def: bool) -> bool:
        """The loop's body once; False when a `break` left the loop."""
        try:
            self.run_block(stmt.body, scope, in_def)
        except Break:
            return False
        except Continue:
            pass
        return True

    def run_if(self, stmt: ast.If, scope: list[dict], in_def: bool) -> None:
        branch = stmt.body if self.known_truth(stmt.test, scope) else stmt.orelse
        self.run_block(branch, scope, in_def)

    def known_truth(self, test: ast.expr, scope: list[dict]) -> bool:
        try:
            value = self.evaluate(test, scope)
        except Refusal as refusal:
            self.refused(refusal, test)
            raise Refusal(test, "read.condition_unknown") from None
        if isinstance(value, Val):
            self.flow_uses |= deps_of(value)
        return truth(value, test)

    def run_assert(self, stmt: ast.Assert, scope: list[dict]) -> None:
        """An assert is checked where its values are known, and skipped with a note where not."""
        try:
            holds = truth(self.evaluate(stmt.test, scope), stmt.test)
        except Refusal:
            self.note(stmt, "info", "read.assert_unknown")
            return
        if not holds:
            self.note(stmt, "warning", "read.assert_fails")

    def run_with(self, stmt: ast.With, scope: list[dict], in_def: bool) -> None:
        """`with strategy.scope():` and the like only frame the model code: their body is read."""
        for item in stmt.items:
            if item.optional_vars is not None:
                raise Refusal(stmt, "read.statement", what="with ... as")
        self.note(stmt, "info", "read.with_body")
        self.run_block(stmt.body, scope, in_def)

    # -- comprehensions -------------------------------------------------------------------------------
    def comprehension(self, node: ast.ListComp | ast.GeneratorExp | ast.SetComp | ast.DictComp,
                      scope: list[dict]) -> object:
        if isinstance(node, ast.SetComp):
            raise Refusal(node, "read.expression", what="set")
        results: list[object] = []
        local: dict = {}
        self.walk_generators(node, list(node.generators), [local] + scope, results)
        if isinstance(node, ast.DictComp):
            return DictVal(tuple(results))
        return collect(results, node)

    def walk_generators(self, node: ast.AST, generators: list[ast.comprehension], scope: list[dict],
                        results: list[object]) -> None:
        first, rest = generators[0], generators[1:]
        if first.is_async:
            raise Refusal(first, "read.expression", what="async for")
        for item in iterate(self.evaluate(first.iter, scope), first.iter):
            self.step(first)
            self.bind(first.target, item, scope, None, False)
            if not all(truth(self.evaluate(test, scope), test) for test in first.ifs):
                continue
            if rest:
                self.walk_generators(node, rest, scope, results)
            elif isinstance(node, ast.DictComp):
                key = self.value_of(self.evaluate(node.key, scope), node.key)
                if isinstance(key.value, tuple):
                    raise Refusal(node.key, "read.dict_key")
                results.append((key.value, self.evaluate(node.value, scope)))
            else:
                results.append(self.evaluate(node.elt, scope))

    def if_value(self, node: ast.IfExp, scope: list[dict]) -> object:
        return self.evaluate(node.body if self.known_truth(node.test, scope) else node.orelse, scope)

    def bool_op(self, node: ast.BoolOp, scope: list[dict]) -> object:
        """`a and b`, `a or b`: Python's value, short-circuited."""
        value: object = Val(None)
        for operand in node.values:
            value = self.evaluate(operand, scope)
            if truth(value, operand) == isinstance(node.op, ast.Or):
                return value
        return value
