"""The slides' HTML as Markdown: headings once, claims in bold with their numbers, fact-checks
as quote blocks, tables joined again, text escaped."""

from __future__ import annotations

from showdeck.to_markdown import escape, heading_slug, html_to_markdown


def test_text_is_escaped_so_markdown_shows_it_literally():
    assert escape("a*b_c [d] <e> `f` \\") == "a\\*b\\_c \\[d\\] \\<e> \\`f\\` \\\\"
    assert html_to_markdown("<p>2 * 3 &lt;tag&gt;</p>") == "2 \\* 3 \\<tag>"


def test_a_heading_repeated_on_the_next_page_is_said_once():
    html = ("<h2>Intro</h2><p>One.</p><p class='sd-page-count'>1/2</p>"
            "<h2>Intro</h2><p class='sd-continued'>(continued)</p><p>Two.</p><h2>Next</h2>")
    assert html_to_markdown(html) == "## Intro\n\nOne.\n\nTwo.\n\n## Next"


def test_a_checked_claim_is_bold_with_its_number_and_its_callout_a_quote():
    html = ('<p>It <mark>ran for 4 episodes</mark><sup class="sd-claim-ref">12</sup>.</p>'
            '<aside><p><span class="sd-verdict">Incorrect</span> <span class="sd-topic">count'
            '</span></p><p class="sd-evidence">Three episodes.</p></aside>')
    assert html_to_markdown(html) == (
        "It **ran for 4 episodes**¹².\n\n> **Incorrect** *count*\n>\n> *Three episodes.*")


def test_a_table_split_over_pages_is_joined_again():
    page = ("<table><caption>Episodes</caption><thead><tr><th>No.</th><th>Title</th></tr></thead>"
            "<tbody><tr><th>{n}</th><td>A|B {n}</td></tr></tbody></table>")
    assert html_to_markdown(page.format(n=1) + page.format(n=2)) == (
        "**Episodes**\n\n| No. | Title |\n| --- | --- |\n| 1 | A\\|B 1 |\n| 2 | A\\|B 2 |")


def test_links_lists_and_in_page_anchors():
    html = ('<ol start="3"><li><a href="#sd-x">The Outlook</a></li>'
            '<li><a href="https://example.org/a (b)">site</a></li></ol>')
    assert html_to_markdown(html) == (
        "3. [The Outlook](#the-outlook)\n4. [site](<https://example.org/a (b)>)")


def test_styles_scripts_and_folded_notes_are_left_out():
    html = ("<style>p{}</style><script>x()</script><details><summary>Notes</summary>"
            "<p>secret</p></details><p>Shown</p>")
    assert html_to_markdown(html) == "Shown"


def test_heading_slugs_are_as_markdown_renderers_make_them():
    assert heading_slug("  Will It Come Back? (Soon)  ") == "will-it-come-back-soon"
