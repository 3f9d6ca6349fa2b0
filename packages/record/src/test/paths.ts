import type { DecisionRecord, RecordArea, RecordNote } from '../types.ts';

/**
 * Where each note of a record was filed, as `section[.detail]` paths by note id, e.g.
 * `parties.em.positions`, `stages.2`, `scorecard.delivery.gaps`. A note filed twice has two paths.
 */
export function notePaths(r: DecisionRecord): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const put = (path: string, notes: readonly RecordNote[]) => {
    for (const n of notes) out.set(n.id, [...(out.get(n.id) ?? []), path]);
  };
  const areas = (path: string, list: readonly RecordArea[]) => {
    for (const a of list) put(path, a.notes);
  };
  if (r.diagnosis) {
    areas('diagnosis.incentives', r.diagnosis.incentives);
    areas('diagnosis.perspectives', r.diagnosis.perspectives);
    put('diagnosis.verdict', r.diagnosis.verdict);
  }
  for (const p of r.parties) {
    put(`parties.${p.party}.positions`, p.positions);
    put(`parties.${p.party}.needs`, p.needs);
    put(`parties.${p.party}.constraints`, p.constraints);
  }
  if (r.trifecta) {
    for (const c of r.trifecta.corners) {
      put(`trifecta.${c.party}.judgedOn`, c.judgedOn);
      put(`trifecta.${c.party}.success`, c.success);
    }
    areas('trifecta.tensions', r.trifecta.tensions);
    put('trifecta.sharedOutcomes', r.trifecta.sharedOutcomes);
  }
  for (const row of r.scorecard) {
    put(`scorecard.${row.topic}.goodLooksLike`, row.goodLooksLike);
    put(`scorecard.${row.topic}.evidence`, row.evidence);
    put(`scorecard.${row.topic}.gaps`, row.gaps);
  }
  if (r.interestingWork) {
    areas('interestingWork.facets', r.interestingWork.facets);
    put('interestingWork.priorities', r.interestingWork.priorities);
  }
  areas('retro', r.retro);
  put('options', r.options);
  if (r.stages) {
    put('stages.sharedOutcome', r.stages.sharedOutcome);
    for (const s of r.stages.steps) put(`stages.${s.stage}`, s.items);
    put('stages.actions', r.stages.actions);
  }
  put('openQuestions', r.openQuestions);
  areas('otherNotes', r.otherNotes);
  return out;
}
