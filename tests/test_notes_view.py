"""The speaker notes: what the presenter reads for each slide, folded in the notebook."""

from __future__ import annotations

from datetime import date

from showdeck import notes_view

AS_OF = date(2026, 11, 24)


def lines(groups) -> list[str]:
    return [line for group in groups for line in group.lines]


def test_the_title_notes_name_the_articles_publisher_and_the_as_of_date(data):
    said = " ".join(lines(notes_view.title_notes(data, AS_OF)))
    assert "an article from Example Blog about a second season of Lantern Line" in said
    assert "24 Nov 2026" in said


def test_the_article_notes_give_each_claim_its_number_verdict_and_evidence(data):
    groups = notes_view.article_notes(data, AS_OF)
    assert len(groups) == len(data.article.sections)
    intro = groups[0].lines
    assert intro[1] == ("1. “directed by Aoi Example”: correct (confidence medium). The guide "
                        "names the same director. Evidence: “Directed by Aoi Example.” "
                        "(Example Guide)")
    assert intro[2].startswith("2. “ran for 4 episodes”: incorrect")


def test_a_section_without_claims_says_so_and_names_its_image(data):
    groups = notes_view.article_notes(data, AS_OF)
    renewal = groups[[s.id for s in data.article.sections].index("renewal-status")].lines
    assert "No checkable claim in this section." in renewal
    assert "The article shows an image here: Lantern Line Season 2." in renewal


def test_the_outlook_notes_count_the_days_since_the_finale(data):
    assert lines(notes_view.outlook_notes(data, AS_OF))[0].startswith(
        "2,776 days since the finale. ")


def test_the_notes_are_folded_and_escaped():
    html = notes_view.notes_html([notes_view.NotesGroup("Head <i>", ["A <b>line</b>"])])
    assert html.startswith('<details class="sd-notes"><summary>Speaker notes</summary>')
    assert '<p class="sd-notes-heading">Head &lt;i&gt;</p>' in html
    assert "<li>A &lt;b&gt;line&lt;/b&gt;</li>" in html
