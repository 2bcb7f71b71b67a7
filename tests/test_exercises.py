"""Every exercise of every step, through the real nbgrader pipeline and a live kernel.

- source notebooks are valid nbformat v4 with consistent nbgrader metadata;
- the solutions autograde to full marks, the untouched release to 0 on every test;
- recorded wrong answers fail their exercise's tests (one of them only through the hidden
  tests), recorded alternatives keep full marks; one wrong answer per notebook goes through
  nbgrader's autograde too."""
import nbformat
import pytest

import course_config
from conftest import by_assignment, by_notebook, code_scores, wrong_submission_answers
from kernel import Kernel
from tools import notebooks

MIN_TESTS_PER_STEP, MIN_TESTS_PER_TRACK = 10, 5


@pytest.mark.parametrize("assignment_id, path", by_notebook("-meta"))
def test_source_notebook_metadata(assignment_id, path):
    nb = nbformat.read(str(path), as_version=4)
    nbformat.validate(nb)
    assert nb.nbformat == 4
    assert nb.metadata.get("kernelspec", {}).get("name") == "python3", f"{path}: kernelspec must be python3"
    ids = [notebooks.grade_id(c) for c in nb.cells if notebooks.nbgrader_meta(c)]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    assert not dupes, f"{path}: duplicate grade ids {dupes}"
    for cell in nb.cells:
        gid = notebooks.grade_id(cell)
        assert not cell.get("outputs"), f"{path}: cell {gid or cell.get('id')} has saved outputs; clear them"
        if notebooks.is_test(cell):
            assert float(notebooks.nbgrader_meta(cell).get("points", 0)) > 0, f"{path}: test cell {gid} has no points"
            assert notebooks.nbgrader_meta(cell).get("locked"), f"{path}: test cell {gid} is not locked"
            assert notebooks.HIDDEN_BLOCK.search(cell.source), f"{path}: test cell {gid} has no hidden tests"
            last = [l for l in cell.source.splitlines() if l.strip() and not l.startswith("#")][-1]
            assert last.startswith(("assert", "np.testing", "print")) or last.startswith(" "), \
                f"{path}: test cell {gid} ends with `{last}`; a bare expression would be read as partial credit"
        if notebooks.is_answer(cell):
            assert notebooks.SOLUTION_BLOCK.search(cell.source), f"{path}: answer cell {gid} has no solution block"
        if notebooks.is_manual(cell):
            assert notebooks.SOLUTION_BLOCK.search(cell.source), f"{path}: manual cell {gid} has no model answer"
    for gid, ex in notebooks.exercises(nb).items():
        assert ex.test_indices, f"{path}: answer cell {gid} has no test cell after it"


@pytest.mark.parametrize("assignment_id", by_assignment("-meta"))
def test_step_has_enough_graded_cells(assignment_id):
    nbs = [notebooks.read(p) for p in notebooks.source_notebooks(assignment_id)]
    tests = [c for nb in nbs for c in nb.cells if notebooks.is_test(c)]
    manual = [c for nb in nbs for c in nb.cells if notebooks.is_manual(c)]
    minimum = MIN_TESTS_PER_TRACK if course_config.step_of(assignment_id).number == 7 else MIN_TESTS_PER_STEP
    assert len(tests) >= minimum, f"{assignment_id}: {len(tests)} graded test cells, needs at least {minimum}"
    assert manual, f"{assignment_id}: needs at least one manually graded written answer"


@pytest.mark.parametrize("assignment_id", by_assignment())
def test_solutions_autograde_to_full_marks(graded_course, assignment_id):
    scores = code_scores(graded_course(assignment_id), assignment_id, "solution")
    assert scores
    lost = {k: v for k, v in scores.items() if v[0] != v[1]}
    assert not lost, f"solution lost points on {lost}"


@pytest.mark.parametrize("assignment_id", by_assignment())
def test_untouched_release_autogrades_to_zero(graded_course, assignment_id):
    scores = code_scores(graded_course(assignment_id), assignment_id, "blank")
    assert scores
    earned = {k: v for k, v in scores.items() if v[0] != 0}
    assert not earned, f"the untouched release earned points on {earned}: those tests do not depend on the answer"


