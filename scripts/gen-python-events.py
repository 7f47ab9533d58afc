#!/usr/bin/env python3
"""Writes bindings-python/python/shegong/events.py from the JSON Schemas under schemas/.

The schemas are generated from the Rust types (core/tests/schemas.rs); this script turns them
into Python ``TypedDict``s and ``Literal`` aliases, so the stubs never hold a hand-kept copy of
an event's fields. scripts/check-generated reruns it and fails on a difference.

Usage: python3 scripts/gen-python-events.py > bindings-python/python/shegong/events.py
       python3 scripts/gen-python-events.py --readme bindings-python/README.md
(the second rewrites the README's table of event types, between its BEGIN/END markers, from the
same schemas: type, Chinese label, TypedDict and what the event records).

Mapping: a string enum is a ``Literal`` alias; an object is a ``TypedDict`` (a field not in
``required`` is ``NotRequired``; ``additionalProperties: false`` is what a TypedDict means
anyway); an internally tagged enum (every branch an object with a ``const`` tag) is one
``TypedDict`` per branch and a ``Union`` alias; an externally tagged enum is a ``Union`` of
``Literal``s and one-key ``TypedDict``s. Dates are ``datetime.date`` or ISO text, instants an
aware ``datetime.datetime`` or RFC 3339 text: the binding takes either and returns the first
(the text only for an instant a ``datetime`` cannot hold: nanoseconds, a leap second).
"""

from __future__ import annotations

import json
import keyword
import re
import sys
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

ALIASES: Dict[str, Any] = {}
QUOTES = '"' * 3
ROOT = Path(__file__).resolve().parent.parent
SCHEMAS = ROOT / "schemas"

# The documents turned into Python types, with the Python name of each root. Event payloads
# are named after their aggregate (the Rust `EventKind` is the case's).
DOCUMENTS: List[Tuple[str, str]] = [
    ("vocabulary", ""),
    ("case_event", "CaseEvent"),
    ("activity_event", "ActivityEvent"),
    ("volunteer_event", "VolunteerEvent"),
    ("new_case_event", "NewCaseEvent"),
    ("new_activity_event", "NewActivityEvent"),
    ("new_volunteer_event", "NewVolunteerEvent"),
    ("recorded_case_event", "RecordedCaseEvent"),
    ("recorded_activity_event", "RecordedActivityEvent"),
    ("recorded_volunteer_event", "RecordedVolunteerEvent"),
    ("case_history", "CaseHistory"),
    ("activity_history", "ActivityHistory"),
    ("volunteer_history", "VolunteerHistory"),
    ("obligation", "ObligationDict"),
    ("calendar_spec", "CalendarSpec"),
    ("rule_set", "RuleSetDict"),
    ("batch_obligation_row", "ObligationRow"),
    ("batch_case_summary", "CaseSummaryRow"),
    ("batch_error", "BatchErrorRow"),
]

# The batch columns (`BatchResult.obligations`, `.cases`, `.errors`): one list per field of
# the row type, so the columns follow the Rust row types.
COLUMNS = {"ObligationRow": "ObligationColumns", "CaseSummaryRow": "CaseColumns", "BatchErrorRow": "ErrorColumns"}

# Rust definition names whose Python name differs: the event unions are named after their
# aggregate, the generic envelopes after the document that holds them.
RENAME = {
    "ObligationRow": "ObligationRow",
    "CaseSummary": "CaseSummaryRow",
    "BatchError": "BatchErrorRow",
    "EventKind": "CaseEvent",
    "NewEventKind": "NewCaseEvent",
    "RecordedEventKind": "RecordedCaseEvent",
    "StoredCase": "CaseHistory",
    "StoredActivity": "ActivityHistory",
    "StoredVolunteer": "VolunteerHistory",
    "IdNumber": "IdNumberText",
    "Phone": "PhoneText",
    "Obligation": "ObligationDict", "RuleSet": "RuleSetDict"}

# The prefix of each event union's branch classes.
BRANCH_PREFIX = {"CaseEvent": "Case", "ActivityEvent": "Activity", "VolunteerEvent": "Volunteer"}


def camel(s: str) -> str:
    return "".join(p[:1].upper() + p[1:] for p in re.split(r"[_\-\s]+", s) if p)


