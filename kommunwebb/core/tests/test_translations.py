"""The English catalogue: complete, compiled, in step with the code, and actually used.

The interface is written in Swedish msgids; kommunwebb/locale/en/LC_MESSAGES/django.po
holds the English. Refresh it with (from kommunwebb/)::

    ../manage.py makemessages -l en --no-obsolete -i "demo/*" -i "*/tests/*"
    # translate what is new, then
    ../manage.py compilemessages -l en

No database is needed here.
"""

import ast
import gettext
import re
import shutil
from dataclasses import dataclass, field
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.template import engines
from django.test import override_settings
from django.utils import translation

PACKAGE = Path(__file__).resolve().parents[2]  # kommunwebb/
LC_MESSAGES = PACKAGE / "locale" / "en" / "LC_MESSAGES"
PO = LC_MESSAGES / "django.po"
MO = LC_MESSAGES / "django.mo"

# What `makemessages` leaves out: the demo app's texts are content, not interface.
IGNORE = ["demo/*", "*/tests/*"]


# --- A small .po reader (no polib) -----------------------------------------------------


@dataclass
class Entry:
    line: int
    msgctxt: str | None = None
    msgid: str = ""
    msgid_plural: str | None = None
    msgstr: str = ""
    msgstr_plural: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    obsolete: bool = False

    @property
    def key(self):
        return (self.msgctxt, self.msgid, self.msgid_plural)

    def translations(self) -> list[str]:
        if self.msgid_plural is None:
            return [self.msgstr]
        return [
            self.msgstr_plural.get(i, "") for i in range(max(self.msgstr_plural, default=-1) + 1)
        ]

    def __str__(self):
        context = f" (msgctxt {self.msgctxt!r})" if self.msgctxt is not None else ""
        return f"line {self.line}: {self.msgid!r}{context}"


_KEYWORD = re.compile(r"^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(\".*\")\s*$")
_CONTINUATION = re.compile(r'^(".*")\s*$')


def _unquote(literal: str, where: str) -> str:
    # A PO string is a C string literal; Python's literal syntax reads the escapes
    # gettext writes (\n, \t, \", \\) the same way.
    value = ast.literal_eval(literal)
    if not isinstance(value, str):
        raise ValueError(f"{where}: not a string: {literal}")
    return value


def parse_po(text: str) -> list[Entry]:
    """Entries in file order, header included (msgid ""), obsolete ones (#~) marked."""
    entries: list[Entry] = []
    current: Entry | None = None
    target: tuple[str, int | None] | None = None  # which field a continuation line extends
    pending_flags: set[str] = set()

    def finish():
        nonlocal current, target
        if current is not None:
            entries.append(current)
        current, target = None, None

    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        obsolete = False
        if line.startswith("#~"):
            obsolete = True
            line = line[2:].strip()
            if not line:
                continue
        elif not line:
            finish()
            continue
        elif line.startswith("#"):
            # A comment starts the next entry; after a complete entry it means a new one.
            if current is not None and target is not None and target[0].startswith("msgstr"):
                finish()
            if line.startswith("#,"):
                pending_flags |= {flag.strip() for flag in line[2:].split(",") if flag.strip()}
            continue  # translator, extracted, reference and previous (#|) comments

        where = f"{PO.name}:{number}"
        match = _KEYWORD.match(line)
        if match:
            keyword, index, literal = match.groups()
            value = _unquote(literal, where)
            # A new msgctxt, or a msgid not preceded by its msgctxt, starts a new entry.
            starts_entry = keyword == "msgctxt" or (
                keyword == "msgid" and (current is None or target[0] != "msgctxt")
            )
            if starts_entry:
                finish()
                current = Entry(line=number, flags=pending_flags, obsolete=obsolete)
                pending_flags = set()
            if current is None:
                raise ValueError(f"{where}: {keyword} outside an entry")
            current.obsolete = current.obsolete or obsolete
            if keyword.startswith("msgstr["):
                current.msgstr_plural[int(index)] = value
                target = ("msgstr[]", int(index))
            else:
                setattr(current, keyword, value)
                target = (keyword, None)
            continue
        match = _CONTINUATION.match(line)
        if match and current is not None and target is not None:
            value = _unquote(match.group(1), where)
            name, index = target
            if name == "msgstr[]":
                current.msgstr_plural[index] += value
            else:
                setattr(current, name, getattr(current, name) + value)
            continue
        raise ValueError(f"{where}: cannot read {raw!r}")
    finish()
    return entries