@pytest.mark.parametrize("assignment_id", by_assignment())
def test_wrong_answer_loses_points_through_autograde(graded_course, assignment_id):
    """One recorded wrong answer per notebook (the last exercise that has one): exactly that
    exercise's tests lose points; every other test keeps full marks."""
    root = graded_course(assignment_id)
    scores = code_scores(root, assignment_id, "wrong")
    for src in notebooks.source_notebooks(assignment_id):
        gid, answers = wrong_submission_answers(assignment_id, src)
        assert gid, f"{src}: no recorded wrong answers"
        nb = notebooks.read(src)
        group = {notebooks.grade_id(nb.cells[i]) for i in notebooks.exercises(nb)[gid].test_indices}
        mine = {g: v for (name, g), v in scores.items() if name == src.stem}
        assert any(mine[g][0] == 0 for g in group), f"{src.stem}: wrong answer for {gid} kept full marks: {mine}"
        assert all(mine[g][0] in (0, mine[g][1]) for g in group)
        others = {g: v for g, v in mine.items() if g not in group and v[0] != v[1]}
        assert not others, f"{src.stem}: tests outside exercise {gid} lost points: {others}"


@pytest.mark.parametrize("assignment_id, path", by_notebook("-meta"))
def test_every_exercise_has_recorded_wrong_answers(assignment_id, path):
    nb = notebooks.read(path)
    wrong, alternatives = notebooks.load_variants(assignment_id, path.stem)
    answer_ids = set(notebooks.exercises(nb))
    assert notebooks.variants_file(assignment_id, path.stem).exists(), \
        f"record wrong answers in {notebooks.variants_file(assignment_id, path.stem)}"
    unknown = (set(wrong) | set(alternatives)) - answer_ids
    assert not unknown, f"{path.stem}: variants for unknown answer cells {sorted(unknown)}"
    for gid in sorted(answer_ids):
        variants = wrong.get(gid, [])
        assert len(variants) >= 2, f"{path.stem}: answer cell {gid} needs at least 2 recorded wrong answers"
        assert any(v.get("hidden_only") for v in variants), \
            f"{path.stem}: answer cell {gid} needs a wrong answer that passes the visible asserts (hidden_only=True)"
        for v in variants + alternatives.get(gid, []):
            assert v.get("why") and v.get("code", "").strip(), f"{path.stem}: {gid}: each variant needs 'why' and 'code'"


@pytest.mark.parametrize("assignment_id, path", by_notebook("-meta"))
def test_every_exercise_audited_for_the_four_classes(assignment_id, path):
    """Issue 13: each answer cell, for each class of weak test (a docstring promise, numerical
    stability, the library doing the work, a mistake the lesson warns about), has a recorded wrong
    answer tagged audit="<class>" (caught, by the test above) or NOT_APPLICABLE[gid][class]
    saying in words why the class cannot apply -- never both, never neither."""
    nb = notebooks.read(path)
    ledger = notebooks.load_audit(assignment_id, path.stem)
    answer_ids = set(notebooks.exercises(nb))
    problems = [f"audit entries for unknown answer cells {sorted(set(ledger) - answer_ids)}"] if set(ledger) - answer_ids else []
    for gid in sorted(answer_ids):
        entry = ledger.get(gid, {})
        for tag in sorted(set(entry) - set(notebooks.AUDIT_CLASSES)):
            problems.append(f"{gid}: unknown audit class {tag!r} (one of {sorted(notebooks.AUDIT_CLASSES)})")
        for tag in notebooks.AUDIT_CLASSES:
            whys, reason = entry.get(tag, ([], None))
            if not whys and reason is None:
                problems.append(f"{gid}: class {tag!r}: record a wrong answer with audit={tag!r} "
                                f"or NOT_APPLICABLE[{gid!r}][{tag!r}] = '<why it cannot apply>'")
            elif whys and reason is not None:
                problems.append(f"{gid}: class {tag!r} has both a tagged wrong answer and a NOT_APPLICABLE reason")
            elif reason is not None and len(reason) < 20:
                problems.append(f"{gid}: class {tag!r}: the NOT_APPLICABLE reason is too short to judge: {reason!r}")
    assert not problems, f"{path.stem} ({notebooks.variants_file(assignment_id, path.stem)}):\n" + "\n".join(problems)