def doc_text(text: Optional[str]) -> str:
    """A description as one paragraph, Rust doc links unwrapped."""
    if not text:
        return ""
    text = re.sub(r"\[`([^`]+)`\](\([^)]*\))?", r"`\1`", text)
    return " ".join(text.split())


def docstring(text: str, indent: str = "") -> List[str]:
    """A docstring: the text wrapped, in triple quotes."""
    text = text.replace("\\", "\\\\").replace(QUOTES, "'" * 3)
    return wrap(QUOTES + text + QUOTES, 95, indent)


# The names a field's type may use without quotes: those defined before the classes.
PLAIN = {"str", "int", "float", "bool", "None", "Any", "List", "Dict", "Optional", "Union", "Literal", "datetime", "date"}


def field_type(typ: str, required: bool) -> str:
    """A field's annotation: quoted when it names a generated type (which may be defined later;
    the module does not postpone annotations, so that ``NotRequired`` is seen at run time and
    ``__required_keys__`` is right), wrapped in ``NotRequired`` when optional."""
    names = set(re.findall(r"[A-Za-z_][A-Za-z0-9_]*", re.sub(r'"[^"]*"', "", typ)))
    if not names <= PLAIN | set(ALIASES):
        typ = f"'{typ}'" if '"' in typ else f'"{typ}"'
    return typ if required else f"NotRequired[{typ}]"


def wrap(text: str, width: int, indent: str) -> List[str]:
    words, lines, line = text.split(), [], ""
    for w in words:
        if line and len(indent) + len(line) + 1 + len(w) > width:
            lines.append(indent + line)
            line = w
        else:
            line = f"{line} {w}" if line else w
    if line:
        lines.append(indent + line)
    return lines