def test_po_parser_reads_what_gettext_writes():
    sample = r"""# header comment
msgid ""
msgstr ""
"Language: en\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\n"

#: a.py:1
#, python-format
msgid ""
"A long %(name)s text "
"on two lines"
msgstr "En lång "
"%(name)s text med \"citat\"\n"

msgctxt "month"
msgid "Maj"
msgstr "May"

#, fuzzy, python-format
#| msgid "%(n)s fil"
msgid "%(n)s sak"
msgid_plural "%(n)s saker"
msgstr[0] "%(n)s thing"
msgstr[1] ""
"%(n)s things"

#~ msgid "Gammal"
#~ msgstr "Old"
"""
    header, long, context, plural, old = parse_po(sample)
    assert header.msgid == "" and "Language: en\n" in header.msgstr
    assert long.msgid == "A long %(name)s text on two lines"
    assert long.msgstr == 'En lång %(name)s text med "citat"\n'
    assert long.flags == {"python-format"}
    assert (context.msgctxt, context.msgid, context.msgstr) == ("month", "Maj", "May")
    assert not context.flags
    assert plural.msgid_plural == "%(n)s saker"
    assert plural.translations() == ["%(n)s thing", "%(n)s things"]
    assert plural.flags == {"fuzzy", "python-format"}
    assert old.obsolete and old.msgid == "Gammal" and old.msgstr == "Old"
    assert not any(entry.obsolete for entry in (header, long, context, plural))


