"""The sandbox a repo's templates run in, with limits on what one page may build and do.

Jinja's sandbox keeps a template away from Python's internals, but not from the machine's
memory and time. On top of it (ImmutableSandboxedEnvironment: no changing lists or dicts
in place), every page gets a budget:

- one expression may build at most MAX_VALUE characters or items, sized before it runs
  (govkit.render.sizes): repeats, joins, padding, format widths, replace, range, batch, slice;
- a page may take at most MAX_STEPS steps: loop turns, calls, filters and template loads
  (a macro call costs about as much as MACRO_STEPS loop turns, so it counts that many), so
  nested loops and recursive macros stop within a second;
- a page may build, read through filters and write at most MAX_WORK characters or items;
- and, for anything these do not see, a page may take at most MAX_SECONDS.

Loops, `~`, comparisons, slices and literal text are not calls Jinja lets a sandbox see, so
the code generator routes them through the environment too.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from jinja2 import nodes, pass_eval_context
from jinja2.compiler import CodeGenerator, Frame, operators
from jinja2.runtime import LoopContext, Macro
from jinja2.sandbox import ImmutableSandboxedEnvironment

from govkit.render.filter_sizes import FILTER_SIZES, TEXT_FILTERS
from govkit.render.sizes import METHOD_SIZES, TemplateLimit, binop_size, refuse_over, sized, text_size

MAX_STEPS = 300_000  # the built-in portfolio of 1,000 teams takes about 35,000
MACRO_STEPS = 10
MAX_WORK = 20_000_000
MAX_SECONDS = 20.0
MAX_RANGE = 100_000


class PageBudget:
    """What the page being rendered has used so far."""

    __slots__ = ("deadline", "steps", "work")

    def __init__(self) -> None:
        self.start()

    def start(self) -> None:
        self.steps, self.work, self.deadline = 0, 0, time.monotonic() + MAX_SECONDS

    def step(self, count: int = 1) -> None:
        self.steps += count
        if self.steps > MAX_STEPS:
            raise TemplateLimit(
                f"the page takes more than {MAX_STEPS:,} steps (loop turns, calls and filters); loop over less"
            )
        self._in_time()

    def spend(self, size: int) -> None:
        self.work += size
        if self.work > MAX_WORK:
            raise TemplateLimit(f"the page builds more than {MAX_WORK:,} characters or items in all; make it smaller")
        self._in_time()

    def left(self) -> int:
        return MAX_WORK - self.work

    def _in_time(self) -> None:
        if time.monotonic() > self.deadline:
            raise TemplateLimit(f"the page took more than {MAX_SECONDS:.0f} seconds to render")


class BoundedCode(CodeGenerator):
    """Jinja's code generator, sending what the sandbox cannot see through the environment."""

    def visit_For(self, node: nodes.For, frame: Frame) -> None:
        node.iter = nodes.Call(nodes.EnvironmentAttribute("counted"), [node.iter], [], None, None, lineno=node.lineno)
        super().visit_For(node, frame)

    def visit_Output(self, node: nodes.Output, frame: Frame) -> None:
        literal = sum(len(child.data) for child in node.nodes if isinstance(child, nodes.TemplateData))
        if literal:
            self.writeline(f"environment.budget.spend({literal})", node)
        super().visit_Output(node, frame)

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        if frame.eval_ctx.volatile:
            join = "(markup_join if context.eval_ctx.volatile else str_join)"
        else:
            join = "markup_join" if frame.eval_ctx.autoescape else "str_join"
        self.write(f"environment.joined({join}, (")
        for part in node.nodes:
            self.visit(part, frame)
            self.write(", ")
        self.write("))")

    def visit_Operand(self, node: nodes.Operand, frame: Frame) -> None:
        # `==`, `<` and `in` read up to the whole right-hand side.
        self.write(f" {operators[node.op]} environment.scanned(")
        self.visit(node.expr, frame)
        self.write(")")

    def visit_Getitem(self, node: nodes.Getitem, frame: Frame) -> None:
        if not isinstance(node.arg, nodes.Slice):
            super().visit_Getitem(node, frame)
            return
        self.write("environment.scanned(")
        super().visit_Getitem(node, frame)
        self.write(")")