class Gen:
    def __init__(self) -> None:
        self.literals: Dict[str, Tuple[List[str], str, List[Tuple[str, str]]]] = {}
        self.classes: Dict[str, Tuple[str, List[Tuple[str, str, bool, str]]]] = {}
        self.unions: Dict[str, Tuple[List[str], str]] = {}
        self.aliases: Dict[str, Tuple[str, str]] = {}
        self.order: List[Tuple[str, str]] = []  # (kind, name) in first-seen order
        self.defs: Dict[str, Any] = {}
        self.done: Dict[str, Any] = {}

    # -- names and definitions -------------------------------------------------------------

    def def_name(self, ref: str) -> str:
        name = ref.rsplit("/", 1)[-1]
        return RENAME.get(name, name)

    def define(self, name: str, schema: Any) -> None:
        """Generates the Python type of a named definition, once."""
        if name in self.done:
            if self.done[name] != schema:
                raise SystemExit(f"two different definitions named {name}")
            return
        self.done[name] = schema
        self.emit(name, schema)

    def add(self, kind: str, name: str, value: Any) -> None:
        table = {"literal": self.literals, "class": self.classes, "union": self.unions, "alias": self.aliases}[kind]
        if name in self.literals or name in self.classes or name in self.unions or name in self.aliases:
            raise SystemExit(f"two Python types named {name}")
        table[name] = value
        self.order.append((kind, name))

    # -- schema nodes ----------------------------------------------------------------------

    def emit(self, name: str, schema: Dict[str, Any]) -> None:
        desc = doc_text(schema.get("description"))
        branches = schema.get("oneOf") or schema.get("anyOf")
        if "enum" in schema and schema.get("type") == "string":
            self.add("literal", name, (list(schema["enum"]), desc, []))
        elif branches is not None and all("const" in b for b in branches):
            values = [b["const"] for b in branches]
            self.add("literal", name, (values, desc, [(b["const"], doc_text(b.get("description"))) for b in branches]))
        elif branches is not None:
            self.emit_union(name, desc, branches)
        elif schema.get("type") == "object" or "properties" in schema:
            self.emit_class(name, desc, schema)
        elif schema.get("type") in ("string", "integer", "number", "boolean"):
            self.add("alias", name, (self.type_of(schema, name), desc))
        else:
            raise SystemExit(f"{name}: cannot map {json.dumps(schema)[:200]}")

    def tag_of(self, branches: List[Dict[str, Any]]) -> Optional[str]:
        """The tag key of an internally tagged enum: a property every branch fixes."""
        keys = None
        for b in branches:
            consts = {k for k, v in b.get("properties", {}).items() if "const" in v}
            keys = consts if keys is None else keys & consts
        return sorted(keys)[0] if keys else None

    def emit_union(self, name: str, desc: str, branches: List[Dict[str, Any]]) -> None:
        members: List[str] = []
        tag = self.tag_of(branches)
        prefix = BRANCH_PREFIX.get(name, name)
        consts: List[str] = []
        for b in branches:
            if "const" in b:
                consts.append(b["const"])
                continue
            if tag is not None:
                value = b["properties"][tag]["const"]
                member = prefix + camel(value)
            else:
                keys = list(b.get("properties", {}))
                if len(keys) != 1:
                    raise SystemExit(f"{name}: an untagged branch with keys {keys}")
                member = name + camel(keys[0])
            self.emit_class(member, doc_text(b.get("description")), b, first=tag)
            members.append(member)
        if consts:
            lit = name + "Name"
            self.add("literal", lit, (consts, f"The unit values of {name}.", []))
            members.insert(0, lit)
        if tag is not None and name not in BRANCH_PREFIX and not name.endswith(camel(tag)):
            values = [b["properties"][tag]["const"] for b in branches if "const" not in b]
            self.add("literal", name + camel(tag), (values, f"The ``{tag}`` of a {name}.", []))
        self.add("union", name, (members, desc))

    def emit_class(
        self, name: str, desc: str, schema: Dict[str, Any], first: Optional[str] = None
    ) -> None:
        required = set(schema.get("required", []))
        fields: List[Tuple[str, str, bool, str]] = []
        props = schema.get("properties", {})
        for key in sorted(props, key=lambda k: k != first):
            prop = props[key]
            fields.append((key, self.type_of(prop, name + camel(key)), key in required, doc_text(prop.get("description"))))
        self.add("class", name, (desc, fields))

    def type_of(self, s: Dict[str, Any], context: str) -> str:
        if "$ref" in s:
            return self.def_name(s["$ref"])
        if "const" in s:
            return f"Literal[{json.dumps(s['const'], ensure_ascii=False)}]"
        for key in ("anyOf", "oneOf"):
            if key in s:
                parts = [self.type_of(b, context) for b in s[key]]
                non_null = [p for p in parts if p != "None"]
                if len(non_null) == 1 and len(parts) == 2:
                    return f"Optional[{non_null[0]}]"
                return f"Union[{', '.join(parts)}]"
        t = s.get("type")
        if isinstance(t, list):
            kinds = [k for k in t if k != "null"]
            inner = self.type_of({**s, "type": kinds[0]}, context)
            return f"Optional[{inner}]" if "null" in t else inner
        if t == "null":
            return "None"
        if t == "string":
            if "enum" in s:
                return "Literal[" + ", ".join(json.dumps(v, ensure_ascii=False) for v in s["enum"]) + "]"
            fmt = s.get("format")
            if fmt == "date":
                return "Union[datetime.date, str]"
            if fmt == "date-time":
                return "Union[datetime.datetime, str]"
            return "str"
        if t == "integer":
            return "int"
        if t == "number":
            return "float"
        if t == "boolean":
            return "bool"
        if t == "array":
            return f"List[{self.type_of(s.get('items', {}), context)}]"
        if t == "object":
            if "properties" in s:
                self.emit_class(context, doc_text(s.get("description")), s)
                return context
            extra = s.get("additionalProperties")
            if isinstance(extra, dict):
                return f"Dict[str, {self.type_of(extra, context)}]"
            return "Dict[str, Any]"
        if s == {} or s is True:
            return "Any"
        raise SystemExit(f"{context}: cannot map {json.dumps(s)[:200]}")

    # -- documents -------------------------------------------------------------------------

    def document(self, stem: str, root: str) -> None:
        schema = json.loads((SCHEMAS / f"{stem}.schema.json").read_text(encoding="utf-8"))
        defs = schema.get("$defs", {})
        for name in sorted(defs):
            self.define(self.def_name(name), defs[name])
        if root:
            body = {k: v for k, v in schema.items() if k not in ("$defs", "$schema", "title")}
            self.define(root, body)
        if root in COLUMNS:
            desc, fields = self.classes[root]
            columns = [(key, f"List[{typ}]", True, fdesc) for key, typ, _, fdesc in fields]
            about = f"The columns of {root}s, one list per field, all of one length: {desc[:1].lower()}{desc[1:]}"
            self.add("class", COLUMNS[root], (about, columns))

    # -- output ----------------------------------------------------------------------------

    def render(self) -> str:
        ALIASES.clear()
        ALIASES.update(self.aliases)
        ALIASES.update(self.literals)
        out: List[str] = [HEADER]
        for kind, name in self.order:
            if kind == "alias":
                typ, desc = self.aliases[name]
                out.append(f"{name} = {typ}")
                if desc:
                    out += docstring(desc)
                out.append("")
        for kind, name in self.order:
            if kind == "literal":
                values, desc, described = self.literals[name]
                # Written as a Union of one-value Literals, which type checkers read as
                # Literal["a", "b"]: stubtest takes a multi-value Literal alias for a Union
                # the run time does not have, and reports every one.
                if len(values) == 1:
                    out.append(f"{name} = Literal[{json.dumps(values[0], ensure_ascii=False)}]")
                else:
                    out.append(f"{name} = Union[")
                    for v in values:
                        out.append(f"    Literal[{json.dumps(v, ensure_ascii=False)}],")
                    out.append("]")
                text = desc
                if described:
                    text += " Values: " + "; ".join(f"``{v}``: {d}" for v, d in described if d) + "."
                if text:
                    out += docstring(text)
                out.append("")
        for kind, name in self.order:
            if kind == "class":
                desc, fields = self.classes[name]
                out.append("")
                if any(keyword.iskeyword(key) for key, _, _, _ in fields):
                    # A key that is a Python keyword (``with``) needs the functional form.
                    out += wrap(desc, 95, "#: ")
                    out.append(f'{name} = TypedDict("{name}", {{')
                    for key, typ, req, _ in fields:
                        out.append(f'    "{key}": {field_type(typ, req)},')
                    out.append("})")
                    out.append("")
                    continue
                out.append(f"class {name}(TypedDict):")
                out += docstring(desc or name, "    ")
                if fields:
                    out.append("")
                for key, typ, req, fdesc in fields:
                    for line in wrap(fdesc, 95, "    #: "):
                        out.append(line)
                    out.append(f"    {key}: {field_type(typ, req)}")
                out.append("")
        for kind, name in self.order:
            if kind == "union":
                members, desc = self.unions[name]
                out.append("")
                out.append(f"{name} = Union[")
                for m in members:
                    out.append(f"    {m},")
                out.append("]")
                if desc:
                    out += docstring(desc)
        out.append("")
        out.append("EVENT_TYPES: Dict[str, List[str]] = {")
        for agg, union in (("case", "CaseEvent"), ("activity", "ActivityEvent"), ("volunteer", "VolunteerEvent")):
            values = self.literals[f"{camel(agg)}EventType"][0]
            out.append(f"    {json.dumps(agg)}: [")
            for v in values:
                out.append(f"        {json.dumps(v)},")
            out.append("    ],")
        out.append("}")
        out.append('"""Every event type of each aggregate, in the core\'s order."""')
        out.append("")
        out.append("EVENT_CLASSES: Dict[str, Dict[str, type]] = {")
        for agg, union in (("case", "CaseEvent"), ("activity", "ActivityEvent"), ("volunteer", "VolunteerEvent")):
            out.append(f"    {json.dumps(agg)}: {{")
            for m in self.unions[union][0]:
                tag = self.classes[m][1]
                value = next(t for k, t, _, _ in tag if k == "type")
                out.append(f"        {json.dumps(value[len('Literal['):-1].strip(chr(34)))}: {m},")
            out.append("    },")
        out.append("}")
        out.append('"""The ``TypedDict`` of each event type, by aggregate and type."""')
        out.append("")
        return "\n".join(out)