@pytest.fixture(scope="module")
def po_entries() -> list[Entry]:
    assert PO.exists(), f"{PO} is missing: run makemessages -l en"
    return parse_po(PO.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def messages(po_entries) -> list[Entry]:
    """The catalogue's live entries, header left out."""
    return [entry for entry in po_entries if entry.msgid != "" and not entry.obsolete]


# --- (a) Every entry is translated, none fuzzy ------------------------------------------


def test_po_header_is_english_and_not_fuzzy(po_entries):
    header = po_entries[0]
    assert header.msgid == "" and header.msgctxt is None, "the .po must start with its header"
    assert "fuzzy" not in header.flags, "remove '#, fuzzy' from the .po header"
    assert "Language: en\n" in header.msgstr
    assert "Plural-Forms: nplurals=2; plural=(n != 1);\n" in header.msgstr
    assert "charset=UTF-8" in header.msgstr


def test_every_entry_is_translated_and_not_fuzzy(messages):
    assert len(messages) > 100, "the catalogue looks empty"
    untranslated = [str(e) for e in messages if not all(e.translations())]
    fuzzy = [str(e) for e in messages if "fuzzy" in e.flags]
    wrong_plurals = [
        str(e) for e in messages if e.msgid_plural is not None and len(e.translations()) != 2
    ]
    assert not untranslated, "untranslated entries:\n" + "\n".join(untranslated)
    assert not fuzzy, "fuzzy entries (check the translation, then drop the flag):\n" + "\n".join(
        fuzzy
    )
    assert not wrong_plurals, "English needs msgstr[0] and msgstr[1]:\n" + "\n".join(wrong_plurals)


def test_no_duplicate_or_obsolete_entries(po_entries, messages):
    keys = [entry.key for entry in messages]
    duplicates = {key for key in keys if keys.count(key) > 1}
    assert not duplicates, f"duplicate entries: {sorted(duplicates, key=str)}"
    obsolete = [str(entry) for entry in po_entries if entry.obsolete]
    assert not obsolete, "obsolete (#~) entries; run makemessages with --no-obsolete:\n" + (
        "\n".join(obsolete)
    )


_PLACEHOLDER = re.compile(r"%\([^)]+\)[sdifr]|%%|%[sdifr]")


def test_translations_keep_the_placeholders(messages):
    wrong = []
    for entry in messages:
        sources = [entry.msgid] if entry.msgid_plural is None else [entry.msgid, entry.msgid_plural]
        for index, translated in enumerate(entry.translations()):
            source = sources[min(index, len(sources) - 1)]
            if sorted(_PLACEHOLDER.findall(source)) != sorted(_PLACEHOLDER.findall(translated)):
                wrong.append(f"{entry}: {translated!r}")
    assert not wrong, "placeholders differ from the msgid:\n" + "\n".join(wrong)


# --- (b) The committed .mo is compiled from the committed .po ----------------------------


@pytest.fixture(scope="module")
def compiled() -> gettext.GNUTranslations:
    assert MO.exists(), f"{MO} is missing: run compilemessages -l en"
    with MO.open("rb") as mo:
        return gettext.GNUTranslations(mo)


def test_mo_matches_po(messages, compiled):
    stale = []
    for entry in messages:
        if entry.msgid_plural is None:
            if entry.msgctxt is None:
                got = [compiled.gettext(entry.msgid)]
            else:
                got = [compiled.pgettext(entry.msgctxt, entry.msgid)]
        else:
            # English has two forms: n == 1 and everything else.
            if entry.msgctxt is None:
                got = [compiled.ngettext(entry.msgid, entry.msgid_plural, n) for n in (1, 2)]
            else:
                got = [
                    compiled.npgettext(entry.msgctxt, entry.msgid, entry.msgid_plural, n)
                    for n in (1, 2)
                ]
        if got != entry.translations():
            stale.append(f"{entry}: .po {entry.translations()!r}, .mo {got!r}")
    assert not stale, "django.mo is stale; run compilemessages -l en:\n" + "\n".join(stale)


def test_mo_holds_nothing_the_po_does_not(messages, compiled):
    in_po = set()
    for entry in messages:
        msgid = entry.msgid if entry.msgctxt is None else f"{entry.msgctxt}\x04{entry.msgid}"
        in_po.add(msgid)
    # GNUTranslations keeps the catalogue in _catalog: msgid -> str, (msgid, n) -> str
    # for plural forms, "context\x04msgid" for entries with msgctxt; "" is the header.
    in_mo = {key[0] if isinstance(key, tuple) else key for key in compiled._catalog}
    in_mo.discard("")
    assert in_mo == in_po, (
        "django.mo differs from django.po; run compilemessages -l en. "
        f"Only in .mo: {sorted(in_mo - in_po)[:20]}; only in .po: {sorted(in_po - in_mo)[:20]}"
    )
    assert compiled.info().get("language") == "en"


# --- (c) Every string in the code is in the catalogue -------------------------------------


SKIPPED_DIRS = {"__pycache__", "locale", "static", "node_modules", "tests"}


def _copy_sources(directory, names):
    """What makemessages reads (.py, .html, .txt), without demo content, tests or caches."""
    here = Path(directory)
    skip = set()
    for name in names:
        if (here / name).is_dir():
            demo = name == "demo" and here == PACKAGE
            if name in SKIPPED_DIRS or name.startswith(".") or demo:
                skip.add(name)
        elif Path(name).suffix not in {".py", ".html", ".txt"}:
            skip.add(name)
    return skip


def test_catalogue_has_every_string_in_the_code(tmp_path, monkeypatch, messages):
    tools = ["xgettext", "msguniq", "msgmerge"]
    if not all(shutil.which(tool) for tool in tools):
        pytest.skip("xgettext (Debian gettext) is needed")
    # makemessages writes into LOCALE_PATHS and the working directory's locale/: run it
    # on a copy, so the working tree (and the committed catalogue) is never touched.
    copy = tmp_path / "kommunwebb"
    shutil.copytree(PACKAGE, copy, ignore=_copy_sources)
    (copy / "locale").mkdir()
    monkeypatch.chdir(copy)
    with override_settings(LOCALE_PATHS=[str(copy / "locale")]):
        call_command(
            "makemessages",
            locale=["en"],
            no_obsolete=True,
            ignore_patterns=IGNORE,
            verbosity=0,
            stdout=StringIO(),
            stderr=StringIO(),
        )
    fresh_po = copy / "locale" / "en" / "LC_MESSAGES" / "django.po"
    assert fresh_po.exists(), "makemessages wrote no catalogue"
    fresh = {e.key: e for e in parse_po(fresh_po.read_text(encoding="utf-8")) if e.msgid}
    committed = {entry.key for entry in messages}
    missing = [
        f"{entry} used in {fresh_reference(fresh_po, entry)}"
        for key, entry in fresh.items()
        if key not in committed
    ]
    assert len(fresh) > 100, "makemessages found almost nothing; is the copy complete?"
    assert not missing, (
        "strings in the code that django.po lacks; run makemessages -l en --no-obsolete "
        '-i "demo/*" -i "*/tests/*", translate them and compilemessages -l en:\n'
        + "\n".join(missing)
    )


def fresh_reference(po: Path, entry: Entry) -> str:
    """The '#:' reference comment above an entry, to say where a missing string is used."""
    lines = po.read_text(encoding="utf-8").splitlines()
    for line in reversed(lines[: entry.line - 1]):
        if line.startswith("#:"):
            return line[2:].strip()
        if not line.startswith("#"):
            break
    return ""


# --- (d) Django uses the catalogue -------------------------------------------------------


def skip_link_msgid() -> str:
    base = (PACKAGE / "templates" / "base.html").read_text(encoding="utf-8")
    match = re.search(
        r"""class="skip-link"[^>]*>\s*\{%\s*(?:translate|trans)\s+(["'])(.+?)\1\s*%\}""", base
    )
    assert match, "base.html has no skip link with a {% translate %} text"
    return match.group(2)


def test_skip_link_renders_in_english(messages):
    msgid = skip_link_msgid()
    expected = {e.msgid: e.msgstr for e in messages if e.msgctxt is None}.get(msgid)
    assert expected, f"the skip link's text {msgid!r} is not in django.po"
    assert '"' not in msgid
    template = engines["django"].from_string('{% load i18n %}{% translate "' + msgid + '" %}')
    with translation.override("en"):
        english = template.render({})
    with translation.override("sv"):
        swedish = template.render({})
    assert english == expected
    assert english != msgid
    assert swedish == msgid
    if msgid == "Till huvudinnehållet":
        assert english == "Skip to main content"
