"""Stemming, snippets and synonym expansion: no database."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kommunwebb.search.models import split_terms
from kommunwebb.search.query import build_query, expand, highlight_terms
from kommunwebb.search.text import (
    highlight,
    normalise_query,
    query_terms,
    stem,
    stem_text,
    stream_text,
    words,
)


@pytest.mark.parametrize(
    "forms",
    [
        ("skola", "skolor", "skolorna"),
        ("kvävedioxid", "kvävedioxiden"),
        ("evenemang", "evenemangen"),
        ("bibliotek", "biblioteket", "biblioteken"),
        ("bygglov", "bygglovet"),
    ],
)
def test_inflected_forms_share_a_stem(forms):
    assert len({stem(form) for form in forms}) == 1


def test_words_drop_search_syntax_and_keep_swedish_letters():
    assert words('"Kvävedioxid" AND (luft*) -- 😀 Öppet_hus') == [
        "kvävedioxid",
        "and",
        "luft",
        "öppet",
        "hus",
    ]


def test_decomposed_letters_are_one_letter():
    assert words("kva\u0308vedioxid") == ["kvävedioxid"]


def test_query_terms_are_distinct_and_bounded():
    assert query_terms("skola skola luft") == ["skola", "luft"]
    assert len(query_terms(" ".join(f"ord{i}" for i in range(50)))) == 12


def test_normalised_query_keeps_words_only():
    assert normalise_query("  Var ÄR bygglov?!  ") == "var är bygglov"


def test_stem_text():
    assert stem_text("Skolorna och evenemangen") == "skol och evenemang"


def test_highlight_marks_inflected_forms_and_escapes():
    text = "Kvävedioxiden kommer från <trafik>. Halten av kvävedioxid sjunker."
    marked = highlight(text, ["kvävedioxid"])
    assert "<mark>Kvävedioxiden</mark>" in marked
    assert "<mark>kvävedioxid</mark>" in marked
    assert "&lt;trafik&gt;" in marked


def test_highlight_returns_a_window_around_the_first_hit():
    text = " ".join(["fyllnad"] * 100 + ["skolorna"] + ["slut"] * 100)
    marked = highlight(text, ["skola"], width=20)
    assert marked.startswith("… ") and marked.endswith(" …")
    assert "<mark>skolorna</mark>" in marked
    assert len(marked.split()) <= 24


def test_highlight_without_match_is_empty():
    assert highlight("Inget här", ["skola"]) == ""


def test_stream_text_reads_nested_blocks():
    raw = [
        {"type": "paragraph", "value": "<p>Första <b>stycket</b></p>", "id": "a"},
        {"type": "fact_box", "value": {"heading": "Fakta", "text": "<p>Mer</p>"}, "id": "b"},
    ]
    assert stream_text(raw) == "Första stycket Fakta Mer"


def test_split_terms():
    assert split_terms("Bygglov, bygganmälan\nbyggnadslov,, bygglov") == [
        "bygglov",
        "bygganmälan",
        "byggnadslov",
    ]


def test_expand_matches_synonyms_by_stem_and_longest_phrase():
    groups = [["bygglov", "bygganmälan"], ["öppet hus", "visning"]]
    assert expand(["bygglovet", "pris"], groups) == [
        ["bygglovet", "bygglov", "bygganmälan"],
        ["pris"],
    ]
    assert expand(["öppet", "hus", "idag"], groups) == [
        ["öppet hus", "visning"],
        ["idag"],
    ]
    assert highlight_terms(expand(["visning"], groups)) == ["hus", "visning", "öppet"]


def no_split(word):
    return ()


def test_build_query_makes_a_clause_per_position():
    query = build_query([["luft"], ["bygglov", "bygganmälan"], ["pris"]], no_split)
    # Every position must be met, by any of its alternatives' stems.
    assert query.clauses == [{"luft"}, {"bygglov", "bygganmälan"}, {"pris"}]
    assert query.required == 3
    assert build_query([["luft"]], no_split).clauses == [{"luft"}]


def test_a_phrase_among_alternatives_becomes_clauses_of_choices():
    # "öppet hus" or "visning": (öppet OR visning) AND (hus OR visning).
    query = build_query([["visning", "öppet hus"]], no_split)
    assert query.clauses == [{"visning", "öpp"}, {"visning", "hus"}]


def test_a_compound_query_word_is_met_by_its_parts_or_by_itself():
    def split(word):
        return ("återvinning", "central") if word == "återvinningscentralen" else ()

    query = build_query([["återvinningscentralen"]], split)
    assert query.clauses == [
        {"återvinning", "återvinningscentral"},
        {"central", "återvinningscentral"},
    ]


@given(st.text(max_size=300))
def test_text_functions_never_fail(text):
    terms = query_terms(text)
    stem_text(text)
    normalise_query(text)
    highlight(text, terms)
    if terms:
        build_query(expand(terms, [["a b", "c"]]))


def test_text_blocks_keep_headings_apart_from_the_text_after_them():
    from kommunwebb.search.text import join_blocks, snippet_from_blocks, text_blocks

    raw = [
        {"type": "heading", "value": "Låna och lämna", "id": "1"},
        {"type": "paragraph", "value": "<p>Med ett lånekort kan du låna böcker.</p>", "id": "2"},
        {"type": "links", "value": [{"url": "https://example.com/", "title": "Mer"}], "id": "3"},
    ]
    blocks = text_blocks(raw)
    assert blocks == ["Låna och lämna", "Med ett lånekort kan du låna böcker.", "Mer"]
    assert join_blocks(blocks[:2]) == "Låna och lämna. Med ett lånekort kan du låna böcker."
    snippet = str(snippet_from_blocks(blocks, {"lämn"}))
    assert snippet.startswith("Låna och <mark>lämna</mark>. Med ett")
    assert "lämna Med" not in snippet


def test_rich_text_paragraphs_and_list_items_are_blocks_of_their_own():
    from kommunwebb.search.text import text_blocks

    html = "<h2>Öppettider</h2><p>Vardagar 8–16</p><ul><li>Lördag stängt</li></ul>"
    assert text_blocks(html) == ["Öppettider", "Vardagar 8–16", "Lördag stängt"]


def test_a_compound_is_marked_when_a_part_matches():
    from kommunwebb.search.text import highlight_stems

    def split(word):
        return ("stad", "bibliotek") if word == "stadsbiblioteket" else ()

    marked = str(highlight_stems("Välkommen till Stadsbiblioteket!", {"bibliotek"}, splitter=split))
    assert marked == "Välkommen till <mark>Stadsbiblioteket</mark>!"


def test_the_snippets_of_a_result_page_look_at_each_word_once():
    """One ``Matcher`` for the ten results: a word that recurs, in one text or in the next,
    is split (and stemmed) once, and the snippets are the ones each text gets alone."""
    from kommunwebb.search.text import Matcher, snippet_from_blocks

    seen = []

    def split(word):
        seen.append(word)
        return ("stad", "bibliotek") if word == "stadsbiblioteket" else ()

    texts = [
        ["Stadsbiblioteket har öppet.", "Stadsbiblioteket stänger i jul."],
        ["Öppet hus på Stadsbiblioteket och i parken."],
    ]
    alone = [str(snippet_from_blocks(blocks, {"bibliotek"}, splitter=split)) for blocks in texts]
    seen.clear()
    matcher = Matcher({"bibliotek"}, split)
    shared = [
        str(snippet_from_blocks(blocks, {"bibliotek"}, splitter=split, matcher=matcher))
        for blocks in texts
    ]
    assert shared == alone
    assert "<mark>Stadsbiblioteket</mark>" in shared[1]
    assert len(seen) == len(set(seen))
    assert "stadsbiblioteket" in seen