HEADER = '''"""Typed shapes of the events, envelopes and histories of cases, activities and volunteers.

GENERATED by scripts/gen-python-events.py from the JSON Schemas under schemas/ (themselves
generated from the Rust types); do not edit: change the Rust type, then run
``bash scripts/check-generated`` and commit what it rewrites.

Every event payload is a ``TypedDict`` named after its aggregate and ``type`` (``CaseOpened`` is
``{"type": "opened", "summary": ...}``); ``CaseEvent``, ``ActivityEvent`` and ``VolunteerEvent``
are their unions. ``NewCaseEvent`` is what ``Case.start`` and ``Case.apply`` take;
``RecordedCaseEvent`` is an event as stored (``Case.history``); ``CaseHistory`` is
``Case.to_dict()``. Dates may be given as ``datetime.date`` or ISO text and instants as aware
``datetime.datetime`` (any ``tzinfo``, ``zoneinfo`` included) or RFC 3339 text; the binding
returns ``date`` and ``datetime``, or the RFC 3339 text of an instant a ``datetime`` cannot hold
exactly (nanoseconds, a leap second). At run time these are plain dicts.
"""

import datetime
import sys
from typing import Any, Dict, List, Literal, Optional, Union

if sys.version_info >= (3, 11):
    from typing import NotRequired, TypedDict
else:  # pragma: no cover - older Pythons
    from typing_extensions import NotRequired, TypedDict

__all__ = [
    "EVENT_CLASSES",
    "EVENT_TYPES",
]
'''


