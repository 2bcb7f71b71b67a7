"""Feedback an instructor can send (issue 10, item 4), on the toy course:

  ada  full, written answer graded 1: a final page
  cy   double fails only its hidden test, written answer not graded yet: a page that says so at
       the top (default) or none (hold_ungraded); her own markdown cell holds a formula

Each page's index names the exercises, the kit's one-line notes wrap, and the formula renders in
headless Chromium with the network cut (MathJax from feedback/mathjax/)."""
import os
import shutil

import nbformat
import pytest

import course_config
from tests.test_reports import HIDDEN_DOUBLE, S1, put, toy_course, toy_submission
from tools import autograde, feedback, manual

pytestmark = pytest.mark.xdist_group("feedback")
FORMULA = r"The mean squared error is $\frac{1}{n}\sum_{i=1}^{n} (y_i - \hat y_i)^2$."
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    root = toy_course(tmp_path_factory.mktemp("feedback") / "course", [S1])
    put(root / "submitted" / "ada" / S1, toy_submission(root, S1))
    cy = toy_submission(root, S1, HIDDEN_DOUBLE)
    cy.cells.insert(1, nbformat.v4.new_markdown_cell(FORMULA))
    put(root / "submitted" / "cy" / S1, cy)
    pairs, problems = autograde.autograde(root, [S1], log=lambda *_: None)
    assert sorted(pairs) == [("ada", S1), ("cy", S1)] and not problems
    manual.enter(root, S1, "ada", "toy", "explain_square", 1)
    return root, sorted(pairs)


def page(root, student):
    return root / course_config.FEEDBACK_DIR / student / S1 / "toy.html"


def test_exercise_names_of_a_real_step():
    names = feedback.exercise_names(course_config.ROOT, "01_linear_algebra")["linear_algebra"]
    assert names["test_cosine_similarity"] == "Exercise: cosine_similarity"
    assert names["test_pca_project"] == "Exercise: pca_transform"        # the function the answer cell defines
    assert names["test_diabetes_r2"] == "Exercise: The diabetes data"    # a heading nearer than an answer cell
    assert names["normal_equations_derivation"] == "Written answer: why the normal equations?"
    assert not [g for g, n in names.items() if n == g]                   # every graded cell named


def test_pages_say_what_is_not_final_and_name_the_exercises(graded):
    root, pairs = graded
    lines = []
    assert feedback.generate(root, pairs, log=lines.append) == 2
    assert lines[0] == ("  note: 1 submission(s) still need manual grading; their pages say so at the top and count "
                        "the ungraded written answers 0 until you grade them and run feedback again (or hold such "
                        "pages back with --hold-ungraded)")
    cy, ada = page(root, "cy").read_text(), page(root, "ada").read_text()
    notice = ('<div class="alert alert-warning" id="not-final"><b>Not final yet:</b> your written answer "Why does '
              'squaring lose the sign?" is not graded yet and counts 0 in the score below until it is; you will get '
              'this page again then.</div>')
    assert notice in cy and 'id="not-final"' not in ada
    assert cy.index(notice) < cy.index('<div id="toc">')
    for p in (cy, ada):
        assert '<li><a href="#test_double">Exercise: double</a>' in p
        assert '<li><a href="#test_square">Exercise: square</a>' in p
        assert '<li><a href="#explain_square">Written answer: Why does squaring lose the sign?</a>' in p
        assert ">Test cell<" not in p and ">Written response<" not in p
        assert ".output_stream pre, .output_stdout pre { white-space: pre-wrap; overflow-wrap: anywhere; }" in p
        assert "cdnjs" not in p.split('onerror="')[0] and '<script src="../../mathjax/MathJax.js?config=' in p
    assert feedback.find_leaks(root) == []
    mathjax = root / course_config.FEEDBACK_DIR / "mathjax"
    assert (mathjax / "MathJax.js").is_file() and (mathjax / "LICENSE").is_file()
    size = sum(p.stat().st_size for p in mathjax.rglob("*") if p.is_file())
    assert 2_000_000 < size < 4_000_000, size


def test_hold_ungraded_writes_no_page_until_graded(graded):
    root, pairs = graded
    assert page(root, "cy").exists()          # an older, provisional page is there
    lines = []
    assert feedback.generate(root, pairs, log=lines.append, hold_ungraded=True) == 1
    assert lines[0] == (f"  held back: 1 page(s) whose written answers are not graded yet (--hold-ungraded): cy/{S1}")
    assert not (root / course_config.FEEDBACK_DIR / "cy" / S1).exists() and page(root, "ada").exists()


@pytest.mark.skipif(CHROMIUM is None and os.environ.get("CI") != "true", reason="chromium not installed")
def test_formula_renders_offline_in_chromium(graded, tmp_path):
    from playwright.sync_api import sync_playwright

    root, pairs = graded
    feedback.generate(root, pairs, log=lambda *_: None)
    requested = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"], headless=True)
        try:
            context = browser.new_context(offline=True, viewport={"width": 900, "height": 1400})
            context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:")
                          else route.abort())
            tab = context.new_page()
            tab.on("request", lambda r: requested.append(r.url))
            tab.goto(page(root, "cy").resolve().as_uri())
            tab.wait_for_function("window.MathJax && MathJax.Hub && MathJax.Hub.queue.pending === 0 && "
                                  "document.querySelectorAll('.MathJax').length > 0", timeout=90_000)
            box = tab.evaluate("(() => { const r = document.querySelector('.MathJax').getBoundingClientRect(); "
                               "return [r.width, r.height]; })()")
            fraction = tab.evaluate("document.querySelectorAll('.MathJax .mfrac').length")
            wrap = tab.evaluate("getComputedStyle(document.querySelector('.output_stdout pre')).whiteSpace")
            note = tab.evaluate("document.querySelector('.output_stdout pre').textContent")
            tab.screenshot(path=str(tmp_path / "feedback.png"), full_page=True)
        finally:
            browser.close()
    assert box[0] > 60 and box[1] > 10, box           # typeset, not the raw $...$ text
    assert fraction == 1
    assert wrap == "pre-wrap" and note.startswith("A hidden check failed")
    assert not [u for u in requested if not u.startswith(("file:", "about:", "data:"))]
    assert any(u.endswith(".woff?V=2.7.9") for u in requested)       # the packaged fonts, from disk