@pytest.mark.parametrize("assignment_id, path", by_notebook("-kernel"))
def test_wrong_answers_fail_and_alternatives_pass(assignment_id, path):
    """In one kernel: run the solution notebook once, then for each variant replace the
    answer cell and re-run the exercise's cells (answer through its last test)."""
    nb = notebooks.read(path)
    wrong, alternatives = notebooks.load_variants(assignment_id, path.stem)
    exercises = notebooks.exercises(nb)
    problems = []
    with Kernel(path.parent) as k:
        for i, cell in enumerate(nb.cells):
            if cell.cell_type == "code":
                err = k.run(cell.source)
                assert err is None, f"{path.stem}: solution cell {i} ({notebooks.grade_id(cell)}) failed: {err}"
        for gid, ex in exercises.items():
            variants = [("wrong", v) for v in wrong.get(gid, [])] + [("alternative", v) for v in alternatives.get(gid, [])]
            for kind, v in variants:
                label = f"{path.stem}: {gid}: {kind} '{v['why']}'"
                err = k.run(v["code"])
                if err:
                    problems.append(f"{label}: the answer cell itself raises {err}")
                    continue
                outcome = _rerun_exercise(k, nb, ex, check_visible=v.get("hidden_only", False))
                failed = {t: e for t, (e, _) in outcome.items() if e}
                if kind == "alternative":
                    if failed:
                        problems.append(f"{label}: a correct alternative fails {failed}")
                    continue
                if not failed:
                    problems.append(f"{label}: passes every test of its exercise")
                elif not all(e.startswith("AssertionError") for e in failed.values()):
                    problems.append(f"{label}: fails with errors other than AssertionError {failed} "
                                    "(a plausible wrong answer runs and returns the right shape and type)")
                if v.get("hidden_only"):
                    visible_fail = {t: ve for t, (_, ve) in outcome.items() if ve}
                    if visible_fail:
                        problems.append(f"{label}: marked hidden_only but fails the visible asserts {visible_fail}")
            if variants:  # restore the solution for the exercises after this one
                assert k.run(nb.cells[ex.answer_index].source) is None
                outcome = _rerun_exercise(k, nb, ex, check_visible=False)
                assert not any(e for e, _ in outcome.values()), f"{path.stem}: {gid}: restoring the solution failed {outcome}"
    assert not problems, "\n".join(problems)


def _rerun_exercise(k, nb, ex, check_visible):
    """Re-run the cells after the answer through the last test: {test id: (error, visible error)}."""
    outcome = {}
    for i in ex.span()[1:]:
        cell = nb.cells[i]
        if cell.cell_type != "code":
            continue
        if notebooks.is_test(cell):
            visible_err = k.run(notebooks.visible_part(cell.source)) if check_visible else None
            outcome[notebooks.grade_id(cell)] = (k.run(cell.source), visible_err)
        else:
            k.run(cell.source)
    return outcome


@pytest.mark.parametrize("assignment_id", by_assignment())
def test_step_gradebook_csv_agrees_with_nbgrader(graded_course, assignment_id, tmp_path):
    """The per-step CSV for the small graded class holds exactly what nbgrader's Gradebook holds."""
    import csv

    from tools import course, gradebook

    root = graded_course(assignment_id)
    step = course_config.step_of(assignment_id)
    gradebook.write(root, tmp_path)
    with open(tmp_path / f"{step.name}.csv") as f:
        rows = {r["student"]: r for r in csv.DictReader(f)}
    assert set(rows) == {"solution", "blank", "wrong"}
    with course.gradebook(root) as gb:
        for student, row in rows.items():
            sub = gb.find_submission(assignment_id, student)
            for nb in sub.notebooks:
                for g in nb.grades:
                    expected = "" if g.needs_manual_grade else f"{g.score:.2f}"
                    assert row[f"{nb.name}:{g.name}"] == expected, (student, nb.name, g.name)
            assert row["total"] == f"{sub.score:.2f}"
            assert row["max"] == f"{sub.max_score:.2f}"


@pytest.mark.xdist_group("meta")
def test_variant_check_can_fail(monkeypatch):
    """The wrong-answer check flags a correct answer recorded as wrong and a wrong answer
    recorded as an alternative."""
    from conftest import SOURCE_NOTEBOOKS

    a, path = SOURCE_NOTEBOOKS[0]
    nb = notebooks.read(path)
    gid, ex = next(iter(notebooks.exercises(nb).items()))
    solution = notebooks.strip_markers(nb.cells[ex.answer_index].source)
    wrong, _ = notebooks.load_variants(a, path.stem)
    swapped = ({gid: [dict(why="actually correct", hidden_only=True, code=solution)]},
               {gid: [dict(why="actually wrong", code=wrong[gid][0]["code"])]})
    monkeypatch.setattr(notebooks, "load_variants", lambda *_: swapped)
    with pytest.raises(AssertionError) as failure:
        test_wrong_answers_fail_and_alternatives_pass(a, path)
    assert "passes every test of its exercise" in str(failure.value)
    assert "a correct alternative fails" in str(failure.value)