BEGIN = "<!-- BEGIN event types: generated by scripts/gen-python-events.py --readme; do not edit -->"
END = "<!-- END event types -->"


def first_sentence(text: str) -> str:
    text = doc_text(text)
    m = re.match(r"(.+?[.])(\s|$)", text)
    return (m.group(1) if m else text).rstrip(".;:")


def readme_table(gen: "Gen") -> str:
    vocab = json.loads((SCHEMAS / "vocabulary.schema.json").read_text(encoding="utf-8"))["$defs"]
    out = [BEGIN]
    for agg, title in (("case", "Case"), ("activity", "Activity"), ("volunteer", "Volunteer")):
        labels = {b["const"]: b.get("description", "") for b in vocab[f"{title}EventType"]["oneOf"]}
        branches = json.loads((SCHEMAS / f"{agg}_event.schema.json").read_text(encoding="utf-8"))["oneOf"]
        out.append("")
        out.append(f"{title} events ([`schemas/{agg}_event.schema.json`](../schemas/{agg}_event.schema.json), "
                   f"`shegong.events.{title}Event`):")
        out.append("")
        out.append("| `type` | 中文 | TypedDict | what it records |")
        out.append("|---|---|---|---|")
        for b in branches:
            t = b["properties"]["type"]["const"]
            req = [k for k in b["properties"] if k != "type" and k in b.get("required", [])]
            opt = [k for k in b["properties"] if k != "type" and k not in b.get("required", [])]
            parts = [", ".join(f"`{k}`" for k in req)] if req else []
            if opt:
                parts.append("optional " + ", ".join(f"`{k}`" for k in opt))
            keys = "; ".join(parts) or "no fields"
            text = first_sentence(b.get("description", "")).replace("|", "\\|")
            out.append(f"| `{t}` | {labels[t]} | `{title}{camel(t)}` | {text} ({keys}) |")
    out.append("")
    out.append(END)
    return "\n".join(out)


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "--readme":
        gen = Gen()
        path = Path(sys.argv[2])
        text = path.read_text(encoding="utf-8")
        start, end = text.find(BEGIN), text.find(END)
        if start < 0 or end < start:
            raise SystemExit(f"{path}: no {BEGIN!r} … {END!r} markers")
        text = text[:start] + readme_table(gen) + text[end + len(END):]
        path.write_text(text, encoding="utf-8")
        return
    gen = Gen()
    for stem, root in DOCUMENTS:
        gen.document(stem, root)
    text = gen.render()
    names = sorted(name for _, name in gen.order)
    listing = "".join(f'    "{n}",\n' for n in names)
    text = text.replace('__all__ = [\n', '__all__ = [\n' + listing, 1)
    sys.stdout.write(text)


if __name__ == "__main__":
    main()