class BoundedSandbox(ImmutableSandboxedEnvironment):
    """A sandbox whose pages stay within a PageBudget; start each page with `budget.start()`."""

    code_generator_class = BoundedCode
    intercepted_binops = frozenset({"*", "+", "%", "**"})

    def __init__(
        self, *, filters: dict[str, Callable[..., Any]], finalize: Callable[[Any], Any] | None, **options: Any
    ) -> None:
        budget = PageBudget()

        def written(eval_ctx: Any, value: Any) -> Any:
            shown = value if finalize is None else finalize(value)
            budget.spend(text_size(shown, budget.left()))
            return shown

        # Needing the evaluation context also keeps Jinja from writing values out at compile time, uncounted.
        super().__init__(finalize=pass_eval_context(written), **options)
        self.budget = budget
        self.globals["range"] = _bounded_range
        self.globals.pop("lipsum", None)  # paragraphs of filler on demand: nothing a charter page needs
        self.filters = {name: self._bounded(name, f) for name, f in {**self.filters, **filters}.items()}
        contains: Any = self.tests["in"]
        self.tests["in"] = self._scanning_test(contains)

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        size = binop_size(operator, left, right)
        refuse_over(size, f"`{operator}`")
        self.budget.spend(size)
        return super().call_binop(context, operator, left, right)

    def call(self, context: Any, obj: Any, /, *args: Any, **kwargs: Any) -> Any:
        self.budget.step(MACRO_STEPS if isinstance(obj, Macro) else 1)
        if isinstance(obj, LoopContext) and args:  # `loop(children)` in a recursive loop: its turns count too
            args = (self.counted(args[0]), *args[1:])
        method = getattr(obj, "__wrapped__", obj)  # the sandbox wraps str.format to check its fields
        owner = getattr(method, "__self__", None)
        if isinstance(owner, str | bytes | int) and not isinstance(owner, bool):
            estimate = METHOD_SIZES.get(getattr(method, "__name__", ""))
            if estimate is not None:
                size, args = estimate(owner, args, kwargs)
                refuse_over(size, f"`.{method.__name__}()`")
            self.budget.spend(sized(owner))
        result = super().call(context, obj, *args, **kwargs)
        self.budget.spend(sized(result))
        return result

    def get_template(self, *args: Any, **kwargs: Any) -> Any:
        self.budget.step()  # an include that includes itself twice doubles at each level
        return super().get_template(*args, **kwargs)

    def select_template(self, *args: Any, **kwargs: Any) -> Any:
        self.budget.step()
        return super().select_template(*args, **kwargs)

    # Called by the generated code (BoundedCode).

    def counted(self, iterable: Any) -> Any:
        """A loop's items, each turn a step."""
        try:
            self.budget.step(len(iterable))
        except TypeError:
            return self._each_counted(iterable)
        return iterable

    def _each_counted(self, iterable: Iterable[Any]) -> Iterator[Any]:
        for item in iterable:
            self.budget.step()
            yield item

    def joined(self, join: Callable[[Any], str], parts: tuple[Any, ...]) -> str:
        size = sum(text_size(part) for part in parts)
        refuse_over(size, "`~`")
        self.budget.spend(size)
        return join(parts)

    def scanned(self, value: Any) -> Any:
        self.budget.spend(sized(value))
        return value

    def _scanning_test(self, test: Callable[..., Any]) -> Callable[..., bool]:
        @functools.wraps(test)
        def scanning(value: Any, seq: Any) -> bool:
            return bool(test(value, self.scanned(seq)))

        return scanning

    def _bounded(self, name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        skip = 0 if getattr(function, "jinja_pass_arg", None) is None else 1  # a context comes first
        check = FILTER_SIZES.get(name)
        budget = self.budget

        @functools.wraps(function)  # keeps jinja_pass_arg, so Jinja still passes the context
        def bounded(*args: Any, **kwargs: Any) -> Any:
            budget.step()
            if len(args) > skip:
                value = args[skip]
                if name in TEXT_FILTERS:
                    refuse_over(text_size(value), f"`|{name}`")
                if check is not None:
                    args = (*args[:skip], *check(self, value, args[skip + 1 :], kwargs))
                budget.spend(sized(value))
            result = function(*args, **kwargs)
            budget.spend(sized(result))
            return result

        return bounded


def _bounded_range(*args: int) -> range:
    numbers = range(*args)
    try:
        count = len(numbers)
    except OverflowError:
        count = MAX_RANGE + 1
    if count > MAX_RANGE:
        raise TemplateLimit(f"range() would count {count:,} numbers; a template may count at most {MAX_RANGE:,}")
    return numbers
